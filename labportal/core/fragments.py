"""Rendered parts of pages that many people read and few change, kept in the shared cache
until anything they show changes.

One generation number covers all portal content. Every save or delete of a model given to
`invalidate_on_change` moves it on at once, and again when the transaction commits: a page
rendered between the write and the commit may have read the old rows and cached them under
the new number, and the second move retires that. Bulk writes (`bulk_create`, `update`) send
no signals, so the code that makes them calls `invalidate()` itself. Writes are rare next to
reads here (a few a minute), so one number is simpler than tracking what depends on what, and
costs little: after a write, each part is rendered once more. Entries also expire after
`TIMEOUT`, which bounds the harm of a write that slipped past. Each server start begins a
new generation (a new release renders other HTML), and so does each file the development
server sees change.

While Redis does not answer, a write cannot move the generation on. So each process, when
Redis answers again after an outage it saw (`breaker.CACHE.outages`), moves it on once:
whatever was written meanwhile shows at once, not when the old entries expire.

On only with a cache that all server processes share (Redis; `settings.FRAGMENT_CACHE`): with a
per-process cache, one worker would not see another's generation move.
"""

import hashlib
import time
from collections.abc import Callable
from typing import TypeVar

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.autoreload import file_changed
from django.utils.translation import get_language

from . import breaker

T = TypeVar("T")

GENERATION_KEY = "fragments:generation"
TIMEOUT = 15 * 60


def enabled() -> bool:
    return getattr(settings, "FRAGMENT_CACHE", False)


# The generation is read once per request (a page may show several fragments): remembered
# from request_started to request_finished, forgotten whenever this thread moves it on.
_per_request = Local()


def _request_started(**kwargs) -> None:
    _per_request.active, _per_request.generation = True, None


def _request_finished(**kwargs) -> None:
    _per_request.active, _per_request.generation = False, None


request_started.connect(_request_started, dispatch_uid="fragments:request_started")
request_finished.connect(_request_finished, dispatch_uid="fragments:request_finished")


# How many cache outages this process has made up for by moving the generation on.
_outages_settled = 0


def _settle_outages() -> None:
    global _outages_settled
    outages = breaker.CACHE.outages
    if outages != _outages_settled:
        _bump()
        if not breaker.CACHE.is_open:  # Redis took it
            _outages_settled = outages


def generation() -> int:
    """The current generation; a new one starts from the clock (never an old number)."""
    value = getattr(_per_request, "generation", None)
    if value is not None:
        return value
    _settle_outages()
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY)
    if getattr(_per_request, "active", False):
        _per_request.generation = value
    return value


def start_new_generation() -> None:
    """At server start: a new release may render other HTML (or other shapes of data) under
    the same names."""
    if enabled():
        _per_request.generation = None
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _on_file_changed(sender, file_path, **kwargs) -> None:
    start_new_generation()  # the development server saw a template or source file change


file_changed.connect(_on_file_changed, dispatch_uid="fragments:file_changed")


def _bump() -> None:
    _per_request.generation = None
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not there (evicted or never set): start a new one
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def now_and_at_commit(action: Callable[[], None]) -> None:
    """Run `action` now and, inside a transaction, once more when it commits (once per
    transaction for the same function): a read between the two may have seen the old rows."""
    action()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        func is action for _savepoints, func, _robust in connection.run_on_commit
    ):
        transaction.on_commit(action)


def invalidate() -> None:
    """Everything cached so far is stale: now, and once more when the transaction commits
    (once, however many writes it holds)."""
    if enabled():
        now_and_at_commit(_bump)


def cached(name: str, *parts, build: Callable[[], T]) -> T:
    """`build()`'s result for this name, parts, language and generation, built when missing.

    `parts` say which variant of the fragment this is (an experiment's id, a query string);
    whatever is personal to the viewer must not be in what `build` returns.
    """
    if not enabled():
        return build()
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    key = f"fragments:{name}:{generation()}:{get_language()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _on_change(sender, **kwargs) -> None:
    invalidate()


def _on_m2m_change(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        invalidate()


def invalidate_on_change(*models, ignore_fields: frozenset[str] = frozenset()) -> None:
    """Saves and deletes of these models (and changes through these m2m through models) make
    every cached fragment stale; a save of only `ignore_fields` (say a user's last_login,
    written at every sign-in and shown nowhere) does not."""

    def on_save(sender, update_fields=None, **kwargs) -> None:
        if not (update_fields and set(update_fields) <= ignore_fields):
            invalidate()

    for model in models:
        uid = f"fragments:{model._meta.label}"
        post_save.connect(on_save, sender=model, weak=False, dispatch_uid=f"{uid}:save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:delete")
        m2m_changed.connect(_on_m2m_change, sender=model, dispatch_uid=f"{uid}:m2m")
