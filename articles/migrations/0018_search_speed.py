"""Search at 100,000 articles: one GIN index over the folded words, the exact words, the pairs
and the title's words (PostgreSQL only; nothing changes elsewhere).

The four GIN indexes of ``0004``, ``0013`` and ``0016`` answered each condition of a tier on
its own, so PostgreSQL took the matches of one or two and tested the others on every
candidate, decompressing a whole body's vector each time (3 s for ``hội nông dân`` at 100,000
articles). One multicolumn GIN index gives every condition of a tier in one scan, and the
title's words (``strip(ts_filter(head, '{a}'))``: no weights) need no recheck, so a tier is
answered from the index without reading any vector (``articles.search_ranking``).
"""

from django.db import migrations, transaction

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


def _build(statements):
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


FORWARD = [COMBINED, *(f"DROP INDEX IF EXISTS {name}" for name in SEPARATE)]
BACKWARD = [
    *(
        f"CREATE INDEX IF NOT EXISTS {name} ON articles_searchdocument USING gin ({column})"
        for name, column in SEPARATE.items()
    ),
    "DROP INDEX IF EXISTS article_search_gin",
]


class Migration(migrations.Migration):
    # As in 0013 and 0016: the index is built in a transaction of its own.
    atomic = False

    dependencies = [
        ("articles", "0017_time_limits"),
    ]

    operations = [
        migrations.RunPython(_build(FORWARD), _build(BACKWARD), elidable=False),
    ]
