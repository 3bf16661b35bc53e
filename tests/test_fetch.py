"""Safe URL fetching (flows/fetch.py) and `claimcred fetch-fakes`, against a local server on 127.0.0.1 only."""

from __future__ import annotations

import hashlib
import json
import socket

import pytest
from local_http import serve, slow_body
from typer.testing import CliRunner

from flows.cli import app
from flows.config import load_settings
from flows.fetch import FetchError, check_address, fakes_path, fetch, fetch_fakes, fetch_url, resolve_host
from flows.ingest import FAKES_COLUMNS


def _fake_resolver(monkeypatch, mapping: dict[str, list[str]]):
    """Make socket.getaddrinfo answer from ``mapping`` (host -> addresses), as if DNS said so."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in mapping:
            return [(socket.AF_INET6 if ":" in address else socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port)) for address in mapping[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "not globally routable"),
    ],
)
def test_check_address_refuses_non_public(address, kind):
    """Check that private, loopback, link-local, multicast, reserved and unspecified addresses are refused."""
    with pytest.raises(FetchError, match=kind):
        check_address(address)


def test_check_address_accepts_public_and_loopback_when_allowed():
    """Check that public addresses pass and loopback passes only with allow_loopback, private never."""
    check_address("93.184.216.34")
    check_address("2606:2800:220:1:248:1893:25c8:1946")
    check_address("127.0.0.1", allow_loopback=True)
    with pytest.raises(FetchError, match="private"):
        check_address("10.0.0.1", allow_loopback=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "gopher://example.org/", "javascript:alert(1)", "example.org/page"])
def test_fetch_refuses_other_schemes(url):
    """Check that only http and https URLs are fetched."""
    with pytest.raises(FetchError, match="only http and https"):
        fetch_url(url)


def test_fetch_refuses_loopback_by_default():
    """Check that the default refuses a local server on 127.0.0.1 (and localhost) before connecting."""
    with serve({"/a": (200, {"Content-Type": "text/plain"}, b"hello")}) as base:
        with pytest.raises(FetchError, match="loopback"):
            fetch_url(base + "/a")
        with pytest.raises(FetchError, match="loopback"):
            fetch_url(base.replace("127.0.0.1", "localhost") + "/a")


def test_fetch_refuses_host_when_any_resolved_address_is_private(monkeypatch):
    """Check that a host resolving to one public and one private address is refused."""
    _fake_resolver(monkeypatch, {"mixed.example": ["93.184.216.34", "10.0.0.7"]})
    with pytest.raises(FetchError, match=r"mixed.example.*10.0.0.7 is private"):
        resolve_host("mixed.example", 80)


def test_fetch_refuses_metadata_address_via_dns(monkeypatch):
    """Check that a name pointing at the cloud metadata address (link-local) is refused."""
    _fake_resolver(monkeypatch, {"metadata.example": ["169.254.169.254"]})
    with pytest.raises(FetchError, match="link-local"):
        fetch_url("http://metadata.example/latest/meta-data/")


def test_fetch_reads_body_from_allowed_local_server():
    """Check that a 200 body is returned when loopback is explicitly allowed (test-only)."""
    with serve({"/a": (200, {"Content-Type": "text/plain"}, b"hello")}) as base:
        result = fetch(base + "/a", allow_loopback=True)
    assert result.body == b"hello"
    assert result.content_type == "text/plain"


def test_fetch_follows_redirects_and_checks_each_hop(monkeypatch):
    """Check that redirects are followed by hand and a hop to a private address is refused."""
    _fake_resolver(monkeypatch, {"internal.example": ["192.168.1.1"]})
    routes = {
        "/start": (302, {"Location": "/end"}, b""),
        "/end": (200, {"Content-Type": "text/plain"}, b"arrived"),
        "/to-internal": (301, {"Location": "http://internal.example/admin"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/loop": (302, {"Location": "/loop"}, b""),
    }
    with serve(routes) as base:
        result = fetch(base + "/start", allow_loopback=True)
        assert (result.body, result.url) == (b"arrived", base + "/end")
        with pytest.raises(FetchError, match="internal.example.*private"):
            fetch(base + "/to-internal", allow_loopback=True)
        with pytest.raises(FetchError, match="only http and https"):
            fetch(base + "/to-file", allow_loopback=True)
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetch(base + "/loop", allow_loopback=True)


def test_fetch_enforces_byte_cap():
    """Check that a body over max_bytes is refused, by Content-Length or while streaming."""
    def unsized(handler):
        handler.wfile.write(b"x" * 5000)

    with serve({"/big": (200, {}, b"x" * 5000), "/unsized": (200, {}, unsized)}) as base:
        with pytest.raises(FetchError, match="over the cap of 1000 bytes"):
            fetch_url(base + "/big", max_bytes=1000, allow_loopback=True)
        with pytest.raises(FetchError, match="exceeds the cap of 1000 bytes"):
            fetch_url(base + "/unsized", max_bytes=1000, allow_loopback=True)


def test_fetch_times_out_on_stalled_server():
    """Check that a server that stalls mid-body gives a timeout error, not a hang."""
    with serve({"/slow": (200, {}, slow_body)}) as base:
        with pytest.raises(FetchError, match="timed out after 0.5 s"):
            fetch_url(base + "/slow", timeout=0.5, allow_loopback=True)


def test_fetch_reports_http_errors_and_unreachable_hosts(monkeypatch):
    """Check that a 404 and an unresolvable host each give one clear error."""
    with serve({}) as base:
        with pytest.raises(FetchError, match="HTTP status 404"):
            fetch_url(base + "/missing", allow_loopback=True)

    def no_dns(*args, **kwargs):
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FetchError, match="could not resolve host 'zenodo.org'"):
        fetch_url("https://zenodo.org/api/records/2607278")


def _zenodo_routes(body: bytes, md5: str | None = None) -> dict:
    record = {"files": [{"key": "FA-KES-Dataset.csv", "checksum": f"md5:{md5 or hashlib.md5(body).hexdigest()}", "links": {"self": "/files/FA-KES-Dataset.csv"}}]}
    return {"/api/records/2607278": (200, {"Content-Type": "application/json"}, json.dumps(record).encode()), "/files/FA-KES-Dataset.csv": (200, {"Content-Type": "text/csv"}, body)}


def test_fetch_fakes_saves_file_when_checksums_match(home):
    """Check that fetch_fakes follows the record's file link and saves the file when md5 and SHA-256 match."""
    header = ",".join((*FAKES_COLUMNS, "location", "labels"))  # a synthetic row in the FA-KES layout, not FA-KES data
    body = f"{header}\n1,t,text,sana,1/2/2016,idlib,1\n".encode()
    settings = load_settings(home=home)
    with serve(_zenodo_routes(body)) as base:
        path = fetch_fakes(settings, expected_sha256=hashlib.sha256(body).hexdigest(), record_url=base + "/api/records/2607278", allow_loopback=True)
    assert path == fakes_path(settings)
    assert path.read_bytes() == body


def test_fetch_fakes_checks_record_md5(home):
    """Check that a body whose md5 differs from the Zenodo record's is refused and nothing is saved."""
    body = b"unit_id,article_title\n1,x\n"
    settings = load_settings(home=home)
    with serve(_zenodo_routes(body, md5="0" * 32)) as base:
        with pytest.raises(FetchError, match="md5 .* does not match the Zenodo record's 0000"):
            fetch_fakes(settings, record_url=base + "/api/records/2607278", allow_loopback=True)
    assert not fakes_path(settings).exists()


def test_fetch_fakes_refuses_sha256_mismatch(home):
    """Check that a download whose SHA-256 is not the expected one is refused and not saved."""
    body = b"not the FA-KES file\n"
    settings = load_settings(home=home)
    with serve(_zenodo_routes(body)) as base:
        with pytest.raises(FetchError, match=r"SHA-256 [0-9a-f]{64} does not match the expected a7104da3"):
            fetch_fakes(settings, url=base + "/files/FA-KES-Dataset.csv", allow_loopback=True)
    assert not fakes_path(settings).exists()


def test_cli_fetch_fakes_unreachable_fails_with_one_line(home, monkeypatch):
    """Check that `claimcred fetch-fakes` without network exits 1 with one error line naming the host."""
    def no_dns(*args, **kwargs):
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    result = CliRunner().invoke(app, ["fetch-fakes", "--home", str(home)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "could not resolve host 'zenodo.org'" in lines[0]


@pytest.mark.parametrize("url", ["http://[::1]/", "http://2130706433/", "http://0x7f.0.0.1/", "http://127.1/", "http://[::ffff:127.0.0.1]/"])
def test_fetch_refuses_loopback_in_disguise(url):
    """Check that IPv6, decimal, hex and short forms of loopback are refused after resolution."""
    with pytest.raises(FetchError, match="loopback"):
        fetch_url(url)


def test_fetch_https_to_plain_http_server_fails_clearly():
    """Check that a TLS handshake failure is one clear error naming the URL."""
    with serve({"/a": (200, {}, b"x")}) as base:
        url = base.replace("http://", "https://") + "/a"
        with pytest.raises(FetchError, match=r"https://127\.0\.0\.1:\d+/a: (TLS failed|connection failed)"):
            fetch_url(url, timeout=5, allow_loopback=True)


def test_fetch_errors_say_whether_a_retry_may_help():
    """Check that 5xx/429 and timeouts are transient while 404, refusals and caps are not."""
    routes = {"/busy": (503, {}, b"busy"), "/slow-down": (429, {}, b""), "/gone": (404, {}, b""), "/big": (200, {}, b"x" * 100), "/slow": (200, {}, slow_body)}
    with serve(routes) as base:
        outcomes = {}
        for path in routes:
            with pytest.raises(FetchError) as caught:
                fetch_url(base + path, timeout=0.5, max_bytes=10, allow_loopback=True)
            outcomes[path] = caught.value.transient
    assert outcomes == {"/busy": True, "/slow-down": True, "/gone": False, "/big": False, "/slow": True}
    with pytest.raises(FetchError) as caught:
        fetch_url("http://127.0.0.1/")
    assert caught.value.transient is False
