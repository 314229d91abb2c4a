"""One module per CMS family; ``FAMILIES`` maps the family name used in sites.py to its class
("custom": a vendor's own code, no family the crawler knows)."""

from __future__ import annotations

from sampleweb.cms.custom import CustomSite
from sampleweb.cms.dotnetnuke import DotNetNukeSite
from sampleweb.cms.joomla import JoomlaSite
from sampleweb.cms.liferay import LiferaySite
from sampleweb.cms.nukeviet import NukeVietSite
from sampleweb.cms.sharepoint import SharePointSite
from sampleweb.cms.vnportal import VnPortalSite
from sampleweb.cms.wordpress import WordPressSite
from sampleweb.site import PortalSite

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
