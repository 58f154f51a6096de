"""The client address, with X-Forwarded-For trusted only from configured proxies."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.test import RequestFactory

from sintren.core.net import client_ip

rf = RequestFactory()


def _req(remote: str, xff: str | None = None) -> HttpRequest:
    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return rf.get("/", **extra)


def test_no_proxies_configured_uses_remote_addr(settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    assert client_ip(_req("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


def test_spoofed_header_from_untrusted_peer_is_ignored(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_req("203.0.113.5", "1.2.3.4")) == "203.0.113.5"


def test_trusted_proxy_gives_the_forwarded_client(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_req("10.0.0.1", "198.51.100.7")) == "198.51.100.7"


def test_walks_from_the_right_skipping_trusted_proxies(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    # The client prepended a fake address; the real one is the first untrusted from the right.
    req = _req("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.0.2.10, 10.9.9.9")
    assert client_ip(req) == "198.51.100.7"


def test_several_headers_joined_by_commas(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_req("10.0.0.1", " 198.51.100.7 ,  ")) == "198.51.100.7"


def test_all_hops_trusted_returns_the_leftmost(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(_req("10.0.0.1", "10.0.0.3, 10.0.0.2")) == "10.0.0.3"


def test_trusted_proxy_without_header(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_req("10.0.0.1")) == "10.0.0.1"


def test_garbage_hop_stops_the_walk(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_req("10.0.0.1", "198.51.100.7, not-an-ip")) == "10.0.0.1"


def test_ports_and_ipv6(settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.1", "2001:db8::/32"]
    assert client_ip(_req("10.0.0.1", "198.51.100.7:5555")) == "198.51.100.7"
    assert client_ip(_req("2001:db8::1", "[2001:db9::5]:443")) == "2001:db9::5"
    assert client_ip(_req("::ffff:203.0.113.9")) == "203.0.113.9"


def test_missing_or_bad_remote_addr() -> None:
    assert client_ip(_req("")) == "0.0.0.0"
    assert client_ip(_req("garbage")) == "0.0.0.0"
