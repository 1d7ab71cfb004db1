"""Experiment search: Danish full-text search with ranking and snippets, trigram for typos.

On PostgreSQL (see migration 0002_search for the trigger, the SQL functions and the indexes):

1. One query (UNION ALL) collects a bounded candidate set: up to CANDIDATES title hits (GIN
   index on the title's own tsvector, so no row is read to find them) and up to CANDIDATES
   hits anywhere (GIN index on search_vector), in the index's cheap order; only when there
   are fewer than TRIGRAM_BELOW hits, titles similar to the words as typed (pg_trgm), so a
   misspelt title is still found (for a common word that scan would take ~100 ms).
2. The page query ranks only those candidates (title hits first, then ts_rank with the
   title weighted highest, then trigram similarity) and highlights a snippet with
   ts_headline for the rows of the page only, over a window of the text around the first
   place the search word's stem occurs (parsing the whole text costs ~0.25 ms a row).

Ranking a bounded set keeps a common word (one that occurs in most experiments) as cheap as
a rare one; the price is that for such a word only the first CANDIDATES matches compete
for the first pages, and the count is capped (the page says "more than"). The candidates
come to Python (their count is shown) and go back as one array of ids: a page query built
on the candidate query instead would run its index scans again, twice (card_rows cuts the
page in a subquery).

Elsewhere (SQLite) a case-insensitive substring match over title and text sections is used.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Exists,
    Expression,
    F,
    FloatField,
    Func,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "danish"
CANDIDATES = 200  # per branch (title hits, hits anywhere)
TRIGRAM_BELOW = 10  # add similar titles when full-text search finds fewer than this
TRIGRAM_LIMIT = 20
MAX_QUERY_LENGTH = 200
SNIPPET_WINDOW = 600  # characters of text handed to ts_headline
SNIPPET_LEAD = 200  # of which before the first occurrence of the search word
SECTIONS = (  # the arguments of experiments_snippet_source, in its order
    "summary",
    "challenge",
    "hypothesis",
    "actions",
    "findings",
    "conceptualisable_elements",
    "attention_points",
    "concept_phases",
)

# Private-use characters mark the highlighted words in ts_headline's output: the output is
# escaped as a whole, then only well-formed marker pairs become <mark> elements.
START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
_MARKDOWN_NOISE = re.compile(r"\*\*|__|[#`]+")
_WORD = re.compile(r"[^\W\d_]{3,}")
_OPERATORS = {"or", "and", "not"}


class TitleVector(Func):
    """The title's own tsvector. The same function as the GIN index's expression, so title
    hits come from the index; a plain to_tsvector() is computed row by row (0002_search)."""

    function = "experiments_title_tsvector"
    output_field = SearchVectorField()


class SnippetSource(Func):
    """SNIPPET_WINDOW characters of the sections, from SNIPPET_LEAD before the first place
    the stem `hint` occurs (else from their start): ts_headline parses all it is given."""

    function = "experiments_snippet_source"
    output_field = TextField()

    def __init__(self, hint: str):
        lengths = Value(SNIPPET_LEAD), Value(SNIPPET_WINDOW)
        super().__init__(*map(F, SECTIONS), Value(hint), *lengths)


class InIds(Func):
    """pk = ANY(ids), the ids as one array parameter. pk__in has a placeholder per id: for a
    few hundred candidates the page query took ~1 ms more to compile and several more to
    run. (A Func joining its arguments with an operator, like Django's TrigramDistance.)"""

    arg_joiner = " = "
    template = "%(expressions)s"
    output_field = BooleanField()

    def __init__(self, ids: list[int]):
        array = Cast(Value(ids), ArrayField(BigIntegerField()))
        super().__init__(F("pk"), Func(array, function="ANY"))


@dataclass
class SearchResults:
    """The experiments that match, best first, and how many (`capped`: perhaps more)."""

    queryset: QuerySet  # ordered by relevance
    total: int
    capped: bool
    # ts_headline of the row (markers START/STOP, see highlight()); annotate only the rows
    # shown, as it parses text. None where there is no full-text search.
    snippet: Expression | None = None
    # The matches as a filter for other queries (the list's facet counts); None if capped.
    scope: Q | Expression | None = None


@dataclass
class Candidate:
    id: int
    title_hit: bool
    similarity: float


def normalise_query(q: str) -> str:
    return " ".join(q.split())[:MAX_QUERY_LENGTH]


def uses_full_text(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def stem_hint(q: str) -> str:
    """A lower-case prefix of the first search word, to find where the text mentions it.

    Danish inflects mostly at the end (ledelse, ledelsen, ledelses-), so two letters off a
    longer word find most forms. Only used to pick the snippet's window.
    """
    for word in _WORD.findall(q.lower()):
        if word not in _OPERATORS and f"-{word}" not in q.lower():
            return word[: max(4, len(word) - 2)]
    return ""


def experiment_search(queryset: QuerySet, q: str) -> SearchResults:
    """Experiments of `queryset` matching the words `q`, most relevant first."""
    q = normalise_query(q)
    if not q:
        return SearchResults(queryset.order_by("title", "pk"), 0, False)
    if not uses_full_text(queryset):
        return _substring_search(queryset, q)
    candidates = candidate_ids(queryset, q)
    if not candidates:
        return SearchResults(queryset.none(), 0, False, scope=InIds([]))
    query = _search_query(q)
    # The candidates already passed the queryset's filters: no need to join them again.
    ranked = queryset.model.objects.filter(InIds([c.id for c in candidates])).annotate(
        rank=SearchRank(F("search_vector"), query)
    )
    # Constant sort keys are left out: PostgreSQL refuses ORDER BY false.
    order = ["-rank", "title", "pk"]
    if title_ids := [c.id for c in candidates if c.title_hit]:
        ranked = ranked.annotate(title_hit=InIds(title_ids))
        order.insert(0, "-title_hit")
    if similar := [When(pk=c.id, then=Value(c.similarity)) for c in candidates if c.similarity]:
        ranked = ranked.annotate(similarity=Case(*similar, default=0.0, output_field=FloatField()))
        order.insert(-2, "-similarity")
    snippet = SearchHeadline(
        SnippetSource(stem_hint(q)),
        query,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=28,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    total = len(candidates)
    capped = total >= CANDIDATES
    scope = None if capped else InIds([c.id for c in candidates])
    return SearchResults(ranked.order_by(*order), total, capped, snippet, scope)


def match_scope(model, q: str) -> Q | Expression | None:
    """Every experiment matching `q`, whatever the list's filters, as a filter for `model`'s
    queries; None when there are too many to list (the search's count is capped then)."""
    q = normalise_query(q)
    if not uses_full_text(model.objects.all()):
        return _substring_condition(q)  # no query: the condition itself
    return experiment_search(model.objects.all(), q).scope  # one query: the candidates


def candidate_query(queryset: QuerySet, q: str) -> QuerySet:
    """One UNION ALL query of rows (id, title_hit, similarity); an id can come twice."""
    query = _search_query(q)
    base = queryset.order_by()
    title_hits = base.alias(title_vector=TitleVector("title")).filter(title_vector=query)
    any_hits = base.filter(search_vector=query)
    # Similar titles only when there are fewer than TRIGRAM_BELOW hits anywhere: PostgreSQL
    # runs this uncorrelated EXISTS once and skips the trigram scan when it is false. The
    # scan is a subquery, so that the check stays above it: put on the scan itself, it went
    # into the parallel workers of a large table, and starting them took ~12 ms.
    few_hits = ~Exists(any_hits[TRIGRAM_BELOW - 1 : TRIGRAM_BELOW])
    similarity = TrigramWordSimilarity(q, "title")
    most_similar = (
        base.filter(title__trigram_word_similar=q)
        .alias(similarity=similarity)
        .order_by("-similarity")
        .values("pk")[:TRIGRAM_LIMIT]
    )
    similar = base.filter(few_hits, pk__in=most_similar).annotate(similarity=similarity)
    no_similarity = Value(0.0)
    return title_hits.values_list("pk", Value(True), no_similarity)[:CANDIDATES].union(
        any_hits.values_list("pk", Value(False), no_similarity)[:CANDIDATES],
        similar.values_list("pk", Value(False), "similarity"),
        all=True,
    )


def candidate_ids(queryset: QuerySet, q: str) -> list[Candidate]:
    """Each candidate once, a title hit if either branch says so; similar titles only if
    full-text search found fewer than TRIGRAM_BELOW (title hits count, unlike in the SQL:
    they differ when the query excludes a word that the body has but not the title)."""
    title_hits: dict[int, bool] = {}
    similar: dict[int, float] = {}
    for pk, title_hit, similarity in candidate_query(queryset, q):
        if similarity:  # a similar title: word_similarity is above pg_trgm's threshold
            similar[pk] = similarity
        else:
            title_hits[pk] = title_hits.get(pk, False) or title_hit
    found = [Candidate(pk, title_hit, 0.0) for pk, title_hit in title_hits.items()]
    if len(title_hits) < TRIGRAM_BELOW:
        found += [Candidate(pk, False, s) for pk, s in similar.items() if pk not in title_hits]
    return found


def _search_query(q: str) -> SearchQuery:
    return SearchQuery(q, config=CONFIG, search_type="websearch")


def _substring_search(queryset: QuerySet, q: str) -> SearchResults:
    condition = _substring_condition(q)
    matches = queryset.filter(condition).order_by("title", "pk")
    return SearchResults(matches, matches.count(), False, scope=condition)


def _substring_condition(q: str) -> Q:
    condition = Q()
    for word in q.split():
        condition &= (
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(challenge__icontains=word)
            | Q(hypothesis__icontains=word)
            | Q(actions__icontains=word)
            | Q(findings__icontains=word)
            | Q(conceptualisable_elements__icontains=word)
            | Q(attention_points__icontains=word)
        )
    return condition


def highlight(snippet: str) -> SafeString:
    """ts_headline output as safe HTML: everything escaped, the hits wrapped in <mark>."""
    text = " ".join(_MARKDOWN_NOISE.sub("", snippet).split())
    html = _MARKED.sub(r"<mark>\1</mark>", str(escape(text)))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above
