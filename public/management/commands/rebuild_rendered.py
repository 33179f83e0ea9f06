"""``manage.py rebuild_rendered``: render and store every published article's page and cards."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from public import rendering


class Command(BaseCommand):
    help = _(
        "Dựng lại và lưu trang và thẻ của mọi bài đã xuất bản (sau khi nhập hàng loạt không qua "
        "save(), đổi mẫu trang hoặc make_renditions)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--newest",
            type=int,
            default=None,
            help=_("Chỉ dựng N bài mới nhất (những bài trang chủ và các danh sách đầu tiên hiện)."),
        )

    def handle(self, *args, **options):
        count = rendering.rebuild(newest=options["newest"])
        self.stdout.write(_("Đã dựng lại %(count)s bài viết.") % {"count": count})
