"""newsdesk: turn a pile of news reports into stories a reader can trust."""

from newsdesk.errors import InputError, NewsdeskError, NotFoundError, StoreError
from newsdesk.records import (
    Agreement,
    Article,
    Attribution,
    Bound,
    Brief,
    BriefSentence,
    CleanedText,
    Fact,
    FactGroup,
    Quantity,
    RawDocument,
    Removal,
    SourceRef,
    Story,
    TimeRef,
)

__version__ = "0.1.0"

__all__ = [
    "Agreement",
    "Article",
    "Attribution",
    "Bound",
    "Brief",
    "BriefSentence",
    "CleanedText",
    "Fact",
    "FactGroup",
    "InputError",
    "NewsdeskError",
    "NotFoundError",
    "Quantity",
    "RawDocument",
    "Removal",
    "SourceRef",
    "StoreError",
    "Story",
    "TimeRef",
    "__version__",
]
