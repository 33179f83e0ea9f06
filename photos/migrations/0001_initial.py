"""The photo library moves here from the articles app, table and rows untouched.

The model's state is created here while the database keeps ``articles_photo`` as it is
(``SeparateDatabaseAndState``); a new database gets the table from articles 0001, which runs
first. The content type (and with it the permissions, the admin's history and the roles'
grants) is renamed from articles.photo to photos.photo.
"""

import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import photos.images


def _rename(apps, schema_editor, source, target):
    content_types = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    moving = content_types.objects.using(db).filter(app_label=source, model="photo")
    if not moving.exists():
        return  # a new database: the content type is made after migrating, in its place
    # One made in the target's name by an earlier run of ``migrate`` holds nothing yet.
    content_types.objects.using(db).filter(app_label=target, model="photo").delete()
    moving.update(app_label=target)


def move_content_type(apps, schema_editor):
    _rename(apps, schema_editor, "articles", "photos")


def move_content_type_back(apps, schema_editor):
    _rename(apps, schema_editor, "photos", "articles")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0010_preview_links"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Photo",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "image",
                            photos.images.PhotoImageField(
                                height_field="height",
                                help_text="JPEG, PNG, WebP hoặc GIF. Khi lưu, ảnh được xoay đúng chiều và bỏ thông tin EXIF (kể cả vị trí GPS).",
                                upload_to="photos/%Y/%m/",
                                verbose_name="ảnh",
                                width_field="width",
                            ),
                        ),
                        (
                            "width",
                            models.PositiveIntegerField(
                                default=0, editable=False, verbose_name="chiều rộng"
                            ),
                        ),
                        (
                            "height",
                            models.PositiveIntegerField(
                                default=0, editable=False, verbose_name="chiều cao"
                            ),
                        ),
                        (
                            "caption",
                            models.CharField(blank=True, max_length=500, verbose_name="chú thích"),
                        ),
                        (
                            "alt_text",
                            models.CharField(
                                help_text="Mô tả ngắn nội dung ảnh cho người không xem được ảnh.",
                                max_length=255,
                                verbose_name="mô tả thay thế",
                            ),
                        ),
                        (
                            "credit",
                            models.CharField(blank=True, max_length=255, verbose_name="nguồn ảnh"),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="ngày tải lên"),
                        ),
                        (
                            "focal_x",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                help_text="Điểm phải giữ khi cắt ảnh (ví dụ một khuôn mặt), tính từ mép trái.",
                                null=True,
                                validators=[django.core.validators.MaxValueValidator(100)],
                                verbose_name="tiêu điểm ngang (%)",
                            ),
                        ),
                        (
                            "focal_y",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                help_text="Tính từ mép trên. Để trống cả hai thì giữ phần giữa ảnh.",
                                null=True,
                                validators=[django.core.validators.MaxValueValidator(100)],
                                verbose_name="tiêu điểm dọc (%)",
                            ),
                        ),
                        (
                            "renditions",
                            models.JSONField(
                                blank=True, default=dict, editable=False, verbose_name="các cỡ ảnh"
                            ),
                        ),
                        (
                            "uploaded_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="photos",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người tải lên",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "ảnh",
                        "verbose_name_plural": "thư viện ảnh",
                        "db_table": "articles_photo",
                        "ordering": ["-created_at", "-pk"],
                        "get_latest_by": "created_at",
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
