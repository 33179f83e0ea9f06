"""Backups: the database and the photos go out, and come back whole into a fresh site.

The backup is made from this test's database (PostgreSQL with pg_dump in the PostgreSQL pass,
SQLite's backup API in the SQLite pass); the restore and the checks run in fresh processes
pointed at a new, empty database and media folder, as an administrator would run them.
"""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import psycopg2
import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from psycopg2 import sql

from articles import revisions
from articles.backup import MANIFEST, MEDIA_ARCHIVE, make_backup, read_manifest
from articles.models import Article
from tests.factories import PhotoFactory, ReadyArticleFactory, UserFactory
from tests.helpers import inventory
from tests.newsroom.test_settings import ROOT

pytestmark = pytest.mark.django_db(transaction=True)

# Run in the restored site's own process; prints what ``inventory`` found there.
SHELL = ("shell", "--no-imports", "-c")
LIST_EVERYTHING = "import json; from tests.helpers import inventory; print(json.dumps(inventory()))"


def everything_here() -> dict:
    """What LIST_EVERYTHING prints, for this process's database and media folder."""
    return json.loads(json.dumps(inventory()))


@pytest.fixture
def newsroom(media_root):
    """Articles in several states, each with revisions, a featured photo and a body photo."""
    editor = UserFactory(username="bientapvien")
    for number, status in enumerate(Article.Status.values):
        article = ReadyArticleFactory(status=status, created_by=editor)
        inline = PhotoFactory(image__color=("red", "blue", "navy", "olive")[number])
        article.body += (
            f'<figure><img src="{inline.image.url}" data-photo-id="{inline.pk}"></figure>'
        )
        article.save()
        for reason in ("Tạo bài", "Lưu", "Lưu"):
            revisions.record(article, user=editor, reason=reason)
    return everything_here()


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of a new, empty database of this test run's engine; dropped afterwards."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'khoi-phuc' / 'db.sqlite3'}"
        return
    server = connection.settings_dict
    name = f"{server['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=server["USER"],
        password=server["PASSWORD"],
        host=server["HOST"],
        port=server["PORT"],
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        credentials = (
            f"{server['USER']}:{server['PASSWORD']}" if server["PASSWORD"] else server["USER"]
        )
        yield f"postgres://{credentials}@{server['HOST']}:{server['PORT']}/{name}"
    finally:
        with admin.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        admin.close()


def manage(*args, database_url, media, check=True):
    """``manage.py`` in a fresh process, on another database and media folder."""
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media)}
    result = subprocess.run(  # noqa: S603 — our own interpreter and manage.py
        [sys.executable, "manage.py", *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def table_count(database_url: str, media) -> int:
    """How many tables the database at ``database_url`` has (a missing SQLite file has none)."""
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        if not path.exists():
            return 0
    count = "from django.db import connection; print(len(connection.introspection.table_names()))"
    return int(manage(*SHELL, count, database_url=database_url, media=media).stdout)


def test_backup_restores_into_a_fresh_database_with_every_article_revision_and_photo(
    newsroom, fresh_database, tmp_path
):
    """Back up, restore into an empty database and media folder: every article, revision and
    photo file is there, byte for byte; what was written after the backup is not."""
    out = io.StringIO()
    call_command("backup", tmp_path / "sao-luu", stdout=out)
    (folder,) = (tmp_path / "sao-luu").iterdir()
    assert "4 bài viết, 12 phiên bản, 8 ảnh." in out.getvalue()
    assert f"Đã sao lưu vào {folder}" in out.getvalue()
    ReadyArticleFactory(title="Bài viết sau khi sao lưu, không có trong bản sao")

    restored_media = tmp_path / "khoi-phuc" / "media"
    result = manage("restore", folder, database_url=fresh_database, media=restored_media)
    assert "Đã khôi phục: 4 bài viết, 12 phiên bản, 8 ảnh." in result.stdout
    assert "Đủ mọi bài viết, phiên bản và tệp ảnh." in result.stdout

    listing = manage(*SHELL, LIST_EVERYTHING, database_url=fresh_database, media=restored_media)
    assert json.loads(listing.stdout) == newsroom
    assert len(newsroom["photos"]) == 8


def test_restore_refuses_a_database_that_already_has_data(newsroom, tmp_path):
    """Restoring over a working site is refused unless asked for, and nothing changes."""
    folder = make_backup(tmp_path / "sao-luu")
    with pytest.raises(CommandError, match="Cơ sở dữ liệu đích đã có dữ liệu"):
        call_command("restore", folder)
    assert everything_here() == newsroom


def test_a_damaged_backup_is_refused_before_anything_is_touched(newsroom, fresh_database, tmp_path):
    """One changed byte in the database copy: the restore stops and the new database stays
    empty."""
    folder = make_backup(tmp_path / "sao-luu")
    manifest = json.loads((folder / MANIFEST).read_text())
    database_file = folder / manifest["database"]
    data = bytearray(database_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    database_file.write_bytes(bytes(data))

    result = manage(
        "restore", folder, database_url=fresh_database, media=tmp_path / "m", check=False
    )
    assert result.returncode == 1
    assert f"Tệp {database_file.name} trong bản sao lưu bị thiếu hoặc không khớp" in result.stderr
    assert table_count(fresh_database, tmp_path / "m") == 0
    assert not (tmp_path / "m").exists()


def test_a_media_archive_cannot_write_outside_the_media_folder(newsroom, fresh_database, tmp_path):
    """A tampered media archive with a "../" entry is refused before the database is touched,
    and nothing lands outside the media folder."""
    folder = make_backup(tmp_path / "sao-luu")
    archive = folder / MEDIA_ARCHIVE
    payload = tmp_path / "payload.txt"
    payload.write_text("không được ghi ra ngoài")
    with tarfile.open(archive, "w:gz") as tampered:
        tampered.add(payload, arcname="media/../../thoat-ra.txt")
    manifest = json.loads((folder / MANIFEST).read_text())
    manifest["sha256"][MEDIA_ARCHIVE] = hashlib.sha256(archive.read_bytes()).hexdigest()
    (folder / MANIFEST).write_text(json.dumps(manifest))
    media = tmp_path / "khoi-phuc" / "media"

    result = manage("restore", folder, database_url=fresh_database, media=media, check=False)
    assert result.returncode == 1
    assert "Tệp ảnh nén có mục không an toàn «../../thoat-ra.txt»: dừng lại." in result.stderr
    assert not list(tmp_path.rglob("thoat-ra.txt"))
    assert not media.exists()
    assert not media.with_name("media.dang-khoi-phuc").exists()
    assert table_count(fresh_database, media) == 0


def test_two_backups_in_the_same_second_do_not_overwrite_each_other(newsroom, tmp_path):
    """A second backup started within the same second is refused; the first stays whole."""
    with time_machine.travel(timezone.now(), tick=False):
        first = make_backup(tmp_path / "sao-luu")
        with pytest.raises(CommandError, match="Đã có bản sao lưu"):
            call_command("backup", tmp_path / "sao-luu")
    assert read_manifest(first)["counts"] == {"articles": 4, "revisions": 12, "photos": 8}
