"""Search at 100,000 articles (PostgreSQL; elsewhere only an empty column is added).

- One GIN index over the folded words, the exact words, the pairs and the title's words
  replaces the four of ``0004``, ``0013`` and ``0016``. Each of those answered one condition
  of a tier, so PostgreSQL took the matches of one or two and tested the others on every
  candidate, decompressing a whole body's vector each time (3 s for ``hội nông dân`` at
  100,000 articles). The multicolumn index gives every condition of a tier in one scan, and
  the title's words (``strip(ts_filter(head, '{a}'))``: no weights) need no recheck, so a
  tier is answered without reading any vector.
- The article's publication time beside its words (``published_at``), so the matches are
  ranked before they are met with the published articles and only the best few are looked
  up (``articles.search_ranking``). Filled here, copied by every indexing, and kept current
  by a trigger on the article's ``published_at`` (however it is changed: a save, a queryset
  ``update()``, SQL).

The old indexes go first, so filling the new column does not update them row by row; the new
index is built last, in one pass.
"""

from django.db import migrations, models, transaction

COMBINED = (
    "CREATE INDEX IF NOT EXISTS article_search_gin ON articles_searchdocument"
    " USING gin (vector, exact, pairs, (strip(ts_filter(head, '{a}'))))"
)
SEPARATE = {
    "article_search_vector_gin": "vector",
    "article_search_exact_gin": "exact",
    "article_search_pairs_gin": "pairs",
    "article_search_head_gin": "head",
}
FILL = (
    "UPDATE articles_searchdocument AS document SET published_at = article.published_at"
    " FROM articles_article AS article WHERE article.id = document.article_id"
)
TRIGGER = [
    """
    CREATE OR REPLACE FUNCTION article_search_published_at() RETURNS trigger AS $$
    BEGIN
        UPDATE articles_searchdocument SET published_at = NEW.published_at
        WHERE article_id = NEW.id;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS article_search_published_at ON articles_article",
    """
    CREATE TRIGGER article_search_published_at
    AFTER UPDATE OF published_at ON articles_article
    FOR EACH ROW WHEN (OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION article_search_published_at()
    """,
]
UNTRIGGER = [
    "DROP TRIGGER IF EXISTS article_search_published_at ON articles_article",
    "DROP FUNCTION IF EXISTS article_search_published_at()",
]


def _on_postgres(statements):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with transaction.atomic(using=connection.alias):
            # A GIN index builds several times faster with room to sort its keys in memory.
            schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for statement in statements:
                schema_editor.execute(statement)

    return run


DROP_SEPARATE = [f"DROP INDEX IF EXISTS {name}" for name in SEPARATE]
CREATE_SEPARATE = [
    f"CREATE INDEX IF NOT EXISTS {name} ON articles_searchdocument USING gin ({column})"
    for name, column in SEPARATE.items()
]


class Migration(migrations.Migration):
    # As in 0013 and 0016: each step commits on its own.
    atomic = False

    dependencies = [
        ("articles", "0019_living_stories"),
    ]

    operations = [
        migrations.RunPython(_on_postgres(DROP_SEPARATE), _on_postgres(CREATE_SEPARATE)),
        migrations.AddField(
            model_name="searchdocument",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunPython(_on_postgres([FILL, *TRIGGER]), _on_postgres(UNTRIGGER)),
        # After the fill has committed: built in the same transaction, the index would hold
        # every row's old version too (twice its size).
        migrations.RunPython(
            _on_postgres([COMBINED]), _on_postgres(["DROP INDEX IF EXISTS article_search_gin"])
        ),
    ]
