"""Sending one webhook POST, safely: the receiver's address is checked when registered and again
at the moment of connecting (every address its name resolves to, against DNS rebinding), no proxy
from the environment, no redirect followed. Loopback, private and link-local receivers are refused
unless settings.WEBHOOK_ALLOW_PRIVATE_HOSTS (off by default, whatever DEBUG is)."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _


def _is_private(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def private_host_reason(host: str) -> str | None:
    """Why deliveries to this host are refused (loopback, private, link-local, or it does not
    resolve), or None when it is a public host or private hosts are allowed."""
    if getattr(settings, "WEBHOOK_ALLOW_PRIVATE_HOSTS", False):
        return None
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return _("Nama host %(host)s tidak dapat ditemukan (DNS).") % {"host": host}
    if not addresses or any(_is_private(a) for a in addresses):
        return _(
            "Host %(host)s mengarah ke alamat lokal, privat atau link-local; pakai alamat publik."
        ) % {"host": host}
    return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer (3xx, not delivered), never followed to another host."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class PrivateAddressRefused(OSError):
    """The receiver's name resolved, at connection time, to a loopback/private address."""


def _connect_public(address, timeout=None, source_address=None, *args, **kwargs):
    """socket.create_connection that checks every address the name resolves to NOW, the one
    connected to included: a name that resolved to a public address at registration (or in
    `post`'s first check) and to 127.0.0.1 a moment later (DNS rebinding) is refused."""
    host, port = address
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    if not getattr(settings, "WEBHOOK_ALLOW_PRIVATE_HOSTS", False) and any(
        _is_private(info[4][0]) for info in infos
    ):
        raise PrivateAddressRefused(
            _(
                "Host %(host)s mengarah ke alamat lokal, privat atau link-local; pakai alamat "
                "publik."
            )
            % {"host": host}
        )
    error: OSError = OSError(_("Host %(host)s tidak punya alamat.") % {"host": host})
    for family, kind, proto, _name, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if isinstance(timeout, (int, float)):
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GuardedHTTPConnection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_GuardedHTTPSConnection, req, context=self._context)


def _opener() -> urllib.request.OpenerDirector:
    """No proxy from the environment (the check must see the receiver's own address), the
    connection-time address check, no redirects."""
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _GuardedHTTPHandler, _GuardedHTTPSHandler, _NoRedirect
    )


@dataclass
class Outcome:
    status_code: int | None
    error: str

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float) -> Outcome:
    """POST once; answers the HTTP status, or None with the error when there was no answer."""
    host = urlsplit(url).hostname or ""
    reason = private_host_reason(host)
    if reason:
        return Outcome(None, reason)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    opener = _opener()
    try:
        with opener.open(request, timeout=timeout) as response:
            return Outcome(response.status, "")
    except urllib.error.HTTPError as exc:
        exc.close()
        return Outcome(exc.code, f"HTTP {exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, PrivateAddressRefused):
            return Outcome(None, str(exc.reason))
        return Outcome(None, f"{type(exc.reason).__name__}: {exc.reason}")
    except TimeoutError:
        return Outcome(None, _("Tidak ada jawaban dalam %(s)s detik.") % {"s": timeout})
    except (OSError, ValueError, http.client.HTTPException) as exc:
        return Outcome(None, f"{type(exc).__name__}: {exc}")
