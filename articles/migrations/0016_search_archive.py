"""Search over the whole archive: the body's plain text stored for excerpts (so a results page
reads no HTML), every article's document rebuilt to fill it, and on PostgreSQL a GIN index on
the title-and-lead vector, which finds the articles with every word in the title (the first
tier of ``articles.search_ranking``)."""

from django.db import migrations, models

HEAD_INDEX = "CREATE INDEX IF NOT EXISTS article_search_head_gin ON articles_searchdocument USING gin (head)"


def _on_postgres(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement)

    return run


def rebuild_documents(apps, schema_editor):
    from articles.search_index import rebuild_index

    rebuild_index(
        article_model=apps.get_model("articles", "Article"),
        model=apps.get_model("articles", "SearchDocument"),
    )


class Migration(migrations.Migration):
    # As in 0013: each step commits on its own (the rebuild is itself atomic in batches).
    atomic = False

    dependencies = [
        ("articles", "0015_desk_panel"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="body_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(rebuild_documents, migrations.RunPython.noop),
        migrations.RunPython(
            _on_postgres(HEAD_INDEX),
            _on_postgres("DROP INDEX IF EXISTS article_search_head_gin"),
        ),
    ]
