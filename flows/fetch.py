"""Safe URL fetching: the only module of claimcred that opens network connections.

``fetch(url, ...)`` accepts http and https only. It resolves the host itself,
refuses the request when ANY resolved address is private, loopback,
link-local, multicast, reserved or unspecified, then connects to the address
it checked (so a second DNS answer cannot swap in an internal one). Redirects
are followed by hand, at most ``max_redirects`` hops, and every hop is checked
the same way. Each socket operation has a timeout and the whole fetch a
deadline; bodies larger than ``max_bytes`` are refused without being read in
full. Proxies from the environment are not used.

Loopback can be allowed with ``allow_loopback=True``, meant only for tests
that run a local HTTP server on 127.0.0.1; private and link-local addresses
stay refused even then.

``fetch_fakes(settings, ...)`` downloads the full FA-KES CSV from its Zenodo
record into the data home and checks its checksums.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import logging
import socket
import ssl
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from flows.config import Settings

logger = logging.getLogger(__name__)

USER_AGENT = "claimcred/0.1 (+https://github.com/; credibility research)"
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
CHUNK_BYTES = 64 * 1024

FAKES_RECORD_ID = "2607278"
FAKES_RECORD_API = f"https://zenodo.org/api/records/{FAKES_RECORD_ID}"
FAKES_FILE_NAME = "FA-KES-Dataset.csv"
FAKES_FILE_URL = f"https://zenodo.org/records/{FAKES_RECORD_ID}/files/{FAKES_FILE_NAME}?download=1"
# SHA-256 measured on a public copy of the full 804-row FA-KES CSV.
FAKES_SHA256 = "a7104da367bad8462d87f9602391c7de56ddcdaaa55bd5c7d1e07aeaed64f45a"
FAKES_MAX_BYTES = 50_000_000


class FetchError(ValueError):
    """A URL was refused or could not be fetched; the message names the URL and the reason.

    ``transient`` is True for failures a later retry may cure (timeouts, connection errors,
    name resolution failures, HTTP 429 and 5xx); refusals, caps and 4xx are permanent.
    """

    def __init__(self, message: str, transient: bool = False):
        super().__init__(message)
        self.transient = transient


@dataclass(frozen=True)
class FetchResult:
    """A fetched response body with the URL it finally came from (after redirects)."""

    url: str
    status: int
    content_type: str
    body: bytes


def check_address(address: str, allow_loopback: bool = False) -> None:
    """Raise ``FetchError`` unless ``address`` is a public unicast IP address.

    Args:
        address: an IPv4 or IPv6 address as text.
        allow_loopback: let loopback addresses through (tests with a local server only).

    Raises:
        FetchError: the address is private, loopback, link-local, multicast, reserved or unspecified.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        if allow_loopback:
            return
        raise FetchError(f"address {address} is loopback; claimcred fetches only public addresses")
    for kind, flag in (
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
    ):
        if flag:
            raise FetchError(f"address {address} is {kind}; claimcred fetches only public addresses")
    if not ip.is_global:
        raise FetchError(f"address {address} is not globally routable; claimcred fetches only public addresses")


def resolve_host(host: str, port: int, allow_loopback: bool = False) -> list[str]:
    """Resolve ``host`` and check every address it resolves to; return the addresses.

    Raises:
        FetchError: the host does not resolve, or any of its addresses is refused by ``check_address``.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"could not resolve host {host!r} ({error})", transient=True) from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchError(f"host {host!r} resolved to no address")
    for address in addresses:
        try:
            check_address(address, allow_loopback=allow_loopback)
        except FetchError as error:
            raise FetchError(f"host {host!r} refused: {error}") from None
    return addresses


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP connection to an address checked beforehand, whatever DNS says now."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS connection to a checked address; the certificate is verified against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _split_url(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(f"{url}: scheme {scheme or '(none)'!r} refused; only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: no host name in the URL")
    if parts.username or parts.password:
        raise FetchError(f"{url}: URLs with credentials are refused")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(f"{url}: bad port ({error})") from error
    target = parts.path or "/"
    if parts.query:
        target += "?" + parts.query
    return scheme, parts.hostname, port, target


def _request_once(url: str, timeout: float, deadline: float, max_bytes: int, allow_loopback: bool) -> tuple[int, dict, bytes]:
    scheme, host, port, target = _split_url(url)
    address = resolve_host(host, port, allow_loopback=allow_loopback)[0]
    connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(host, port, address, timeout)
    try:
        connection.request(
            "GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity", "Accept": "*/*", "Connection": "close"}
        )
        response = connection.getresponse()
        headers = {key.lower(): value for key, value in response.getheaders()}
        if response.status in REDIRECT_STATUSES:
            return response.status, headers, b""
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{url}: response is {int(declared)} bytes, over the cap of {max_bytes} bytes")
        chunks, size = [], 0
        while True:
            if time.monotonic() > deadline:
                raise FetchError(f"{url}: timed out after {timeout:g} s", transient=True)
            chunk = response.read(CHUNK_BYTES)
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: response exceeds the cap of {max_bytes} bytes")
            chunks.append(chunk)
        return response.status, headers, b"".join(chunks)
    except (TimeoutError, socket.timeout) as error:
        raise FetchError(f"{url}: timed out after {timeout:g} s", transient=True) from error
    except ssl.SSLError as error:
        raise FetchError(f"{url}: TLS failed ({error})") from error
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(f"{url}: connection failed ({type(error).__name__}: {error})", transient=True) from error
    finally:
        connection.close()


def fetch(url: str, timeout: float = 20.0, max_bytes: int = 10_000_000, *, allow_loopback: bool = False, max_redirects: int = MAX_REDIRECTS) -> FetchResult:
    """Fetch ``url`` safely and return the final URL, status, content type and body.

    Args:
        url: http or https URL.
        timeout: seconds for each socket operation and for the whole fetch.
        max_bytes: largest body accepted.
        allow_loopback: allow 127.0.0.0/8 and ::1, for tests with a local server only.
        max_redirects: redirect hops followed, each one checked like the first URL.

    Raises:
        FetchError: scheme not http(s), host refused or unresolvable, timeout, too large,
            too many redirects, or an HTTP status other than 2xx.
    """
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(max_redirects + 1):
        status, headers, body = _request_once(current, timeout, deadline, max_bytes, allow_loopback)
        if status in REDIRECT_STATUSES:
            location = headers.get("location")
            if not location:
                raise FetchError(f"{current}: redirect {status} without a Location header")
            current = urljoin(current, location)
            continue
        if not 200 <= status < 300:
            raise FetchError(f"{current}: HTTP status {status}, expected 2xx", transient=status == 429 or status >= 500)
        return FetchResult(url=current, status=status, content_type=headers.get("content-type", ""), body=body)
    raise FetchError(f"{url}: more than {max_redirects} redirects")


def fetch_url(url: str, timeout: float = 20.0, max_bytes: int = 10_000_000, *, allow_loopback: bool = False) -> bytes:
    """Fetch ``url`` safely and return the body bytes (see ``fetch``)."""
    return fetch(url, timeout=timeout, max_bytes=max_bytes, allow_loopback=allow_loopback).body


def fakes_path(settings: Settings) -> Path:
    """Where ``claimcred fetch-fakes`` stores the full FA-KES CSV in the data home."""
    return settings.home / "datasets" / "fa-kes" / FAKES_FILE_NAME


def _zenodo_file(record_url: str, timeout: float, allow_loopback: bool) -> tuple[str, str | None]:
    """Return (download URL, md5 hex or None) of the FA-KES CSV listed by the Zenodo record API."""
    body = fetch_url(record_url, timeout=timeout, max_bytes=5_000_000, allow_loopback=allow_loopback)
    try:
        record = json.loads(body)
        files = record["files"]
    except (ValueError, KeyError, TypeError) as error:
        raise FetchError(f"{record_url}: not a Zenodo record (expected JSON with a 'files' list: {error})") from error
    for entry in files:
        name = entry.get("key") or entry.get("filename") or ""
        if name.lower().endswith(".csv"):
            link = (entry.get("links") or {}).get("self") or (entry.get("links") or {}).get("content")
            checksum = entry.get("checksum") or ""
            md5 = checksum.removeprefix("md5:") if checksum.startswith("md5:") else None
            return urljoin(record_url, link) if link else FAKES_FILE_URL, md5
    raise FetchError(f"{record_url}: the record lists no CSV file (files: {[entry.get('key') for entry in files]})")


def fetch_fakes(
    settings: Settings,
    url: str | None = None,
    expected_sha256: str | None = FAKES_SHA256,
    record_url: str = FAKES_RECORD_API,
    *,
    allow_loopback: bool = False,
) -> Path:
    """Download the full FA-KES CSV (Zenodo record 2607278) into the data home and check it.

    The record's API gives the file link and its md5; the body must match that md5
    and ``expected_sha256``. The file is written only after both checks pass.

    Args:
        settings: resolved settings (data home, URL timeout).
        url: download this URL directly instead of asking the record API (no md5 check then).
        expected_sha256: SHA-256 the file must have; None skips the check.
        record_url: Zenodo record API URL.
        allow_loopback: for tests with a local server only.

    Returns:
        Path of the verified CSV in the data home.

    Raises:
        FetchError: the record or file could not be fetched, or a checksum does not match.
    """
    expected_md5 = None
    if url is None:
        url, expected_md5 = _zenodo_file(record_url, settings.url_timeout_seconds, allow_loopback)
    body = fetch_url(url, timeout=max(settings.url_timeout_seconds, 60.0), max_bytes=FAKES_MAX_BYTES, allow_loopback=allow_loopback)
    if expected_md5 and hashlib.md5(body).hexdigest() != expected_md5:
        raise FetchError(f"{url}: md5 {hashlib.md5(body).hexdigest()} does not match the Zenodo record's {expected_md5}; download again")
    sha256 = hashlib.sha256(body).hexdigest()
    if expected_sha256 and sha256 != expected_sha256.lower():
        raise FetchError(f"{url}: SHA-256 {sha256} does not match the expected {expected_sha256}; file not saved")
    target = fakes_path(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(body)
    partial.replace(target)
    logger.info("FA-KES saved to %s (%d bytes, sha256 %s)", target, len(body), sha256)
    return target
