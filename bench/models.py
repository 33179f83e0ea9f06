"""Which articles the benchmark made: a table of its own, so a benchmark article needs no field
of the production model to be told apart (``seed_bench`` adds only what is missing)."""

from django.db import models


class SeededArticle(models.Model):
    """Benchmark article number ``key`` (``seed-bench-0000001``…), the same story every time."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    key = models.CharField(max_length=40, unique=True)

    class Meta:
        verbose_name = "seeded article"

    def __str__(self):
        return self.key
