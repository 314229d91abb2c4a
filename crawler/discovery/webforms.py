"""ASP.NET WebForms pagers: the next page of a listing is a POST of the page's form.

VNPT vnPortal and other WebForms products page with ``javascript:__doPostBack('ctl00$..$pager',
'Page$2')``. Following one means posting every hidden and text field of the form (the 1-2 MB
``__VIEWSTATE`` included) with ``__EVENTTARGET``/``__EVENTARGUMENT`` set. Built by hand because
Scrapy deprecates ``FormRequest.from_response``.
"""

from __future__ import annotations

from typing import Any

import scrapy
from scrapy.http import Response

from crawler.discovery.urls import resolve


def postback_request(response: Response, target: str, argument: str, **kwargs: Any) -> scrapy.FormRequest | None:
    """The POST that a click on a ``__doPostBack(target, argument)`` link sends; None without a form."""
    form = response.xpath("//form[.//input[@name='__VIEWSTATE']]")
    if not form:
        return None
    fields: dict[str, str] = {}
    for field in form[0].xpath(".//input[@name]"):
        kind = (field.attrib.get("type") or "text").lower()
        if kind in ("hidden", "text", "search"):
            fields[field.attrib["name"]] = field.attrib.get("value", "")
    fields.update({"__EVENTTARGET": target, "__EVENTARGUMENT": argument})
    action = resolve(response.url, form[0].attrib.get("action") or response.url)
    if action is None:
        return None
    return scrapy.FormRequest(action, formdata=fields, **kwargs)
