"""``/dinh-chinh/``: every correction and update readers were told of, newest first.

Only the notes of articles the public sees now (``Correction.objects.public()``): an article
taken down, under embargo or past its end time takes its notes with it.
"""

from django.utils.translation import gettext_lazy
from django.views.generic import ListView

from articles.models import Correction
from public.views import ListMetaMixin


class CorrectionListView(ListMetaMixin, ListView):
    """The public list of corrections and updates, paginated as every list is."""

    template_name = "public/corrections.html"
    context_object_name = "notes"
    heading = gettext_lazy("Đính chính và cập nhật")
    description = gettext_lazy(
        "Những đính chính và cập nhật tòa soạn đã đăng kèm các bài viết, mới nhất trước."
    )

    def get_queryset(self):
        return (
            Correction.objects.public()
            .newest_first()
            .select_related("article")
            .only("kind", "text", "noted_at", "updated_at", "article__title", "article__slug")
        )

    def changed_at_of(self, notes) -> float | None:
        times = [note.updated_at for note in notes if note.updated_at]
        return max(times).timestamp() if times else None
