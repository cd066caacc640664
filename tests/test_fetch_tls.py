"""HTTPS with a pinned address: the client connects to the checked IP while TLS uses the
host name for SNI and the certificate check. Needs the ``openssl`` command (skips if
absent) to make a throw-away certificate for ``news.test``."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _http_server import LocalServer, Resource
from newsdesk.fetch import FetchConfig, Fetcher, FetchError

PAGE = b"<html><body><article><p>The night ferry sailed on time.</p></article></body></html>"


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
            ),
            *("-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2"),
            *("-subj", "/CN=news.test", "-addext", "subjectAltName=DNS:news.test"),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture()
def tls_site(certificate: tuple[Path, Path]) -> Iterator[LocalServer]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment]
    with LocalServer({"/robots.txt": Resource(b"", "text/plain")}, tls=context) as server:
        server.add("/page.html", Resource(PAGE, "text/html; charset=utf-8"))
        server.sni_names = names  # type: ignore[attr-defined]
        yield server


def fetcher(cert: Path) -> Fetcher:
    def resolve(host: str, port: int, *args: object) -> list[tuple[Any, ...]]:
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    client_context = ssl.create_default_context(cafile=str(cert))
    config = FetchConfig(allow_private=True, host_delay=0.0, retries=0)
    return Fetcher(config, resolve=resolve, verify=client_context, sleep=lambda s: None)


def test_https_to_the_pinned_address_sends_the_host_name(
    tls_site: LocalServer, certificate: tuple[Path, Path]
) -> None:
    with fetcher(certificate[0]) as client:
        fetched = client.get(f"https://news.test:{tls_site.port}/page.html")
    assert fetched.status == 200 and fetched.content == PAGE
    assert tls_site.hits("/page.html")[0].headers["host"] == f"news.test:{tls_site.port}"
    assert "news.test" in tls_site.sni_names  # type: ignore[attr-defined]


def test_https_certificate_is_checked_against_the_host_name(
    tls_site: LocalServer, certificate: tuple[Path, Path]
) -> None:
    with fetcher(certificate[0]) as client, pytest.raises(FetchError) as err:
        client.get(f"https://other.test:{tls_site.port}/page.html")
    assert "TLS failure" in err.value.problem
    assert "CERTIFICATE_VERIFY_FAILED" in err.value.problem
    assert tls_site.hits("/page.html") == []
