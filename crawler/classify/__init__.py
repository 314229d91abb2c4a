"""What an extracted article is: HĐND news or not (hdnd.py, with the evidence), the signature that
finds its copies on other sites (fingerprint.py), the abbreviation groups it mentions.

``classify_article`` fills these fields of an extraction; ``crawler.extract.extract`` reads a page
and then calls it, so every archived article carries them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crawler.classify.fingerprint import fingerprint
from crawler.classify.hdnd import classify
from crawler.lang import abbreviations

if TYPE_CHECKING:  # the extractor calls this module: importing it back would be a cycle
    from crawler.extract.model import Extracted


def classify_article(ex: Extracted) -> Extracted:
    """Set ``hdnd`` with its score and reasons, the near-duplicate ``fingerprint`` of lead and
    body, and the ``abbreviations`` groups the article mentions."""
    verdict = classify(ex.title, ex.lead, ex.text)
    ex.hdnd, ex.hdnd_score, ex.hdnd_reasons = verdict.hdnd, verdict.score, list(verdict.reasons)
    ex.fingerprint = fingerprint("\n\n".join(p for p in (ex.lead, ex.text) if p))
    ex.abbreviations = abbreviations.detect("\n".join((ex.title, ex.lead, ex.text, *ex.captions)))
    return ex
