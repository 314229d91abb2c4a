"""One module per CMS family; ``FAMILIES`` maps the family name used in sites.py to its class
("custom": a vendor's own code, no family the crawler knows)."""

from __future__ import annotations

from crawler.sampleweb.cms.custom import CustomSite
from crawler.sampleweb.cms.dotnetnuke import DotNetNukeSite
from crawler.sampleweb.cms.joomla import JoomlaSite
from crawler.sampleweb.cms.liferay import LiferaySite
from crawler.sampleweb.cms.nukeviet import NukeVietSite
from crawler.sampleweb.cms.sharepoint import SharePointSite
from crawler.sampleweb.cms.vnportal import VnPortalSite
from crawler.sampleweb.cms.wordpress import WordPressSite
from crawler.sampleweb.site import PortalSite

FAMILIES: dict[str, type[PortalSite]] = {
    "sharepoint": SharePointSite,
    "liferay": LiferaySite,
    "vnportal": VnPortalSite,
    "nukeviet": NukeVietSite,
    "dotnetnuke": DotNetNukeSite,
    "wordpress": WordPressSite,
    "joomla": JoomlaSite,
    "custom": CustomSite,
}
