"""Scrapy spiders of the project: one generic spider, ``portal``, driven by the site registry."""
