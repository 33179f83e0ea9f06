"""``manage.py check_deployment``: what a production server still lacks, in Vietnamese and
English, read from the settings as loaded and from the services they name.

Each finding says which environment variable to set (deploy/newsroom.env.example has them
all). Errors stop a safe start; warnings are choices a single small server may make. Exits 1
when there is an error, so a deployment script can stop there.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.executor import MigrationExecutor

from newsroom.health import cache_reachable, database_reachable


@dataclass(frozen=True)
class Finding:
    error: bool
    vi: str
    en: str


def _error(vi: str, en: str) -> Finding:
    return Finding(True, vi, en)


def _warning(vi: str, en: str) -> Finding:
    return Finding(False, vi, en)


def configuration_findings() -> list[Finding]:
    """What the settings themselves say."""
    found = []
    if settings.DEBUG:
        found.append(
            _error(
                "Đang bật chế độ gỡ lỗi: bỏ DJANGO_DEBUG hoặc đặt DJANGO_DEBUG=0.",
                "Debug mode is on: unset DJANGO_DEBUG or set DJANGO_DEBUG=0.",
            )
        )
    if len(settings.SECRET_KEY) < 50 or len(set(settings.SECRET_KEY)) < 5:
        found.append(
            _error(
                "DJANGO_SECRET_KEY quá ngắn: cần ít nhất 50 ký tự ngẫu nhiên.",
                "DJANGO_SECRET_KEY is too short: at least 50 random characters are needed.",
            )
        )
    hosts = [host for host in settings.ALLOWED_HOSTS if host]
    if not hosts or "*" in hosts:
        found.append(
            _error(
                "DJANGO_ALLOWED_HOSTS phải nêu tên miền của trang (không dùng *).",
                "DJANGO_ALLOWED_HOSTS must name the site's domain (not *).",
            )
        )
    base = urlsplit(settings.NEWSROOM_BASE_URL)
    if base.scheme != "https":
        found.append(
            _error(
                "NEWSROOM_BASE_URL phải là địa chỉ https:// của trang.",
                "NEWSROOM_BASE_URL must be the site's https:// address.",
            )
        )
    if base.hostname in {"localhost", "127.0.0.1", "::1"}:
        found.append(
            _error(
                "NEWSROOM_BASE_URL đang trỏ tới máy này; đặt địa chỉ công khai của trang.",
                "NEWSROOM_BASE_URL points at this machine; set the site's public address.",
            )
        )
    if settings.NEWSROOM_BEHIND_PROXY:
        origin = f"{base.scheme}://{base.netloc}"
        if origin not in settings.CSRF_TRUSTED_ORIGINS:
            found.append(
                _error(
                    f"Sau proxy TLS, DJANGO_CSRF_TRUSTED_ORIGINS phải có {origin}.",
                    f"Behind a TLS proxy, DJANGO_CSRF_TRUSTED_ORIGINS must include {origin}.",
                )
            )
    else:
        found.append(
            _warning(
                "DJANGO_BEHIND_TLS_PROXY chưa bật: nếu nginx giữ TLS, đặt biến này bằng 1.",
                "DJANGO_BEHIND_TLS_PROXY is off: when nginx terminates TLS, set it to 1.",
            )
        )
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        found.append(
            _warning(
                "Cơ sở dữ liệu không phải PostgreSQL: đặt DATABASE_URL=postgres://…",
                "The database is not PostgreSQL: set DATABASE_URL=postgres://…",
            )
        )
    if not settings.REDIS_URL:
        found.append(
            _warning(
                "Chưa có REDIS_URL: bộ nhớ đệm nằm riêng trong từng tiến trình.",
                "REDIS_URL is not set: each process keeps its own cache.",
            )
        )
    if settings.DEFAULT_FROM_EMAIL.endswith("@localhost"):
        found.append(
            _warning(
                "DJANGO_DEFAULT_FROM_EMAIL vẫn là địa chỉ @localhost.",
                "DJANGO_DEFAULT_FROM_EMAIL is still a @localhost address.",
            )
        )
    return found


def folder_findings() -> list[Finding]:
    """The folders the site writes to and serves from."""
    found = []
    media = Path(settings.MEDIA_ROOT)
    if not media.is_dir():
        found.append(
            _error(
                f"Thư mục ảnh MEDIA_ROOT ({media}) chưa có.",
                f"The media folder MEDIA_ROOT ({media}) does not exist.",
            )
        )
    static = Path(settings.STATIC_ROOT)
    if not (static / "admin").is_dir():
        found.append(
            _error(
                f"STATIC_ROOT ({static}) trống: chạy python manage.py collectstatic.",
                f"STATIC_ROOT ({static}) is empty: run python manage.py collectstatic.",
            )
        )
    return found


def service_findings() -> list[Finding]:
    """The database (reachable, migrated) and the cache."""
    if not database_reachable():
        return [
            _error(
                "Không kết nối được cơ sở dữ liệu (DATABASE_URL).",
                "The database cannot be reached (DATABASE_URL).",
            )
        ]
    found = []
    executor = MigrationExecutor(connections["default"])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        found.append(
            _error(
                "Cơ sở dữ liệu chưa cập nhật: chạy python manage.py migrate.",
                "The database is not migrated: run python manage.py migrate.",
            )
        )
    if not cache_reachable():
        found.append(
            _error(
                "Không kết nối được bộ nhớ đệm (REDIS_URL).",
                "The cache cannot be reached (REDIS_URL).",
            )
        )
    return found


class Command(BaseCommand):
    help = "Kiểm tra cấu hình triển khai / Check a production deployment's settings."

    def handle(self, *args, **options):
        findings = configuration_findings() + folder_findings() + service_findings()
        for finding in findings:
            mark = "LỖI/ERROR" if finding.error else "CHÚ Ý/WARNING"
            style = self.style.ERROR if finding.error else self.style.WARNING
            self.stdout.write(style(f"{mark}: {finding.vi}\n    {finding.en}"))
        errors = sum(finding.error for finding in findings)
        if errors:
            raise CommandError(f"{errors} lỗi cần sửa / {errors} error(s) to fix.")
        self.stdout.write(
            self.style.SUCCESS("Cấu hình triển khai đủ dùng. / The deployment is ready.")
        )
