"""Experiment search: Danish full-text search with ranking and snippets, trigram for typos.

On PostgreSQL (see migration 0002_search for the trigger and indexes):

1. One query collects a bounded candidate set: up to CANDIDATES title hits (GIN index on
   the title's own tsvector, so no row is read to find them) and up to CANDIDATES hits
   anywhere (GIN index on search_vector), in the index's cheap order; only when these are
   fewer than TRIGRAM_BELOW, titles similar to the words as typed (pg_trgm) are added, so a
   misspelt title is still found. It returns, per id, whether the title matched and the
   trigram similarity.
2. The page query ranks only those candidates (title hits first, then ts_rank with the
   title weighted highest, then trigram similarity) and highlights a snippet with
   ts_headline for the rows of the page only, over a window of the text around the first
   place the search word's stem occurs (parsing the whole text costs ~0.25 ms a row).

Ranking a bounded set keeps a common word (one that occurs in most experiments) as cheap as
a rare one; the price is that for such a word only the first CANDIDATES matches compete
for the first pages, and the count is capped (the page says "more than").

Elsewhere (SQLite) a case-insensitive substring match over title and text sections is used.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import Expression, RawSQL
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "danish"
CANDIDATES = 200  # per branch (title hits, hits anywhere)
TRIGRAM_BELOW = 10  # add similar titles when full-text search finds fewer than this
TRIGRAM_LIMIT = 20
MAX_QUERY_LENGTH = 200
SNIPPET_WINDOW = 600  # characters of text handed to ts_headline
SNIPPET_LEAD = 200  # of which before the first occurrence of the search word

# Private-use characters mark the highlighted words in ts_headline's output: the output is
# escaped as a whole, then only well-formed marker pairs become <mark> elements.
START, STOP = "\ue000", "\ue001"
_MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
_MARKDOWN_NOISE = re.compile(r"\*\*|__|[#`]+")
_WORD = re.compile(r"[^\W\d_]{3,}")
_OPERATORS = {"or", "and", "not"}

TABLE = "experiments_experiment"
TSQUERY = f"websearch_to_tsquery('{CONFIG}'::regconfig, %s)"
# The text around the first occurrence of the stem hint (%s), or its start (see 0002_search).
SNIPPET_SOURCE = (
    f"experiments_snippet_source({TABLE}.summary, {TABLE}.challenge, {TABLE}.hypothesis,"
    f" {TABLE}.actions, {TABLE}.findings, {TABLE}.conceptualisable_elements,"
    f" {TABLE}.attention_points, {TABLE}.concept_phases, %s, {SNIPPET_LEAD:d}, {SNIPPET_WINDOW:d})"
)


class InIds(Expression):
    """pk = ANY(ids) with the ids as one array parameter: cheaper to compile and send than
    hundreds of placeholders, and aliased correctly inside subqueries (unlike RawSQL)."""

    output_field = BooleanField()

    def __init__(self, ids: list[int]):
        super().__init__()
        self.ids = list(ids)
        self.pk = F("pk")

    def get_source_expressions(self):
        return [self.pk]

    def set_source_expressions(self, exprs):
        (self.pk,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.pk)
        return f"{sql} = ANY(%s::bigint[])", [*params, self.ids]


@dataclass
class SearchResults:
    """The experiments that match, best first, and how many (at most `cap`)."""

    queryset: QuerySet  # ordered by relevance
    total: int
    capped: bool
    # ts_headline of the row (markers START/STOP, see highlight()); annotate only the rows
    # shown, as it parses text. None where there is no full-text search.
    snippet: Expression | None = None


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
        return SearchResults(queryset.none(), 0, False)
    query = SearchQuery(q, config=CONFIG, search_type="websearch")
    title_ids = [c.id for c in candidates if c.title_hit]
    similar = [When(pk=c.id, then=Value(c.similarity)) for c in candidates if c.similarity]
    hint = stem_hint(q)
    window = RawSQL(SNIPPET_SOURCE, [hint], output_field=TextField())  # noqa: S611
    ranked = queryset.model.objects.filter(InIds([c.id for c in candidates])).annotate(
        rank=SearchRank(F("search_vector"), query)
    )
    snippet = SearchHeadline(
        window,
        query,
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=28,
        min_words=12,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    # Constant sort keys are left out: PostgreSQL refuses ORDER BY false.
    order = ["-rank", "title", "pk"]
    if title_ids:
        ranked = ranked.annotate(title_hit=InIds(title_ids))
        order.insert(0, "-title_hit")
    if similar:
        ranked = ranked.annotate(
            similarity=Case(*similar, default=Value(0.0), output_field=FloatField())
        )
        order.insert(-2, "-similarity")
    ranked = ranked.order_by(*order)
    total = len(candidates)
    return SearchResults(ranked, total, total >= CANDIDATES, snippet)


def candidate_query(queryset: QuerySet, q: str) -> tuple[str, list]:
    """SQL and parameters of the candidates: rows (id, title_hit, similarity)."""
    base = queryset.order_by().values_list("pk", flat=True)
    # RawSQL and the f-strings below hold constant SQL only; the words are parameters.
    title_tsvector = f"experiments_title_tsvector({TABLE}.title)"  # GIN-indexed
    title_hits = base.filter(
        RawSQL(f"{title_tsvector} @@ {TSQUERY}", [q], BooleanField())  # noqa: S611
    )[:CANDIDATES]
    any_hits = base.filter(
        RawSQL(f"{TABLE}.search_vector @@ {TSQUERY}", [q], BooleanField())  # noqa: S611
    )[:CANDIDATES]
    similarity = RawSQL(f"word_similarity(%s, {TABLE}.title)", [q], FloatField())  # noqa: S611
    similar = (
        base.filter(title__trigram_word_similar=q)
        .annotate(similarity=similarity)
        .order_by("-similarity")
        .values_list("pk", "similarity")[:TRIGRAM_LIMIT]
    )
    (t_sql, t_params), (a_sql, a_params), (s_sql, s_params) = (
        _sql(qs) for qs in (title_hits, any_hits, similar)
    )
    # Composed from the ORM's own SQL for each branch; values stay parameters.
    sql = (
        f"WITH fts(id, title_hit) AS MATERIALIZED ("  # noqa: S608
        f"(SELECT t.id, true FROM ({t_sql}) AS t(id)) "
        f"UNION ALL (SELECT a.id, false FROM ({a_sql}) AS a(id))) "
        f"SELECT id, bool_or(title_hit), 0.0::float FROM fts GROUP BY id "
        f"UNION ALL "
        f"SELECT s.id, false, s.similarity FROM ({s_sql}) AS s(id, similarity) "
        f"WHERE (SELECT count(DISTINCT id) FROM fts) < {TRIGRAM_BELOW:d} "
        f"AND s.id NOT IN (SELECT id FROM fts)"
    )
    return sql, [*t_params, *a_params, *s_params]


def candidate_ids(queryset: QuerySet, q: str) -> list[Candidate]:
    sql, params = candidate_query(queryset, q)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [Candidate(pk, title_hit, similarity) for pk, title_hit, similarity in cursor]


def _sql(qs: QuerySet) -> tuple[str, tuple]:
    return qs.query.get_compiler(using=qs.db).as_sql()


def _substring_search(queryset: QuerySet, q: str) -> SearchResults:
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
    matches = queryset.filter(condition).order_by("title", "pk")
    return SearchResults(matches, matches.count(), False)


def highlight(snippet: str) -> SafeString:
    """ts_headline output as safe HTML: everything escaped, the hits wrapped in <mark>."""
    text = " ".join(_MARKDOWN_NOISE.sub("", snippet).split())
    html = _MARKED.sub(r"<mark>\1</mark>", str(escape(text)))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above
