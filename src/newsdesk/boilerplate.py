"""Sentences that are no part of the story: calls for information, contact details, bylines
and publishing boilerplate. Shared by claim alignment and the brief (summary and sections).

Needs: one sentence of cleaned article text. Produces: the reason it is boilerplate, or
``None``. The clean stage already removes whole debris lines; this filter catches what is
left inside the body ("Anyone with information is asked to call police at ...", "X
contributed to this report", "Copyright 2016 ..."), so that such a sentence is never a
summary sentence, a claim to align, or an item of the brief.

Reasons:

* ``call-for-information``: appeals for tips and witnesses ("anyone with information",
  "is asked to call", "Crime Stoppers", "submit a tip");
* ``contact``: phone numbers, e-mail and web addresses, social-media handles;
* ``byline``: author lines, "contributed to this report", "X is a reporter for Y", "follow
  him on";
* ``publishing``: copyright, photo and video credits, "click here", "sign up", update notes;
* ``address``: a bare street address.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["boilerplate_reason", "is_boilerplate"]

_CALL_FOR_INFORMATION = re.compile(
    r"\banyone (?:with|who has|having) (?:any )?(?:information|details|knowledge|video)\b"
    r"|\bif you (?:have|know|saw|see) (?:any )?(?:information|anything|something)\b"
    r"|\b(?:is|are|was|were|being) (?:being )?(?:asked|urged|encouraged|requested)\s+to\s+"
    r"(?:call|contact|text|phone|email|e-mail|submit|reach|come forward|get in touch)\b"
    r"|\b(?:please|should) (?:call|contact) (?:the |police|detectives|investigators)"
    r"|\bcrime ?stoppers\b"
    r"|\b(?:submit|leave|send) (?:an? )?(?:anonymous )?tips?\b"
    r"|\btips? (?:can|may|could) (?:also )?be (?:submitted|left|sent|made|called in)\b"
    r"|\btip ?line\b",
    re.IGNORECASE,
)

_CONTACT = re.compile(
    r"\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b"  # 214-671-3682, (214) 671 3682
    r"|\b1-\d{3}-[\dA-Z]{3}-?[\dA-Za-z]{4}\b"  # 1-877-373-TIPS
    r"|\b\d{3}-\d{4}\b"  # 671-3682
    r"|[\w.+-]+@[\w-]+\.[\w.]+"  # e-mail
    r"|\bhttps?://|\bwww\.\w"
    r"|(?<![\w@])@[A-Za-z_]\w{2,}",  # @handle
)

_BYLINE = re.compile(
    r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b"
    r"|\bis an? (?:staff |senior |freelance |contributing )?(?:writer|reporter|correspondent|"
    r"editor|journalist|producer) (?:for|at|with)\b"
    r"|\b(?:you can )?follow (?:him|her|them|us|me) (?:on|at)\b"
    r"|\b(?:email|e-mail|contact) (?:him|her|them|us|the reporter) at\b",
    re.IGNORECASE,
)

_AUTHOR_LINE = re.compile(
    r"\W*(?i:by|written by|reporting by|authored by|story by)\s+(?:[A-Z][\w.'’-]+\s*){2,4}"
    r"(?:(?:,|and|\||-|–)\s*(?:[A-Z][\w.'’-]+\s*){1,4})*\W*"
)

_PUBLISHING = re.compile(
    r"\bcopyright\b|©|\ball rights reserved\b"
    r"|\((?:photo|image|video|file photo|pictured)\b[^)]*\)"
    r"|^\W*(?:photo|image|video|file photo|watch|related|read more|more)\s*:"
    r"|\bclick here\b|\bsubscribe\b|\bnewsletter\b|\bdownload (?:the|our) app\b"
    r"|\bthis (?:story|article|report|post) (?:has been|was|will be) updated\b"
    r"|^\W*(?:published|updated|posted)\s+(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|"
    r"apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b"
    r"|\((?:published|updated|posted) [^)]*\)"
    r"|\bthis email address is being protected\b|\bjavascript\b"
    r"|\|\s*(?:share|comments?|print|email)\s*$",
    re.IGNORECASE,
)

_ADDRESS = re.compile(
    r"^\W*\d+\s+(?:[NSEW]\.?\s+)?(?:[A-Z][\w.'-]*\s+){1,3}"
    r"(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|way|court|ct|place|pl|"
    r"highway|hwy|parkway|pkwy)\b\.?",
    re.IGNORECASE,
)


@lru_cache(maxsize=16384)
def boilerplate_reason(sentence: str) -> str | None:
    """Why ``sentence`` is boilerplate (see the module docstring), or ``None``."""
    if _CALL_FOR_INFORMATION.search(sentence):
        return "call-for-information"
    if _CONTACT.search(sentence):
        return "contact"
    if _BYLINE.search(sentence) or _AUTHOR_LINE.fullmatch(sentence):
        return "byline"
    if _PUBLISHING.search(sentence):
        return "publishing"
    if _ADDRESS.match(sentence) and len(sentence.split()) <= 8:
        return "address"
    return None


def is_boilerplate(sentence: str) -> bool:
    return boilerplate_reason(sentence) is not None
