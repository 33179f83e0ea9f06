"""Photo now lives in the photos app (photos 0001): the links to it follow, in state only."""

import articles.models.article
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_preview_links"),
        ("photos", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="article",
                    name="featured_photo",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="featured_in",
                        to="photos.photo",
                        verbose_name="ảnh đại diện",
                    ),
                ),
                migrations.AlterField(
                    model_name="articlebodyphoto",
                    name="photo",
                    field=models.ForeignKey(
                        on_delete=articles.models.article.protect_shown_photos,
                        related_name="body_photo_links",
                        to="photos.photo",
                        verbose_name="ảnh",
                    ),
                ),
                migrations.AlterField(
                    model_name="article",
                    name="body_photos",
                    field=models.ManyToManyField(
                        blank=True,
                        editable=False,
                        related_name="shown_in",
                        through="articles.ArticleBodyPhoto",
                        to="photos.photo",
                        verbose_name="ảnh trong nội dung",
                    ),
                ),
                migrations.DeleteModel(
                    name="Photo",
                ),
            ],
        ),
    ]
