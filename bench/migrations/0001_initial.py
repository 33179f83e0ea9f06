"""The benchmark's own record of the articles it made."""

import django.db.models.deletion
from django.db import migrations, models


PREFIX = "seed-bench-"


def adopt_seeded_articles(apps, schema_editor):
    """A benchmark database seeded before this table kept the key in Article.import_key: move
    it here, so the next seed_bench adds only what is missing and the importer's field is free."""
    article_model = apps.get_model("articles", "Article")
    seeded_model = apps.get_model("bench", "SeededArticle")
    db = schema_editor.connection.alias
    marked = article_model.objects.using(db).filter(import_key__startswith=PREFIX)
    for start in range(0, marked.count(), 5000):
        batch = list(marked.order_by("pk").values_list("pk", "import_key")[start : start + 5000])
        seeded_model.objects.using(db).bulk_create(
            seeded_model(article_id=pk, key=key) for pk, key in batch
        )
    marked.update(import_key=None)


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('articles', '0012_editorial_record_base'),
    ]

    operations = [
        migrations.CreateModel(
            name='SeededArticle',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='articles.article')),
                ('key', models.CharField(max_length=40, unique=True)),
            ],
            options={
                'verbose_name': 'seeded article',
            },
        ),
            migrations.RunPython(adopt_seeded_articles, migrations.RunPython.noop),
    ]
