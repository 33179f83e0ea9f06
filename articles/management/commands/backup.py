"""``backup``: copy the database and the media folder into a dated folder (README, "Backups")."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.backup import MANIFEST, BackupError, make_backup


class Command(BaseCommand):
    help = _("Sao lưu cơ sở dữ liệu và thư mục ảnh vào một thư mục mới, ghi theo ngày giờ.")

    def add_arguments(self, parser):
        parser.add_argument(
            "destination",
            nargs="?",
            type=Path,
            default=settings.BASE_DIR / "backups",
            help=_("thư mục chứa các bản sao lưu (mặc định: backups/ trong dự án)"),
        )

    def handle(self, *args, destination, **options):
        try:
            folder = make_backup(destination)
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = json.loads((folder / MANIFEST).read_text())
        size = sum(path.stat().st_size for path in folder.iterdir())
        self.stdout.write(
            _("%(articles)d bài viết, %(revisions)d phiên bản, %(photos)d ảnh.")
            % manifest["counts"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã sao lưu vào %(folder)s (%(size).1f MB).")
                % {"folder": folder, "size": size / 1e6}
            )
        )
