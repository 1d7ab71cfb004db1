"""A least-recently-used cache bounded by the total size of what it keeps, not by a count.

`functools.lru_cache(maxsize=n)` bounds the number of entries, so its memory depends on how
large they happen to be. `SizedLRU` wraps a one-argument function and evicts the least
recently used entries until the sizes of the kept keys and values add up to at most
`max_size`; a result larger than that alone is returned but not kept. One lock guards the
entries, and the function runs outside it, so a slow call never holds up other threads.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple


class CacheInfo(NamedTuple):
    hits: int
    misses: int
    max_size: int
    currsize: int  # entries, as functools.lru_cache names it
    total_size: int


class SizedLRU:
    def __init__(
        self, function: Callable[[Hashable], Any], *, max_size: int, size_of: Callable[..., int]
    ):
        self._function = function
        self._size_of = size_of
        self.max_size = max_size
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._total = 0
        self._hits = self._misses = 0
        self._lock = threading.Lock()

    def __call__(self, key: Hashable) -> Any:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self._hits += 1
                return entry[0]
            self._misses += 1
        value = self._function(key)
        size = self._size_of(key, value)
        if size <= self.max_size:
            self._keep(key, value, size)
        return value

    def _keep(self, key: Hashable, value: Any, size: int) -> None:
        with self._lock:
            if key in self._entries:  # another thread computed it meanwhile
                self._entries.move_to_end(key)
                return
            self._entries[key] = (value, size)
            self._total += size
            while self._total > self.max_size:
                _key, (_value, evicted) = self._entries.popitem(last=False)
                self._total -= evicted

    def cache_info(self) -> CacheInfo:
        with self._lock:
            return CacheInfo(
                self._hits, self._misses, self.max_size, len(self._entries), self._total
            )

    def cache_clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._total = 0
            self._hits = self._misses = 0
