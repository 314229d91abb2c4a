"""An ASP.NET WebForms view state: the megabyte of base64 that makes vnPortal pages heavy.

Generated once per size from a fixed seed and cached: the content is noise (as real view state is
to a crawler), but it must be the same on every run and cost nothing per request.
"""

from __future__ import annotations

import base64
import random
from functools import lru_cache

VIEWSTATE_BYTES = 900_000          # ~1.2 MB once base64-encoded
GENERATOR = "CA0B0334"


@lru_cache(maxsize=4)
def viewstate(size: int = VIEWSTATE_BYTES) -> str:
    """Base64 of ``size`` bytes that start like a real serialized view state (``/wEP``)."""
    rng = random.Random(1258 + size)
    head = b"\xff\x01\x0f\x0f\x05\x0a-1589274561\x0f\x16\x02\x1e"
    return base64.b64encode(head + rng.randbytes(max(0, size - len(head)))).decode("ascii")


@lru_cache(maxsize=4)
def event_validation(key: str) -> str:
    rng = random.Random(key)
    return base64.b64encode(b"\xff\x01\x14" + rng.randbytes(180)).decode("ascii")


def hidden_fields(key: str, size: int = VIEWSTATE_BYTES) -> str:
    """The hidden inputs at the top of every WebForms form."""
    return (
        '<div class="aspNetHidden">\n'
        '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />\n'
        '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />\n'
        f'<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{viewstate(size)}" />\n'
        "</div>\n"
        '<script type="text/javascript">\n//<![CDATA[\nvar theForm = document.forms[\'aspnetForm\'];\n'
        "function __doPostBack(eventTarget, eventArgument) {\n"
        "    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {\n"
        "        theForm.__EVENTTARGET.value = eventTarget;\n"
        "        theForm.__EVENTARGUMENT.value = eventArgument;\n"
        "        theForm.submit();\n    }\n}\n//]]>\n</script>\n"
        '<div class="aspNetHidden">\n'
        f'<input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="{GENERATOR}" />\n'
        f'<input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="{event_validation(key)}" />\n'
        "</div>\n"
    )
