"""Scrapy settings for the portal spider (``scrapy.cfg`` points here).

Polite by default: robots.txt obeyed, AutoThrottle on, two requests at a time per site (each site
gets its own download slot, see the spider), a User-Agent that says who we are. The project's own
settings (HDND_*) are defined once in crawler/crawl/config.py.
"""

from crawler.crawl.config import DEFAULTS
from crawler.crawl.middlewares.user_agent import user_agent

globals().update(DEFAULTS)

BOT_NAME = "hdnd"
SPIDER_MODULES = ["crawler.crawl.spiders"]
NEWSPIDER_MODULE = "crawler.crawl.spiders"

# What robots.txt rules are matched against; requests carry the one ContactUserAgentMiddleware
# builds from this crawl's HDND_CONTACT (the same product token).
USER_AGENT = user_agent(DEFAULTS["HDND_CONTACT"])
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Many sites at once: take requests round-robin from sites whose download slots are free.
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"

DOWNLOAD_TIMEOUT = 60
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024   # ASP.NET view state makes 1-2 MB pages ordinary
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
# Off, as Scrapy advises for broad crawls: news pages need no session, and Scrapy's cookie
# middleware would fetch the public suffix list from the internet on first use.
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REFERER_ENABLED = True
HTTPCACHE_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

SPIDER_MIDDLEWARES = {
    # the spider's output meets the higher number first: traps go before the query-variant cap
    # counts them, so a calendar's links never use up the variants a category listing needs
    "crawler.crawl.middlewares.drop_traps.TrapFilterMiddleware": 560,
    "crawler.crawl.middlewares.variants.QueryVariantMiddleware": 550,
}
DOWNLOADER_MIDDLEWARES = {
    # in place of Scrapy's UserAgentMiddleware, which sends USER_AGENT as imported
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.crawl.middlewares.user_agent.ContactUserAgentMiddleware": 500,
    # after robots.txt (100), so requests robots.txt forbids never use up the budget
    "crawler.crawl.middlewares.budget.SiteBudgetMiddleware": 150,
    # before RedirectMiddleware (600) sees the response
    "crawler.crawl.middlewares.known.KnownRedirectMiddleware": 650,
}
ITEM_PIPELINES = {
    "crawler.crawl.pipelines.archive.ArchivePipeline": 300,
}
EXTENSIONS = {
    "crawler.crawl.extensions.progress.Progress": 500,
}
