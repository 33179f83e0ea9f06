"""``import_articles``: bring the centre's plain-text archive in, one transaction per file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.utils.translation import gettext as _

from articles.importing.parser import ImportFormatError, read_article_file
from articles.importing.photos import photo_files
from articles.importing.service import import_article
from articles.models import Category

TEXT_SUFFIXES = {".txt"}


class ProgressBar:
    """A bar on one line that redraws itself on a terminal, or a line per tenth in a log."""

    def __init__(self, stream, total: int, width: int = 30):
        self.stream = stream
        self.total = total
        self.width = width
        self.live = stream.isatty()
        self.shown_tenth = -1

    def _bar(self, done: int) -> str:
        filled = self.width * done // self.total
        percent = 100 * done // self.total
        return f"[{'#' * filled}{'.' * (self.width - filled)}] {done}/{self.total} ({percent}%)"

    def update(self, done: int, label: str = "") -> None:
        if self.live:
            self.stream.write(f"\r\x1b[K{self._bar(done)} {label}", ending="")
            self.stream.flush()
        elif 10 * done // self.total > self.shown_tenth:
            self.shown_tenth = 10 * done // self.total
            self.stream.write(self._bar(done))

    def interrupt(self) -> None:
        """Clear the bar's line so a message can be written in its place."""
        if self.live:
            self.stream.write("\r\x1b[K", ending="")

    def finish(self) -> None:
        if self.live:
            self.stream.write("")


def collect_files(paths: list[str]) -> tuple[list[Path], list[Path]]:
    """The text files named, and those inside the folders named (sorted); and missing paths."""
    files, missing = [], []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = (item for item in path.rglob("*") if item.suffix.lower() in TEXT_SUFFIXES)
            files.extend(sorted(item for item in found if item.is_file()))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


class Command(BaseCommand):
    help = (
        "Nhập bài viết từ tệp văn bản theo định dạng lưu trữ của Trung tâm (tiêu đề, ngày giờ, "
        "sapo, đoạn văn, chú thích ảnh, ./., tác giả, đơn vị). Mỗi tệp một giao dịch; nhập lại "
        "không tạo bài trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="tệp .txt hoặc thư mục")
        parser.add_argument("--dry-run", action="store_true", help="đọc và kiểm tra, không ghi gì")
        parser.add_argument(
            "--status",
            choices=["draft", "published"],
            default="draft",
            help="trạng thái bài sau khi nhập (mặc định: draft, bản nháp)",
        )
        parser.add_argument("--category", metavar="SLUG", help="đường dẫn của chuyên mục")
        parser.add_argument(
            "--photos",
            metavar="DIR",
            type=Path,
            help="thư mục ảnh, ghép với chú thích theo thứ tự tên tệp; với nhiều bài, ảnh "
            "của bai-a.txt đặt trong DIR/bai-a/",
        )

    def handle(self, *args, paths, dry_run, status, category, photos, **options):
        self.verbosity = options["verbosity"]
        self.photos_dir = photos
        if photos is not None and not photos.is_dir():
            raise CommandError(
                _("Không có thư mục ảnh «%(path)s».") % {"path": photos}, returncode=2
            )
        if category is not None:
            found = Category.objects.filter(slug=category).first()
            if found is None:
                raise CommandError(
                    _("Không có chuyên mục có đường dẫn «%(slug)s».") % {"slug": category},
                    returncode=2,
                )
            category = found
        files, missing = collect_files(paths)
        for path in missing:
            self._fail(path, _("không tìm thấy tệp hay thư mục này"))
        if not files and not missing:
            raise CommandError(_("Không có tệp .txt nào để nhập."), returncode=1)
        counts = {"imported": 0, "unchanged": 0, "failed": len(missing)}
        seen_keys = set()
        progress = ProgressBar(self.stdout, len(files)) if files else None
        for done, path in enumerate(files, start=1):
            try:
                parsed = read_article_file(path)
                outcome = import_article(
                    parsed,
                    category=category,
                    photos=self._photos_for(path),
                    publish=status == "published",
                    dry_run=dry_run,
                )
            except ImportFormatError as error:
                progress.interrupt()
                self._fail(path, str(error))
                counts["failed"] += 1
            except DatabaseError as error:
                # The file's transaction rolled back whole; the batch goes on and says so.
                progress.interrupt()
                self._fail(
                    path,
                    _("lỗi cơ sở dữ liệu, bài này chưa được nhập (%(error)s)")
                    % {"error": str(error).strip()},
                )
                counts["failed"] += 1
            else:
                # In a dry run nothing is saved, so a repeat within the run is caught here.
                created = outcome.created and parsed.import_key not in seen_keys
                seen_keys.add(parsed.import_key)
                counts["imported" if created else "unchanged"] += 1
                progress.interrupt()
                for warning in outcome.warnings:
                    self.stdout.write(self.style.WARNING(f"{path}: {warning}"))
                if self.verbosity >= 2:
                    state = _("mới") if created else _("không đổi")
                    self.stdout.write(f"{path}: {state} — {parsed.title}")
            progress.update(done, path.name)
        if progress:
            progress.finish()
        self._summary(counts, dry_run)
        if counts["failed"]:
            raise CommandError(
                _("%(failed)d tệp không nhập được.") % {"failed": counts["failed"]}, returncode=1
            )

    def _photos_for(self, path: Path) -> list[Path]:
        if self.photos_dir is None:
            return []
        own_folder = self.photos_dir / path.stem
        return photo_files(own_folder if own_folder.is_dir() else self.photos_dir)

    def _fail(self, path: Path, reason: str) -> None:
        self.stderr.write(_("Lỗi: %(path)s: %(reason)s") % {"path": path, "reason": reason})

    def _summary(self, counts: dict[str, int], dry_run: bool) -> None:
        if dry_run:
            self.stdout.write(_("Chạy thử: không ghi gì vào cơ sở dữ liệu."))
            line = _("Sẽ nhập: %(imported)d, không đổi: %(unchanged)d, lỗi: %(failed)d") % counts
        else:
            line = _("Đã nhập: %(imported)d, không đổi: %(unchanged)d, lỗi: %(failed)d") % counts
        style = self.style.ERROR if counts["failed"] else self.style.SUCCESS
        self.stdout.write(style(line))
