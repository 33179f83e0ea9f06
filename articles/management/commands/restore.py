"""``restore``: bring a backup back into the configured database and media folder."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles.backup import BackupError, counts, restore_backup, restored_problems


class Command(BaseCommand):
    help = _(
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu và thư mục ảnh đang cấu hình "
        "(phải trống, trừ khi dùng --replace)."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", type=Path, help=_("thư mục bản sao lưu newsroom-…"))
        parser.add_argument(
            "--replace",
            action="store_true",
            help=_("ghi đè cơ sở dữ liệu hiện có; thư mục ảnh cũ được giữ lại bên cạnh"),
        )

    def handle(self, *args, backup, replace, **options):
        try:
            manifest = restore_backup(backup, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        found = counts()
        self.stdout.write(
            _("Đã khôi phục: %(articles)d bài viết, %(revisions)d phiên bản, %(photos)d ảnh.")
            % found
        )
        problems = restored_problems(manifest)
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(_("Khôi phục chưa trọn vẹn: xem các dòng trên."))
        self.stdout.write(self.style.SUCCESS(_("Đủ mọi bài viết, phiên bản và tệp ảnh.")))
