from django.db import migrations


def fill_body_photos(apps, schema_editor):
    """Record the photos that existing articles' bodies show, so they are protected at once."""
    from articles.body_photos import rebuild

    rebuild(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_article_body_photos"),
    ]

    operations = [
        migrations.RunPython(fill_body_photos, migrations.RunPython.noop),
    ]
