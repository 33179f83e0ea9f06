"""Backing up the database and the media folder, and restoring them (README, "Backups").

A backup is one folder, ``newsroom-<YYYYmmdd-HHMMSS>``, holding

- ``database.dump``: PostgreSQL's ``pg_dump --format=custom``, or ``database.sqlite3``: a
  consistent copy made with SQLite's online backup API (safe while the site runs);
- ``media.tar.gz``: everything under MEDIA_ROOT;
- ``manifest.json``: when, which engine, how many articles, revisions and photos there were,
  and the SHA-256 of each file, checked before anything is restored.

The database is copied before the media, so every file a row names is in the archive.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, Revision
from photos.models import Photo

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
MEDIA_ROOT_IN_ARCHIVE = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why, in Vietnamese."""


def counts() -> dict[str, int]:
    """How many articles, revisions and photos the database holds."""
    return {
        "articles": Article.objects.count(),
        "revisions": Revision.objects.count(),
        "photos": Photo.objects.count(),
    }


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(
            _("Chưa hỗ trợ sao lưu cơ sở dữ liệu loại %(vendor)s.") % {"vendor": vendor}
        )
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# --- backing up --------------------------------------------------------------------------


def make_backup(destination: Path, *, using: str = "default") -> Path:
    """Back up the database and MEDIA_ROOT into a new folder under ``destination``."""
    engine = _engine(using)
    if not connections[using].introspection.table_names():
        raise BackupError(
            _("Cơ sở dữ liệu còn trống (chưa chạy migrate?): không có gì để sao lưu.")
        )
    folder = Path(destination) / timezone.localtime().strftime("newsroom-%Y%m%d-%H%M%S")
    try:
        folder.mkdir(parents=True)
    except FileExistsError as error:
        raise BackupError(_("Đã có bản sao lưu %(path)s.") % {"path": folder}) from error
    try:
        tally = counts()
        database_file = folder / DATABASE_FILES[engine]
        if engine == "postgresql":
            _dump_postgresql(connections[using].settings_dict, database_file)
        else:
            _copy_sqlite(connections[using], database_file)
        _archive_media(Path(settings.MEDIA_ROOT), folder / MEDIA_ARCHIVE)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": database_file.name,
            "media": MEDIA_ARCHIVE,
            "counts": tally,
            "sha256": {
                name: _sha256(folder / name) for name in (database_file.name, MEDIA_ARCHIVE)
            },
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    except BaseException:
        # A half-made backup must not be mistaken for a good one later.
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _postgresql_environment(database: dict) -> dict[str, str]:
    environment = os.environ.copy()
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if database.get(key):
            environment[variable] = str(database[key])
    sslmode = (database.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = sslmode
    return environment


def _run(program: str, arguments: list[str], database: dict) -> None:
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            _(
                "Không tìm thấy chương trình %(program)s: hãy cài gói postgresql-client "
                "cùng phiên bản với máy chủ PostgreSQL."
            )
            % {"program": program}
        )
    result = subprocess.run(  # noqa: S603 — a PostgreSQL client program with fixed options
        [executable, *arguments],
        env=_postgresql_environment(database),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s báo lỗi: %(error)s")
            % {"program": program, "error": result.stderr.strip() or result.returncode}
        )


def _dump_postgresql(database: dict, path: Path) -> None:
    options = ["--format=custom", "--no-owner", "--no-privileges"]
    _run("pg_dump", [*options, f"--file={path}", f"--dbname={database['NAME']}"], database)


def _restore_postgresql(database: dict, path: Path, *, replace: bool) -> None:
    # One transaction: a restore that fails halfway leaves the target as it was.
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    if replace:
        options += ["--clean", "--if-exists"]
    _run("pg_restore", [*options, f"--dbname={database['NAME']}", str(path)], database)


def _copy_sqlite(connection, path: Path) -> None:
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def _archive_media(media_root: Path, path: Path) -> None:
    with tarfile.open(path, "w:gz") as archive:
        if media_root.is_dir():
            archive.add(media_root, arcname=MEDIA_ROOT_IN_ARCHIVE)
        else:
            folder = tarfile.TarInfo(MEDIA_ROOT_IN_ARCHIVE)
            folder.type, folder.mode = tarfile.DIRTYPE, 0o755
            archive.addfile(folder)


# --- restoring ---------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict:
    """The backup's manifest, once every file it lists is present and unchanged."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(
            _("%(path)s không phải một bản sao lưu (thiếu hoặc hỏng manifest.json).")
            % {"path": folder}
        ) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(_("Bản sao lưu được tạo bởi một phiên bản khác, không đọc được."))
    for name, expected in manifest["sha256"].items():
        path = folder / Path(name).name
        if not path.is_file() or _sha256(path) != expected:
            raise BackupError(
                _("Tệp %(name)s trong bản sao lưu bị thiếu hoặc không khớp mã kiểm tra: dừng lại.")
                % {"name": name}
            )
    return manifest


def restore_backup(folder: Path, *, using: str = "default", replace: bool = False) -> dict:
    """Restore the backup in ``folder`` into the configured database and MEDIA_ROOT.

    Both must be empty unless ``replace``; with it, the database is overwritten and the media
    folder in place is kept aside as ``<MEDIA_ROOT>.truoc-khoi-phuc-<time>``.
    Returns the manifest.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    engine = _engine(using)
    if manifest["engine"] != engine:
        raise BackupError(
            _("Bản sao lưu này là của %(backup)s, không khôi phục được vào %(target)s.")
            % {"backup": manifest["engine"], "target": engine}
        )
    connection = connections[using]
    if engine == "sqlite":
        # SQLite makes the file on first connection, but not the folder it goes in.
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    if not replace:
        if connection.introspection.table_names():
            raise BackupError(
                _(
                    "Cơ sở dữ liệu đích đã có dữ liệu. Hãy khôi phục vào một cơ sở dữ liệu "
                    "trống, hoặc dùng --replace để ghi đè lên dữ liệu hiện có."
                )
            )
        if media_root.is_dir() and any(media_root.iterdir()):
            raise BackupError(
                _(
                    "Thư mục ảnh %(path)s không trống. Hãy khôi phục vào một thư mục trống, "
                    "hoặc dùng --replace (thư mục hiện có được giữ lại bên cạnh)."
                )
                % {"path": media_root}
            )
    # The photos are unpacked (and checked) beside MEDIA_ROOT first, the database restored
    # next, and only then are the photos moved into place: a failure leaves both as they were.
    unpacked = _unpack_media(folder / manifest["media"], media_root)
    try:
        connection.close()
        database_file = folder / manifest["database"]
        if engine == "postgresql":
            _restore_postgresql(connection.settings_dict, database_file, replace=replace)
        else:
            _restore_sqlite(connection.settings_dict["NAME"], database_file)
    except BaseException:
        shutil.rmtree(unpacked, ignore_errors=True)
        raise
    _move_media_into_place(unpacked, media_root)
    return manifest


def _restore_sqlite(name, database_file: Path) -> None:
    if str(name) == ":memory:" or "mode=memory" in str(name):
        raise BackupError(_("Không khôi phục được vào cơ sở dữ liệu SQLite trong bộ nhớ."))
    source = sqlite3.connect(f"file:{database_file}?mode=ro", uri=True)
    target = sqlite3.connect(name)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def _unpack_media(archive_path: Path, media_root: Path) -> Path:
    """Unpack the media archive into a new folder beside MEDIA_ROOT and return it."""
    unpacked = media_root.with_name(media_root.name + ".dang-khoi-phuc")
    shutil.rmtree(unpacked, ignore_errors=True)
    unpacked.mkdir(parents=True)
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            for member in archive.getmembers():
                _extract(archive, member, unpacked)
    except BaseException:
        shutil.rmtree(unpacked, ignore_errors=True)
        raise
    return unpacked


def _move_media_into_place(unpacked: Path, media_root: Path) -> None:
    """Swap the unpacked folder in; a media folder already there is kept aside, not deleted."""
    if media_root.is_dir() and any(media_root.iterdir()):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
        media_root.rename(media_root.with_name(f"{media_root.name}.truoc-khoi-phuc-{stamp}"))
    elif media_root.is_dir():
        media_root.rmdir()
    unpacked.rename(media_root)


def _extract(archive: tarfile.TarFile, member: tarfile.TarInfo, destination: Path) -> None:
    prefix = MEDIA_ROOT_IN_ARCHIVE + "/"
    if member.name == MEDIA_ROOT_IN_ARCHIVE:
        return
    if not member.name.startswith(prefix):
        raise BackupError(
            _("Tệp ảnh nén có mục lạ «%(name)s» nằm ngoài thư mục media: dừng lại.")
            % {"name": member.name}
        )
    member = member.replace(name=member.name[len(prefix) :], deep=False)
    try:
        # The "data" filter refuses absolute paths, "..", links out of the folder and devices.
        archive.extract(member, destination, filter="data")
    except tarfile.FilterError as error:
        raise BackupError(
            _("Tệp ảnh nén có mục không an toàn «%(name)s»: dừng lại.") % {"name": member.name}
        ) from error


def restored_problems(manifest: dict) -> list[str]:
    """What the restored site lacks compared with the backup: rows or photo files."""
    problems = []
    found = counts()
    labels = {"articles": _("bài viết"), "revisions": _("phiên bản"), "photos": _("ảnh")}
    for key, expected in manifest["counts"].items():
        if found[key] < expected:
            problems.append(
                _("Chỉ có %(found)d %(what)s, bản sao lưu ghi %(expected)d.")
                % {"found": found[key], "what": labels[key], "expected": expected}
            )
    for photo in Photo.objects.only("image"):
        if photo.image.name and not photo.image.storage.exists(photo.image.name):
            problems.append(_("Thiếu tệp ảnh %(name)s.") % {"name": photo.image.name})
    return problems
