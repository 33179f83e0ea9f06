"""Abstract bases shared by the newsroom's models."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.text import unique_slug


class SluggedModel(models.Model):
    """A model whose unique slug is made from its name when left empty."""

    slug = models.SlugField(
        _("đường dẫn"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Để trống để tự tạo từ tên."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)
