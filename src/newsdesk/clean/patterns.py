"""Vocabularies and regular expressions used by the clean rules (general, not per-site)."""

from __future__ import annotations

import re

# ---------------------------------------------------------------- agencies and credits

_AGENCY_NAMES = (
    "Associated Press", "AP Images", "AP", "APTN", "AFP", "Agence France-Presse", "Reuters",
    "Getty Images", "Getty", "WireImage", "EPA-EFE", "EPA", "EFE", "Sputnik", "TASS", "RIA Novosti",
    "Xinhua", "Kyodo News", "Kyodo", "Yonhap", "Jiji Press", "Jiji", "AAP", "ANP", "ANSA", "dpa",
    "PA Images", "PA Wire", "PA", "Press Association", "Anadolu Agency", "Anadolu", "NurPhoto",
    "SOPA Images", "LightRocket", "UPI", "Shutterstock", "Alamy", "Bloomberg", "Redux",
    "ZUMA Press", "ZUMA Wire", "ZUMA", "Imago", "Belga", "Ritzau Scanpix", "Ritzau", "NTB",
    "Abaca", "Sipa", "Polaris", "Rex Features", "Kremlin Pool", "Pool", "Handout",
    "Hollandse Hoogte", "Corbis", "Avalon", "Backgrid", "Eyevine", "Keystone", "Photoshot",
)  # fmt: skip


def _agency_alternation() -> str:
    names: list[str] = []
    for name in sorted(_AGENCY_NAMES, key=len, reverse=True):
        names.extend(dict.fromkeys((name, name.upper())))
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)


AGENCY = rf"(?:{_agency_alternation()})"
AGENCY_RE = re.compile(rf"(?<![\w-]){AGENCY}(?![\w-])")
AGENCY_ONLY_RE = re.compile(rf"{AGENCY}(?:\s*(?:/|,|and|via)\s*{AGENCY})*")
VIA_CAPS_RE = re.compile(r"\bvia\s+[A-Z]{2,}\b")
PHOTO_WORD_RE = re.compile(r"\b(?:Photo|Photos|Photograph|Picture|Image|Pic|Credit|File)\b", re.I)

_NAME = r"[^\W\d_][\w'’.\-]*"
_CAPNAME = r"[A-Z][\w'’.\-]*"
_START = r"(?:^|(?<=\s)|(?<=[.!?]))"

TRAILING_PAREN_RE = re.compile(r"\(([^()]{2,160})\)$")
"""A parenthetical that ends the line; the caller checks that its content is a credit."""
TRAILING_CREDIT_RES = (
    # Photo/Reuters, Photo: NAME, Photograph: NAME/AGENCY, Image credit: ...
    re.compile(
        rf"{_START}(?:Photo|PHOTO|Photos|PHOTOS|Photograph|Picture|Image|IMAGE|Pic|Credit|CREDIT"
        r"|(?i:photo|image|picture) credit)\s*(?::|/|by\b)\s*\S.*$"
    ),
    # Copyright NAME/AGENCY ..., © NAME
    re.compile(rf"{_START}(?:Copyright|©)\s*(?:©\s*)?(?=[^\W\d_])\S.*$"),
    # NAME NAME/AGENCY (optionally /AGENCY ... via AGENCY)
    re.compile(
        rf"{_START}{_CAPNAME}(?:\s+{_CAPNAME}){{0,4}}\s*/\s*{AGENCY}"
        rf"(?:\s*/\s*{_NAME}(?:\s+{_NAME}){{0,3}})?(?:\s+via\s+{AGENCY})?$"
    ),
    # AGENCY Photo/NAME, AGENCY/NAME
    re.compile(
        rf"{_START}{AGENCY}(?:\s+(?:Photo|Images?))?\s*/\s*{_CAPNAME}(?:\s+{_CAPNAME}){{0,3}}$"
    ),
)
MAX_CREDIT_WORDS = 14
CREDIT_WORDS = frozenset(
    """via for and by of the from courtesy credit photo photos image de da di du des dos van von
    der le la al el y e""".split()
)
"""Lowercase words allowed in a credit; every other word of a credit is capitalised."""
MAX_CAPTION_WORDS = 60
CAPTION_SHAPE_RES = (
    re.compile(
        r"(?i:\bin this\b[^.]{0,60}\b(?:(?:file|handout)\s+(?:photo|image|picture)\b"
        r"|(?:photo|image|picture)\s+(?:taken|made|released|provided)\b[^.]{0,80})[.)]?)$"
    ),
    re.compile(r"\((?i:file|handout)(?:\s+(?:photo|picture|image))?\)$"),
    re.compile(r"(?:STAFF |AP |FILE |)PHOTO(?:GRAPH)?\s+BY\s+[A-Z][A-Za-z.'’ -]{2,40}\s+\S"),
    re.compile(
        r"(?:ABOVE|BELOW|LEFT|RIGHT|TOP|INSET|PICTURED|MAIN PICTURE|MAIN IMAGE)\s*:\s+[A-Z]"
    ),
    re.compile(
        r".{0,80}\b[A-Z][\w.'’-]+,\s+(?:(?:second|third|far|top|bottom)\s+)?(?:from\s+)?"
        r"(?:left|right|center|centre)(?:\s+to\s+right)?,\s"
        r"|.{0,80}\((?:left|right|centre|center|front|back|top|bottom)\)\s"
    ),
)
"""Captions known by their shape, credit or not: ``... in this June 3 file photo.``,
``STAFF PHOTO BY NAME ...``, ``ABOVE: ...``, ``NAME, left, and NAME ...``."""

# ---------------------------------------------------------------- widgets, ads, loading

WIDGET_WORDS = frozenset(
    """share shares sharing this the article story page post on via by comments comment close
    button facebook twitter x whatsapp linkedin email e-mail mail print copy copied link url
    tweet pin pinterest reddit telegram messenger flipboard bluesky threads save saved bookmark
    gift open opens new window tab in menu toggle show hide more options add to favorites
    favourites reading list listen audio font size text a an feedback icon expand collapse
    fullscreen full screen""".split()
)
WIDGET_ANCHORS = frozenset(
    """share comments comment tweet print whatsapp facebook twitter linkedin pinterest reddit
    telegram flipboard messenger bluesky email e-mail bookmark close button save listen""".split()
)
MAX_WIDGET_TOKENS = 12

UI_WORDS = frozenset(
    """search go back to top next previous prev page of more print printer friendly printable
    version email e-mail mail send this article story it a friend rate share login log in out
    sign up register subscribe contact us about advertise advertising privacy policy terms
    conditions use service site map sitemap help home rss feed feeds font text size larger
    smaller digg del.icio.us delicious reddit stumbleupon furl mixx newsvine facebook twitter
    technorati bookmark bookmarks comments comment reply report abuse close skip content
    navigation menu main view all image images photo photos gallery video videos audio enlarge
    index archive archives newsletters newsletter alerts mobile save and or the your our on for
    click here post add""".split()
)
"""Words of page controls (an interface label is made of these only)."""
UI_ANCHORS = frozenset(
    """search print printer printable email e-mail login log register subscribe privacy terms
    sitemap rss font digg del.icio.us delicious reddit stumbleupon furl mixx newsvine technorati
    bookmark enlarge top next previous prev page advertise abuse rate""".split()
)
UI_PHRASES = re.compile(r"\b(?:contact us|about us)\b|\[\s*[-+]\s*\]")
"""Controls that no single anchor word gives away: ``Contact us``, ``[ - ] Text [ + ]``."""
"""At least one of these makes it a control rather than a heading."""
MAX_UI_TOKENS = 10
UI_TOKEN_RE = re.compile(r"[a-z][a-z.\-]*[a-z]|[a-z]")

AD_RE = re.compile(
    r"(?:advertisements?|advert|ads?|sponsored(?: content)?|paid content|promoted(?: content)?"
    r"|partner content|(?:story|article|content) continues below(?: this)? (?:advertisement|ad)"
    r"|continue reading(?: the main story)? below|(?:advertisement )?scroll to continue"
    r"(?: with content)?|ad feedback|report this ad|skip advertisement)",
    re.I,
)
LOADING_RE = re.compile(
    r"(?:loading|buffering|please wait)(?:\s+(?:video|audio|comments|content|player|image"
    r"|images|map|gallery|interactive|tweet|post|embed))?\s*(?:\.{2,3}|…)?",
    re.I,
)

# ---------------------------------------------------------------- dates

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAYS = (
    r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|sday|urday|rsday)?\.?\s*,?"
)
_ORD = r"\d{1,2}(?:st|nd|rd|th)?"
DATE_RES = (
    re.compile(
        r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
    ),
    re.compile(r"\b\d{1,2}\s*[/.]\s*\d{1,2}\s*[/.]\s*(?:\d{4}|\d{2})\b"),
    re.compile(rf"(?:\b{_WEEKDAYS}\s+)?\b{_MONTHS}\s+{_ORD}\s*,?\s+\d{{4}}\b", re.I),
    re.compile(rf"(?:\b{_WEEKDAYS}\s+)?\b{_ORD}\s+{_MONTHS}\s*,?\s+\d{{4}}\b", re.I),
    re.compile(
        r"\b(?:\d+|an?|one)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)"
        r"(?:\s*(?:,|and)\s*\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?))?\s+ago\b",
        re.I,
    ),
    # 20080109; 9th, Jan 2008; Friday, January 11; Dec 28; 01/09
    re.compile(r"\b(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\b"),
    re.compile(rf"\b{_ORD}\s*,\s*{_MONTHS}\s*,?\s+\d{{4}}\b", re.I),
    re.compile(rf"\b{_WEEKDAYS}\s+{_MONTHS}\s+{_ORD}\b(?!\s*\d)", re.I),
    re.compile(rf"\b{_MONTHS}\s+{_ORD},?\s+(?=\d{{1,2}}[:.]\d\d)", re.I),
    re.compile(rf"\b{_WEEKDAYS}\s+{_ORD}\s+{_MONTHS}(?!\s*,?\s*\d)", re.I),
    re.compile(r"\b\d{1,2}/\d{1,2}\b(?!/)"),
)
_ZONES = (
    r"GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|MSK|IST|JST|AEST|AEDT|AWST"
    r"|ACST|NZST|NZDT|HKT|SGT|SAST|CAT|EAT|WAT|WIB|ET|CT|MT|PT"
)
DATE_TIME_RES = (
    re.compile(r"\b\d{1,2}\s*[:.]\s*\d{2}(?:\s*[:.]\s*\d{2})?\s*(?:[ap]\.?m\.?)?(?!\w)", re.I),
    re.compile(rf"\b\d{{3,4}}\s*(?:hrs\b|h\b|(?:{_ZONES})\b)", re.I),
    re.compile(r"\b\d{1,2}[ap]\.?m\.?(?!\w)", re.I),
    re.compile(rf"\b(?:{_ZONES})(?:\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?)?\b"),
)
"""Times of day and time zones."""
DATE_LABEL_RE = re.compile(
    r"\b(?:date[d]?|published|updated|posted|last updated|last modified|first published"
    r"|modified|created|on|at|today|yesterday|last update|last edited|edited|released?"
    r"|page updated|article last updated|time|hrs)\b:?",
    re.I,
)
DATE_EXTRA_RES = (*DATE_TIME_RES, DATE_LABEL_RE, LOADING_RE)
"""What a dateline may hold besides dates (the first one is a time of day)."""
MAX_DATELINE_WORDS = 16
STAMP_LABEL_RE = re.compile(
    r"(?:updated|published|posted|last updated|last modified|first published)\b", re.I
)
"""A line opening with one of these labels may give only a time (``Updated at 1:23 p.m.``)."""
_META_LABEL = (
    r"(?:Tags?|TAGS?|Filed under|FILED UNDER|Topics?|Categor(?:y|ies|ia|ie)|Keywords|Posted in"
    r"|Published by|Posted by|Publicado por|Tempo de leitura|Reading time|Read time|Lesezeit"
    r"|Temps de lecture|Tiempo de lectura)\s*:"
)
META_LINE_RES = (
    re.compile(rf"{_META_LABEL}.*"),
    re.compile(rf".*\b{_META_LABEL}.*\b{_META_LABEL}.*"),
    re.compile(r"(?:\d+|an?|one)\s*(?:-\s*)?(?:min(?:ute)?s?\.?)\s+read", re.I),
)
"""Page metadata: ``Tags: a, b``, ``Filed under: X |``, ``5 min read``, or a line with two or
more such labels (``DATE - Posted by: NAME - Category: X - Tags: ...``)."""
MAX_META_WORDS = 20
DATE_SEPARATORS_RE = re.compile(r"[\s|•·,:;–—\-/()\[\]?Â]+")
DATE_SOURCE_RES = (
    re.compile(
        r"\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|cn|uk|au|ca|in|de|fr)\b", re.I
    ),
    re.compile(r"\(\s*[A-Z]{2,5}\s*\)|\b[A-Z]{2,4}\b"),
)
"""Beside a date, a dateline may name its source: a domain, an agency code (``PTI``, ``(SA)``)."""

# ---------------------------------------------------------------- people and sign-offs

BYLINE_RE = re.compile(r"(?:By|BY|by|Written by|Words by|Story by|Text by|Reporting by)[\s:]+(.+)")
ROLE_WORDS = frozenset(
    """staff writer writers reporter reporters correspondent correspondents editor editors
    columnist columnists contributor contributors photographer special chief senior sports
    political business foreign diplomatic economics science health legal city our own
    associated press national international agencies agency wire services news""".split()
)
"""Lower-case words a byline may add to names (``AP Business Writer``, ``Staff and agencies``)."""
_QUALIFIER = (
    r"(?:special|staff|chief|senior|sports|political|business|foreign|diplomatic|economics"
    r"|science|health|legal|city|tv|radio|entertainment|technology|music|film|arts|and|ap|afp"
    r"|white house)"
)
_ROLE = r"(?:writers?|reporters?|correspondents?|editors?|columnists?|contributors?|staff|reports?)"
ROLE_LINE_RE = re.compile(
    rf"(?i:(?:by\s+)?(?:(?:our|the)\s+)?(?:own\s+)?(?:{_QUALIFIER}\s+)+{_ROLE}"
    rf"|(?:by\s+)?our\s+(?:own\s+)?{_ROLE}"
    r"|(?:staff|our correspondents?)\s+and\s+(?:agencies|wire services|news services)"
    r"|agencies|wire services|news services|news desk)"
)
"""A byline without a name: ``Staff writer``, ``OUR SPECIAL CORRESPONDENT``, ``Staff and
agencies``."""
CREDIT_LABEL_RE = re.compile(
    r"(?i:editor|editors|author|authors|courtesy|source|sources|compiled by|edited by"
    r"|reported by|photographer|writer|reporter|correspondent)\s*:\s*(.+)"
)
"""``Editor: NAME``, ``Author : AGENCY``, ``Courtesy: NAME``, ``Source: AGENCY``."""
AGENCY_LINE_RE = re.compile(rf"[-–—(]*\s*(?:(?i:the)\s+)?{AGENCY}(?:\s*[,/]\s*{AGENCY})*\s*\)?")
"""A line that only names a wire agency: ``Reuters``, ``- AAP``, ``The Associated Press``."""
NEWS_ORG_END_RE = re.compile(
    rf"(?:{AGENCY}|(?:,\s*|\b[A-Z]{{2,}}\s+)(?:[A-Z][\w&.'’-]*\s+)*(?:News(?:\s+Service)?|Press"
    r"|Newswire|Wire|News Agency|News Network|Broadcasting))$"
)
"""A short credit line ending with a news organisation: ``Hugh Gentry, Reuters``."""
MAX_CREDIT_LINE_WORDS = 8
NAME_CONNECTORS = frozenset(
    "and in at for of the de da di del der van von le la al bin ibn y e am pm updated published"
    .split()
) | ROLE_WORDS  # fmt: skip
MAX_BYLINE_TOKENS = 12
NAME_SPLIT_RE = re.compile(r"[\s,;&|•·/–—\-?\ufffd]+")

_CODES = r"[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})*"
SIGNOFF_RES = (
    re.compile(rf"\(\s*{_CODES}\s*\)"),
    re.compile(r"[a-z]{2,5}(?:\s*/\s*[a-z]{2,5})+(?:\s*\([^()]{1,60}\))?"),
    re.compile(rf"[a-z]{{2,5}}\s*\({AGENCY}(?:\s*,\s*{AGENCY})*\)"),
    re.compile(
        rf"(?:Authored|Written|Posted|Submitted|Republished|Reprinted|Syndicated)\s+by\s+"
        rf"{_CAPNAME}(?:\s+{_CAPNAME}){{0,4}}\s+(?:via|for|at|on|from)\s+\S[^.!?]{{0,80}}\.?"
    ),
    re.compile(
        r"(?:This (?:article|story|piece|post) )?(?:was )?(?:originally|first) "
        r"(?:published|appeared|posted)\b.{0,120}",
        re.I,
    ),
    re.compile(r"-{1,3}\s*30\s*-{1,3}|#{3}|\*{3}|\(?-?ENDS?-?\)?|-{2,}\s*END\s*-{2,}"),
)

CONTRIB_TAIL_RE = re.compile(
    r"\bcontributed\s+(?:(?:additional\s+)?reporting(?:\s+(?:to|for)\s+(?:this|the)\s+"
    r"(?:report|story|article))?|to\s+(?:this|the)\s+(?:report|story|article|reporting))\.?\)?$",
    re.I,
)
CONTRIB_LEAD_RE = re.compile(
    r"\(?(?:Additional |Further |With )?(?:reporting|writing|editing|research|compiled|"
    r"translation|translated|produced|graphics)\s+(?:by|from)\s+(.+)",
    re.I,
)
CONTRIB_WORDS = frozenset(
    """and by in from with of the at for additional further reporting writing editing research
    compiled translation translated graphics produced de van von al da""".split()
)
MAX_CONTRIB_WORDS = 40

_ROLES = (
    r"(?:writer|reporter|correspondent|journalist|editor|columnist|contributor|producer"
    r"|photographer|photojournalist|blogger|anchor|author|freelancer|intern|fellow)s?"
)
_BIO_NAME = rf"(?P<name>{_CAPNAME}(?:\s+{_CAPNAME}){{0,3}})"
BIO_RE = re.compile(
    rf"{_BIO_NAME}\s+(?:is|was|has been)\s+(?:a|an|the)\s+(?:[\w'’\-]+\s+){{0,5}}?{_ROLES}\b"
)
BEAT_RE = re.compile(
    rf"{_BIO_NAME}\s+(?:(?:covers|writes\s+(?:about|on)|reports\s+(?:on|about))\s[^.!?]{{0,120}}?"
    r"\bfor|(?:writes|reports)\s+for)\s+(?:the\s+)?[A-Z]"
)
"""``NAME covers the port and shipping for OUTLET``: a beat bio (the caller checks NAME)."""
CONTACT_RE = re.compile(
    r"\b(?i:follow|reach|contact|e-?mail|write\s+to|find)\s+"
    r"(?:(?i:him|her|them|me|us|the\s+\w+)|[A-Z][\w'’.\-]+)\b.{0,80}?"
    r"(?:\b(?:Twitter|Instagram|Facebook|Threads|Bluesky|LinkedIn|Mastodon|TikTok|YouTube|X)\b"
    r"|@\w|https?://)"
)
CONTACT_LINE_RE = re.compile(
    r"(?:You can |Please )?(?:follow|reach|contact|e-?mail|write to|find)\b", re.I
)
"""A sentence that starts like a contact line; with :data:`CONTACT_RE` in it, it is one."""
MAX_CONTACT_WORDS = 40

BARE_LINK_RES = (
    re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+"),
    re.compile(
        r"(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram|linkedin|tiktok|youtube)\.com"
        r"/[\w.@\-/]+"
    ),
    re.compile(r"https?://\S+\.(?:jpe?g|png|gif|webp|svg)(?:\?\S*)?", re.I),
    re.compile(r"https?://\S*/[^/\s]*(?:-[^/\s-]+){4,}[^/\s]*/?"),
)
"""A line that is only an e-mail address, a social profile, an image URL, or the URL of an
article (a slug of five or more hyphenated words). Short links and bare domains are kept."""

EMAIL_OBFUSCATION_RE = re.compile(
    r"This e-?mail address is being protected from spam\s?bots\.?"
    r"(?:\s*You need JavaScript enabled to view it\.?)?",
    re.I,
)

_AFTER_SENTENCE = r"(?<=[.!?…\"”’)])\s+"
GLUED_NOTICE_RE = re.compile(
    _AFTER_SENTENCE + r"(?:(?:(?i:copyright)|©|ⓒ|\([cC]\))\s*(?:©\s*)?(?:19|20)\d\d\b[^\n]{0,160}"
    r"|[^.!?\n]{0,80}\b(?i:all rights reserved)\.?(?:\s+(?i:this material may not)[^\n]{0,120})?"
    r"|(?i:this material may not be published, broadcast, rewritten,? or redistributed)[^\n]{0,80}"
    r")$"
)
"""A rights notice glued after the last sentence of a paragraph (``... said. © 2024 OUTLET.
All rights reserved.``): only the notice goes, from the end of the sentence to the end of
the line."""

# ---------------------------------------------------------------- promos, lists, notices

RELATED_HEADERS = frozenset(
    (
        "you might also like", "you may also like", "you might like", "you may like",
        "read more", "read also", "also read", "related", "related articles", "related stories",
        "related coverage", "related content", "related news", "related topics",
        "related reading", "related links", "more on this story", "more on this",
        "more on this topic", "recommended", "recommended for you", "recommended stories",
        "most read", "most popular", "most viewed", "trending", "trending now",
        "trending stories", "see also", "don't miss", "dont miss", "latest news",
        "latest stories", "top stories", "more stories", "more news", "read next",
        "what to read next", "editor's picks", "editors' picks", "popular now", "in other news",
        "further reading", "more coverage", "keep reading", "more to explore",
        "you may have missed", "more top stories", "explore further",
    )
)  # fmt: skip
MORE_FROM_RE = re.compile(
    r"(?:More (?:from|by|on)|(?:Most read|Most popular|Popular) (?:in|on|at)) \S.{0,40}", re.I
)
INLINE_RELATED_RE = re.compile(
    r"[\[(]?(?:READ MORE|Read more|Read More|READ ALSO|Read also|ALSO READ|Also read|RELATED"
    r"|Related(?: (?:post|article|story|coverage|content|reading|link)s?)?|SEE ALSO|See also"
    r"|SEE MORE|See more|See More|MORE|More|(?:Leggi anche|Lesen Sie auch|Lea también"
    r"|Leia também|Lire aussi)(?: su)?)\s*[:|]\s*\S.*"
)
MIN_PROMO_WORDS = 8
MAX_PROMO_WORDS = 30
PROMO_LABEL_RE = re.compile(
    r"(?i:watch|listen|video|photos?|gallery|in pictures|opinion|live|latest|exclusive|breaking"
    r"|podcast)\s*[:|]\s*\S.*"
)
KICKER_QUESTION_RE = re.compile(r"([^\W\d_][^:?!.]{0,40}):\s+\S.*\?")
"""A question headline after a kicker and a colon (the caller checks caps and kicker length)."""
MIN_KICKER_WORDS = 2
"""A one-word kicker is more likely a speaker label (``SMITH: WHY NOW?``) than a promo."""
MAX_KICKER_WORDS = 5
_SUBSCRIPTION = r"(?:our|newsletters?|briefings?|alerts?|podcasts?|channel|youtube|updates|digest)"
_SENTENCE_START = r"(?:^|(?<=[.!?…])\s+)"
CTA_RE = re.compile(
    _SENTENCE_START
    + r"(?:(?:click|tap) here\b"
    + rf"|(?:sign up|subscribe)\b.{{0,60}}\b{_SUBSCRIPTION}\b"
    + r"|(?:download|get) (?:the|our) .{0,40}\bapps?\b"
    + r"|(?:follow|join|like) us on\b"
    + r"|join our\b.{0,60}$"
    + r"|(?:like this (?:story|article)\?\s*)?share (?:it|this) with)",
    re.I,
)
"""A call to action opening a sentence of a short line."""
MAX_CTA_WORDS = 25
NEWSLETTER_RE = re.compile(
    _SENTENCE_START
    + r"(?:(?:(?:click|tap) here to |please )?(?:sign up|subscribe|register|get|receive"
    + r"|start your day)\b[^.!?]{0,100}?\b(?:newsletters?|briefings?|inbox|e-?mail alerts)\b"
    + r"|thanks?(?: you)? for (?:signing up|subscribing)\b|keep an eye on your inbox\b)",
    re.I,
)
"""A sentence that invites the reader to a newsletter."""
NEWSLETTER_HEADING_RE = re.compile(r"(?:[A-Z][\w'’&+\-]*\s+){1,4}(?:Newsletters?|NEWSLETTERS?)")
MAX_NEWSLETTER_WORDS = 30

MAX_RIGHTS_WORDS = 40
RIGHTS_RE = re.compile(
    r"\ball rights reserved\b(?=\.?\s*(?:$|this material))"
    r"|^(?:copyright|©|ⓒ)\s*(?:[©ⓒ]\s*)?(?:\d{4}|\(c\))"
    r"|^copyright\s*[©ⓒ]"
    r"|^this material may not be published, broadcast, rewritten,? or redistributed"
    r"|\bfor your personal,? non-?commercial use only\b",
    re.I,
)
"""Searched in the line (``^`` anchors the notices that must open it)."""
SHORT_RIGHTS_RE = re.compile(
    r"(?i:copyright)\s+\S.{0,60}\b(?:19|20)\d{2}\b.*|\((?i:c)\)\s*(?:(?:19|20)\d\d\s*,?\s*)?[A-Z].{0,80}"
    r"|©\s*(?:(?:19|20)\d\d\s*,?\s*)?[A-Z].{0,80}"
)
"""``copyright OUTLET 2019 - ISSN ...``: only for short lines that do not end a sentence."""
MAX_SHORT_RIGHTS_WORDS = 10
