"""``seed_bench``: fill the database with many realistic published articles, for the benchmark."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.management.commands.import_articles import ProgressBar
from bench.seeding.bulk import DESK_SHARE, seed


class Command(BaseCommand):
    help = (
        "Tạo N bài đã xuất bản bằng tiếng Việt (kèm tác giả, tổ chức, thẻ, chuyên mục, ảnh đại "
        "diện; ngày đăng rải trong mười năm) để đo hiệu năng. Chạy lại chỉ thêm phần còn thiếu "
        "cho đủ N; không xóa gì."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            required=True,
            metavar="N",
            help=f"số bài đã xuất bản cần có (thêm N/{DESK_SHARE} bài đang biên tập)",
        )

    def handle(self, *args, articles, **options):
        if articles < 1:
            raise CommandError(_("Số bài phải từ 1 trở lên."))
        bar = None
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            nonlocal bar
            bar = bar or ProgressBar(self.stdout, total)
            bar.update(done, _("%(rate)d bài/giây") % {"rate": done / (time.monotonic() - started)})

        added = seed(articles, progress=progress)
        if bar:
            bar.finish()
        self.stdout.write(
            _(
                "Đã thêm %(published)d bài đã xuất bản và %(desk)d bài đang biên tập "
                "trong %(seconds).0f giây."
            )
            % {**added, "seconds": time.monotonic() - started}
        )
