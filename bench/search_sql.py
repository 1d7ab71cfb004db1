"""The search pages' SQL, timed in the database (EXPLAIN ANALYZE): `bench/run.py --sql-only`."""

import statistics

import django


def explain_ms(cursor, sql: str, params) -> float:
    cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
    plan = cursor.fetchone()[0]
    plan = plan[0] if isinstance(plan, list) else plan
    return plan["Execution Time"]


def sql_benchmark(runs: int = 7) -> None:
    """Database time of the search queries (candidates + ranked page) for three words."""
    django.setup()
    from django.db import connection

    from bench.data import COMMON_WORD, MID_WORD, RARE_WORD
    from experiments.models import Experiment
    from experiments.search import candidate_query, experiment_search
    from experiments.views.browse import card_rows

    total = Experiment.objects.count()
    naive = (
        "SELECT id FROM experiments_experiment "
        "WHERE search_vector @@ websearch_to_tsquery('danish', %s) "
        "ORDER BY ts_rank(search_vector, websearch_to_tsquery('danish', %s)) DESC LIMIT 25"
    )
    print(f"\nSearch SQL over {total} experiments: median of {runs} runs (EXPLAIN ANALYZE)")
    print(f"{'word':14} {'matches':>8} {'candidates':>10} {'page':>7} {'total':>7} {'naive':>7}")
    with connection.cursor() as cursor:
        for word in (COMMON_WORD, MID_WORD, RARE_WORD):
            cursor.execute(
                "SELECT count(*) FROM experiments_experiment "
                "WHERE search_vector @@ websearch_to_tsquery('danish', %s)",
                [word],
            )
            matches = cursor.fetchone()[0]
            queryset = Experiment.objects.all()
            candidates = candidate_query(queryset, word)
            candidates_sql, candidates_params = candidates.query.sql_with_params()
            results = experiment_search(queryset, word)
            page = card_rows(results.queryset, start=0, snippet=results.snippet)
            page_sql, page_params = page.query.sql_with_params()
            timings = {"candidates": [], "page": [], "naive": []}
            for _ in range(runs):
                timings["candidates"].append(explain_ms(cursor, candidates_sql, candidates_params))
                timings["page"].append(explain_ms(cursor, page_sql, page_params))
                timings["naive"].append(explain_ms(cursor, naive, [word, word]))
            med = {k: statistics.median(v) for k, v in timings.items()}
            print(
                f"{word:14} {matches:8d} {results.total:10d} {med['page']:7.1f} "
                f"{med['candidates'] + med['page']:7.1f} {med['naive']:7.1f}   "
                f"(candidates {med['candidates']:.1f} ms)"
            )
