"""The client's network address, trusting ``X-Forwarded-For`` only from our own proxies.

``settings.TRUSTED_PROXIES`` lists the reverse proxies (IP addresses or CIDR networks)
that sit in front of the web processes. A request whose direct peer (``REMOTE_ADDR``)
is not one of them is taken at its word: its ``X-Forwarded-For`` header is ignored, so
a client cannot spoof its address to escape the per-address rate limits.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder, never bound


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    """Parse the trusted proxy list once per distinct setting value."""
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in proxies)


@lru_cache(maxsize=1024)
def _parse(value: str) -> IPAddress | None:
    """Parse one address as written in a header: bracketed IPv6 and ports are allowed.

    Memoised (bounded): every request parses its peer's address, usually the same few.
    """
    text = value.strip()
    if text.startswith("["):  # "[2001:db8::1]:443"
        text = text[1:].split("]", 1)[0]
    elif text.count(":") == 1:  # "203.0.113.9:5555"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_trusted_proxy(address: str) -> bool:
    """Whether ``address`` is one of ``settings.TRUSTED_PROXIES``."""
    parsed = _parse(address)
    if parsed is None:
        return False
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    return any(parsed.version == net.version and parsed in net for net in networks)


def client_ip(request: HttpRequest) -> str:
    """Return the client's address for rate limits and the audit log.

    ``REMOTE_ADDR``, unless the direct peer is a trusted proxy: then ``X-Forwarded-For``
    is walked from the right, skipping trusted proxies, and the first untrusted address
    is the client. A malformed entry stops the walk (everything left of it may be
    forged), and the last trusted hop is returned instead.
    """
    remote = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return UNKNOWN_ADDRESS
    if not is_trusted_proxy(str(remote)):
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") or ""
    current = remote
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        parsed = _parse(hop)
        if parsed is None:
            break
        current = parsed
        if not is_trusted_proxy(str(parsed)):
            return str(parsed)
    return str(current)


def safe_next(request: HttpRequest, target: object, default: str = "/") -> str:
    """``target`` if it is a path on this site, else ``default`` (no open redirects).

    Only a path starting with ``/`` is accepted: ``redirect("abc")`` would take a bare
    word for a view name, and ``//evil.example`` or a full URL would leave the site.
    """
    if not isinstance(target, str) or not target.startswith("/"):
        return default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
