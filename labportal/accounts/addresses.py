"""The client's address, as the sign-in lock (django-axes) must see it behind a proxy.

Behind the TLS-terminating reverse proxy the README asks for, every request comes from the
proxy's address: a lock on (username, address) would then lock the real person out wherever
they are, whenever anyone mistypes their password five times. Each trusted proxy appends the
address it saw to X-Forwarded-For, so with `DJANGO_TRUSTED_PROXIES` proxies in front, the
client is the entry that many places from the right; entries further left are whatever the
client sent, and are never trusted.
"""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-proxies] if len(hops) >= proxies else remote
