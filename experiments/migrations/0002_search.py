"""Full-text search on PostgreSQL; a no-op on other databases.

- pg_trgm for trigram similarity on titles (misspelt searches);
- experiments_jsonb_text(jsonb): every string inside a JSON list section, one per line;
- a trigger keeping Experiment.search_vector current on INSERT and UPDATE of the searched
  columns: title weighted A; summary, challenge, hypothesis B; the list sections and the
  conceptualisable elements C ('danish' configuration, so "ledelsesform" finds
  "ledelsesformer");
- GIN indexes on search_vector and on the title's own tsvector (experiments_title_tsvector:
  title hits without reading the row), a trigram GIN index on title, and a btree on
  (title, id) for the list's ordering.

None of this is model state (RunPython with raw SQL), so makemigrations stays clean.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    r"""
    CREATE OR REPLACE FUNCTION experiments_jsonb_text(j jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(string_agg(v #>> '{}', E'\n'), '')
        FROM jsonb_path_query(coalesce(j, '[]'::jsonb),
                              'strict $.** ? (@.type() == "string")') AS v
    $$
    """,
    r"""
    CREATE OR REPLACE FUNCTION experiments_experiment_search_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.search_vector IS NOT NULL
           AND NEW.title IS NOT DISTINCT FROM OLD.title
           AND NEW.summary IS NOT DISTINCT FROM OLD.summary
           AND NEW.challenge IS NOT DISTINCT FROM OLD.challenge
           AND NEW.hypothesis IS NOT DISTINCT FROM OLD.hypothesis
           AND NEW.actions IS NOT DISTINCT FROM OLD.actions
           AND NEW.findings IS NOT DISTINCT FROM OLD.findings
           AND NEW.conceptualisable_elements IS NOT DISTINCT FROM OLD.conceptualisable_elements
           AND NEW.attention_points IS NOT DISTINCT FROM OLD.attention_points
           AND NEW.concept_phases IS NOT DISTINCT FROM OLD.concept_phases THEN
            NEW.search_vector := OLD.search_vector;
            RETURN NEW;
        END IF;
        NEW.search_vector :=
            setweight(to_tsvector('danish'::regconfig, coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('danish'::regconfig, concat_ws(E'\n',
                   NEW.summary, NEW.challenge, NEW.hypothesis)), 'B')
            || setweight(to_tsvector('danish'::regconfig, concat_ws(E'\n',
                   experiments_jsonb_text(NEW.actions),
                   experiments_jsonb_text(NEW.findings),
                   NEW.conceptualisable_elements,
                   experiments_jsonb_text(NEW.attention_points),
                   experiments_jsonb_text(NEW.concept_phases))), 'C');
        RETURN NEW;
    END
    $$
    """,
    # The title's own tsvector, for finding title hits through a GIN index. PL/pgSQL (not
    # inlined) with a high cost, so that the planner uses the index rather than computing
    # it row by row (~15 us a title) when it expects many matches.
    r"""
    CREATE OR REPLACE FUNCTION experiments_title_tsvector(title text) RETURNS tsvector
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
    BEGIN
        RETURN to_tsvector('danish'::regconfig, title);
    END
    $$
    """,
    # The text a search snippet is cut from: the sections around the first place `hint`
    # (a lower-case word stem) occurs, else their start. ts_headline parses all it is
    # given (~0.25 ms for a whole experiment), so it gets a window of `size` characters.
    r"""
    CREATE OR REPLACE FUNCTION experiments_snippet_source(
        summary text, challenge text, hypothesis text, actions jsonb, findings jsonb,
        elements text, attention_points jsonb, concept_phases jsonb,
        hint text, lead integer, size integer
    ) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
        body text := concat_ws(E'\n', summary, challenge, hypothesis,
            experiments_jsonb_lines(findings), elements, experiments_jsonb_lines(actions),
            experiments_jsonb_lines(attention_points), experiments_jsonb_lines(concept_phases));
        pos integer := 0;
    BEGIN
        IF coalesce(hint, '') <> '' THEN
            pos := strpos(body, hint);
            IF pos = 0 THEN
                pos := strpos(body, upper(left(hint, 1)) || substr(hint, 2));
            END IF;
        END IF;
        RETURN substr(body, greatest(1, pos - lead), size);
    END
    $$
    """,
    # A JSON list section as lines (fast path for the usual list of strings).
    r"""
    CREATE OR REPLACE FUNCTION experiments_jsonb_lines(j jsonb) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE jsonb_typeof(j)
            WHEN 'array' THEN array_to_string(ARRAY(SELECT jsonb_array_elements_text(j)), E'\n')
            WHEN 'string' THEN j #>> '{}'
            ELSE '' END
    $$
    """,
    "DROP TRIGGER IF EXISTS experiments_experiment_search ON experiments_experiment",
    """
    CREATE TRIGGER experiments_experiment_search
    BEFORE INSERT OR UPDATE OF title, summary, challenge, hypothesis, actions, findings,
        conceptualisable_elements, attention_points, concept_phases, search_vector
    ON experiments_experiment
    FOR EACH ROW EXECUTE FUNCTION experiments_experiment_search_update()
    """,
    # Backfill rows that existed before the trigger.
    "UPDATE experiments_experiment SET title = title WHERE search_vector IS NULL",
    """CREATE INDEX IF NOT EXISTS experiments_experiment_search_gin
       ON experiments_experiment USING gin (search_vector)""",
    """CREATE INDEX IF NOT EXISTS experiments_experiment_title_tsv_gin
       ON experiments_experiment USING gin (experiments_title_tsvector(title))""",
    """CREATE INDEX IF NOT EXISTS experiments_experiment_title_trgm
       ON experiments_experiment USING gin (title gin_trgm_ops)""",
    """CREATE INDEX IF NOT EXISTS experiments_experiment_title_id
       ON experiments_experiment (title, id)""",
]

BACKWARD = [
    "DROP INDEX IF EXISTS experiments_experiment_title_id",
    "DROP INDEX IF EXISTS experiments_experiment_title_trgm",
    "DROP INDEX IF EXISTS experiments_experiment_title_tsv_gin",
    "DROP INDEX IF EXISTS experiments_experiment_search_gin",
    "DROP TRIGGER IF EXISTS experiments_experiment_search ON experiments_experiment",
    "DROP FUNCTION IF EXISTS experiments_experiment_search_update()",
    "DROP FUNCTION IF EXISTS experiments_snippet_source(text, text, text, jsonb, jsonb, text,"
    " jsonb, jsonb, text, integer, integer)",
    "DROP FUNCTION IF EXISTS experiments_jsonb_lines(jsonb)",
    "DROP FUNCTION IF EXISTS experiments_title_tsvector(text)",
    "DROP FUNCTION IF EXISTS experiments_jsonb_text(jsonb)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("experiments", "0001_initial")]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD), elidable=False),
    ]
