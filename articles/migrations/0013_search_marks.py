"""Search hears the marks: exact words, neighbouring pairs and the title and lead beside the
folded words, GIN-indexed on PostgreSQL, and every article's document rebuilt."""

import django.contrib.postgres.search
from django.db import migrations, models

POSTGRES_SETUP = [
    "CREATE INDEX IF NOT EXISTS article_search_exact_gin "
    "ON articles_searchdocument USING gin (exact)",
    "CREATE INDEX IF NOT EXISTS article_search_pairs_gin "
    "ON articles_searchdocument USING gin (pairs)",
]
POSTGRES_TEARDOWN = [
    "DROP INDEX IF EXISTS article_search_exact_gin",
    "DROP INDEX IF EXISTS article_search_pairs_gin",
]


def _on_postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


def rebuild_documents(apps, schema_editor):
    # The new columns are empty for the articles already there: build them all now.
    from articles.search_index import rebuild_index

    rebuild_index(
        article_model=apps.get_model("articles", "Article"),
        model=apps.get_model("articles", "SearchDocument"),
    )


class Migration(migrations.Migration):
    # Not one transaction: on PostgreSQL the rebuild leaves deferred constraint checks pending,
    # and an index cannot be created on a table with pending trigger events in the same
    # transaction. Each step commits on its own (the rebuild is itself atomic).
    atomic = False

    dependencies = [
        ("articles", "0012_editorial_record_base"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="exact",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="head",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="pairs",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="exact_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
        migrations.RunPython(_on_postgres(POSTGRES_SETUP), _on_postgres(POSTGRES_TEARDOWN)),
    ]
