"""The Markdown cache is bounded by the characters it keeps (texts and their HTML), not by
how many texts it keeps, and gives back what it cached unchanged."""

import threading

import pytest

from labportal.core import markdown
from labportal.core.sized_lru import SizedLRU


@pytest.fixture
def empty_markdown_cache():
    markdown._cached.cache_clear()
    yield markdown._cached
    markdown._cached.cache_clear()


def large_text(number: int) -> str:
    text = f"Fund nummer {number}. " + "Et langt fund uden pynt. " * 790
    assert len(text) <= markdown.CACHED_UP_TO  # each one is kept
    return text


def kept_size(cache: SizedLRU) -> int:
    return sum(size for _value, size in cache._entries.values())


def test_large_texts_keep_the_total_under_the_bound(empty_markdown_cache):
    cache = empty_markdown_cache
    texts = [large_text(n) for n in range(250)]
    for text in texts:
        markdown.render_markdown(text)
    info = cache.cache_info()
    assert info.misses == 250
    assert 0 < info.currsize < 250  # the oldest texts gave way
    assert info.total_size <= markdown.CACHE_MAX_CHARS
    assert info.total_size == kept_size(cache)
    largest = max(size for _value, size in cache._entries.values())
    assert info.total_size > markdown.CACHE_MAX_CHARS - largest  # evicted no more than needed
    assert texts[-1] in cache._entries
    assert texts[0] not in cache._entries


def test_a_cached_text_comes_back_identical(empty_markdown_cache):
    text = "Et *fund* med [et link](https://example.org) og æøå."
    first = markdown.render_markdown(text)
    again = markdown.render_markdown(text)
    assert empty_markdown_cache.cache_info()[:2] == (1, 1)  # one miss, then one hit
    assert again is first
    assert again == markdown._render(text)
    assert again == (
        '<p>Et <em>fund</em> med <a href="https://example.org" '
        'rel="noopener noreferrer nofollow">et link</a> og æøå.</p>'
    )


def sized(max_size: int) -> SizedLRU:
    return SizedLRU(str.upper, max_size=max_size, size_of=lambda key, value: len(key) + len(value))


def test_the_least_recently_used_entry_goes_first():
    cache = sized(12)  # three entries of two letters (2 + 2 characters each)
    for key in ("aa", "bb", "cc"):
        cache(key)
    assert cache("aa") == "AA"  # "aa" is now the most recently used
    cache("dd")
    assert list(cache._entries) == ["cc", "aa", "dd"]
    assert cache.cache_info() == (1, 4, 12, 3, 12)


def test_a_value_larger_than_the_bound_is_returned_but_not_kept():
    cache = sized(10)
    cache("ab")
    assert cache("abcdefgh") == "ABCDEFGH"
    assert list(cache._entries) == ["ab"]
    assert cache.cache_info().total_size == 4


def test_threads_sharing_the_cache_keep_its_total_right():
    cache = sized(200)
    keys = [f"k{n:03d}" for n in range(100)]
    barrier = threading.Barrier(4)
    wrong: list[str] = []

    def work(offset: int) -> None:
        barrier.wait()
        for round_ in range(20):
            for key in keys[offset::4] + keys[: 10 + round_]:
                if cache(key) != key.upper():
                    wrong.append(key)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    info = cache.cache_info()
    assert wrong == []
    assert info.total_size == kept_size(cache) <= 200
    assert info.currsize == len(cache._entries) == 200 // 8
    assert info.hits + info.misses == 4 * sum(25 + 10 + r for r in range(20))
