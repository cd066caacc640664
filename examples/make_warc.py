"""Build ``corpus/archive/kessen_tribune.warc.gz`` (a small, fictional web-crawl capture).

The archive holds a ``warcinfo`` record, the ``request`` and ``response`` for one
article page of the (fictional) Kessen Tribune, and the ``response`` for its
stylesheet, which an ingester must skip because it is not an HTML page.

Record ids, dates and gzip headers are fixed, so running the script again gives a
byte-identical file::

    .venv/bin/python examples/make_warc.py
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "corpus" / "archive" / "kessen_tribune.warc.gz"
PAGE_URL = "https://kessentribune.example/velmora/2025/03/20/old-town-evacuated-after-earthquake"
CSS_URL = "https://kessentribune.example/assets/tribune.css"
CRAWL_DATE = "2025-03-20T11:02:17Z"

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>7 dead, old town evacuated after Velmora earthquake | Kessen Tribune</title>
<meta name="author" content="Jorund Vale">
<meta property="og:site_name" content="Kessen Tribune">
<meta property="og:type" content="article">
<meta property="og:title" content="7 dead, old town evacuated after Velmora earthquake">
<meta property="article:published_time" content="2025-03-20T10:15:00+01:00">
<meta property="article:section" content="Velmora">
<link rel="stylesheet" href="/assets/tribune.css">
</head>
<body>
<div class="consent-overlay">
  <p>We value your privacy. The Kessen Tribune stores cookies on your device to keep you
  signed in and to fund our journalism through advertising.</p>
  <button>Accept</button> <button>Reject non-essential</button>
</div>
<header class="masthead">
  <a href="/" class="logo">Kessen Tribune</a>
  <nav>
    <a href="/velmora">Velmora</a> <a href="/dornach">Dornach</a> <a href="/halvik">Halvik</a>
    <a href="/province">Province</a> <a href="/mountains">Mountains &amp; Snow</a>
    <a href="/notices">Public notices</a>
  </nav>
</header>
<div class="banner-ad"><small>Advertisement</small>
  Halvik Ski Pass: early-bird prices end Sunday</div>
<main>
<article>
  <h1>7 dead, old town evacuated after Velmora earthquake</h1>
  <p class="byline">By Jorund Vale · 20 March 2025, 10:15</p>
  <figure>
    <img src="/media/velmora-old-town-cordon.jpg" alt="Police cordon in Velmora old town">
    <figcaption>Police tape across Mill Lane in the old town on Thursday.
    (Photo: Jorund Vale/Kessen Tribune)</figcaption>
  </figure>
  <p>VELMORA — About 600 residents of Velmora’s old town were told to leave their homes
  on Thursday as engineers warned that more walls could fall, a day after an earthquake
  killed 7 people in the town.</p>
  <p>Mayor Rosalind Achter confirmed 7 deaths at a press conference in the town hall on
  Thursday morning and said more than 100 buildings had been damaged, many of them in
  the lanes around the church of St. Aurel.</p>
  <p>The Halden Geophysical Observatory measured the quake at magnitude 5.6. The
  observatory, which runs its own network of stations in the Kessen mountains, said the
  shaking was strongest on the soft ground along the river.</p>
  <p>The 58 injured were taken to Velmora District Hospital and to the regional hospital
  in Dornach, the regional emergency ministry said.</p>
  <p>The evacuation covers 14 streets between the church and the river. Residents were
  allowed back in pairs, escorted by firefighters, to fetch medicines, documents and pets.</p>
  <p>“We have lived here 40 years. Now we have two bags and a room at my sister’s,” said
  Margit Hollen, who was leaving Mill Lane with her husband and their cat in a basket.</p>
  <p>Engineers from the provincial building authority began marking houses with green,
  yellow and red cards on Thursday. A red card means a house may not be entered until it
  has been made safe.</p>
  <p>The town council will hold an extraordinary session on Friday to release emergency
  funds. A seismic retrofit programme for the old town, launched in January 2024, had
  reached fewer than a third of the buildings it was meant to strengthen, council records
  show.</p>
  <p>Councillor Edda Frisk, who chairs the building committee, said the programme had been
  slowed by a shortage of engineers. “We knew these houses were at risk. We were simply
  not fast enough,” she said.</p>
</article>
<aside class="related">
  <h2>Related</h2>
  <ul>
    <li><a href="/velmora/2025/03/19/live-earthquake">Live: earthquake shakes Velmora</a></li>
    <li><a href="/velmora/2025/03/12/retrofit-budget">Council debates retrofit budget for old
      town</a></li>
    <li><a href="/mountains/2025/03/15/avalanche-risk">Avalanche risk raised to level 3 in
      upper valleys</a></li>
  </ul>
</aside>
</main>
<footer>
  <p>Kessen Tribune · Bridge Street 7 · Velmora. © 2025 Tribune Media Kessen.</p>
  <a href="/imprint">Imprint</a> <a href="/privacy">Privacy</a> <a href="/contact">Contact</a>
</footer>
</body>
</html>
"""

STYLESHEET = "body{font-family:Georgia,serif;margin:0}.masthead{background:#123}"

WARCINFO = (
    "software: newsdesk examples/make_warc.py (warcio)\r\n"
    "format: WARC File Format 1.1\r\n"
    "description: fictional example crawl for the newsdesk test corpus\r\n"
)


def _headers(record_id: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    headers = {"WARC-Record-ID": f"<urn:uuid:{record_id}>", "WARC-Date": CRAWL_DATE}
    headers.update(extra or {})
    return headers


def build(out: Path = OUT) -> Path:
    """Write the archive and return its path."""
    from warcio.warcwriter import WARCWriter

    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="1.1")
        info = writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(WARCINFO.encode("utf-8")),
            warc_content_type="application/warc-fields",
            warc_headers_dict=_headers(
                "0b6f1c8e-2a41-4d7e-9c55-5f3c7a1e0001",
                {"WARC-Filename": out.name},
            ),
        )
        writer.write_record(info)
        request = writer.create_warc_record(
            PAGE_URL,
            "request",
            payload=io.BytesIO(
                b"GET /velmora/2025/03/20/old-town-evacuated-after-earthquake HTTP/1.1\r\n"
                b"Host: kessentribune.example\r\n"
                b"User-Agent: newsdesk-example-crawler/0.1\r\n\r\n"
            ),
            warc_content_type="application/http; msgtype=request",
            warc_headers_dict=_headers("0b6f1c8e-2a41-4d7e-9c55-5f3c7a1e0002"),
        )
        writer.write_record(request)
        writer.write_record(
            _response(writer, PAGE_URL, ARTICLE_HTML, "text/html; charset=utf-8", "0003")
        )
        writer.write_record(_response(writer, CSS_URL, STYLESHEET, "text/css", "0004"))
    return out


def _response(writer: Any, url: str, body: str, ctype: str, suffix: str) -> Any:
    from warcio.statusandheaders import StatusAndHeaders

    data = body.encode("utf-8")
    http_headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", ctype), ("Content-Length", str(len(data)))],
        protocol="HTTP/1.1",
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(data),
        http_headers=http_headers,
        warc_headers_dict=_headers(f"0b6f1c8e-2a41-4d7e-9c55-5f3c7a1e{suffix}"),
    )


if __name__ == "__main__":
    print(build())
