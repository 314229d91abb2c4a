"""The sample web: realistic local-government portals served on 127.0.0.1.

Eight sites, one per CMS family found on Vietnamese HĐND and district portals (SharePoint, Liferay,
vnPortal, NukeViet, DotNetNuke, WordPress, Joomla) and one commune portal of no known CMS (a
vendor's own code: HTML5 and old table templates, short articles), publish the hand-written
articles of ``corpus/`` inside their real-world markup, URL shapes, boilerplate, traps and bad pages. The test
suite crawls them to prove the crawler works, and ``hdnd demo`` crawls them to show the product
offline. ``gold()`` says what the crawler should bring back from each article page.

``SyntheticSite`` is a single generated portal of thousands of articles for throughput benchmarks.
"""

from __future__ import annotations

from sampleweb.corpus import Article, Caption, Copy, CorpusError, load_corpus
from sampleweb.gold import GoldPage
from sampleweb.server import LoggedRequest
from sampleweb.synthetic import SyntheticSite
from sampleweb.web import SampleWeb

__all__ = ["Article", "Caption", "Copy", "CorpusError", "GoldPage", "LoggedRequest", "SampleWeb",
           "SyntheticSite", "load_corpus"]
