"""``manage.py import_articles``: files and folders in, a summary out, failures named."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from PIL import Image

from articles.models import Article, Author
from photos.models import Photo
from tests.factories import CategoryFactory
from tests.helpers import IMPORT_FIXTURES

pytestmark = pytest.mark.django_db

FIXTURES = IMPORT_FIXTURES
GOOD = [
    "bom.txt",
    "crlf.txt",
    "nfd.txt",
    "no_end_mark.txt",
    "no_time.txt",
    "one_author.txt",
    "share_debris.txt",
    "short_date.txt",
    "stray_spaces.txt",
]
BAD = [
    "bad_date.txt",
    "blank.txt",
    "empty.txt",
    "no_date.txt",
    "no_title.txt",
    "title_only.txt",
    "windows1258.txt",
]


def run(*args):
    """Run the command; return (exit status, stdout, stderr) as manage.py would."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), f"{err.getvalue()}{error}"
    return 0, out.getvalue(), err.getvalue()


def folder_of(tmp_path, names) -> Path:
    folder = tmp_path / "luu-tru"
    folder.mkdir()
    for name in names:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def make_picture(path, color):
    Image.new("RGB", (80, 60), color).save(path, "JPEG")


def test_folder_imports_every_good_file(tmp_path):
    """A folder of good files imports them all as drafts and says so."""
    status, out, err = run(folder_of(tmp_path, GOOD))
    assert status == 0, err
    assert "Đã nhập: 9, không đổi: 0, lỗi: 0" in out
    assert Article.objects.count() == 9
    assert set(Article.objects.values_list("status", flat=True)) == {Article.Status.DRAFT}


def test_malformed_files_are_named_and_the_rest_still_import(tmp_path):
    """Each malformed file is reported with name, line and reason; the good ones import."""
    folder = folder_of(tmp_path, GOOD + BAD)
    status, out, err = run(folder)
    assert status == 1
    assert "Đã nhập: 9, không đổi: 0, lỗi: 7" in out
    assert Article.objects.count() == 9
    bad_date = folder / "bad_date.txt"
    assert f"Lỗi: {bad_date}: dòng 2: ngày đăng «30/02/2023 10:00» không có thật" in err
    assert f"Lỗi: {folder / 'empty.txt'}: dòng 1: văn bản trống" in err
    assert f"Lỗi: {folder / 'no_title.txt'}: dòng 2: thiếu tiêu đề" in err
    assert f"Lỗi: {folder / 'no_date.txt'}: dòng 3: thiếu ngày đăng" in err
    assert f"Lỗi: {folder / 'title_only.txt'}: dòng 4: bài không có nội dung" in err
    assert f"Lỗi: {folder / 'windows1258.txt'}: dòng 1: không đọc được tệp" in err
    assert "7 tệp không nhập được." in err


def test_second_run_finds_everything_unchanged(tmp_path):
    """Running the same import again creates nothing and counts every file as unchanged."""
    folder = folder_of(tmp_path, GOOD)
    run(folder)
    counts = (Article.objects.count(), Author.objects.count())
    status, out, _err = run(folder)
    assert status == 0
    assert "Đã nhập: 0, không đổi: 9, lỗi: 0" in out
    assert (Article.objects.count(), Author.objects.count()) == counts


def test_dry_run_creates_nothing(tmp_path):
    """A dry run reports what it would do, failures included, and saves nothing."""
    folder = folder_of(tmp_path, [*GOOD, "no_date.txt"])
    shutil.copy(FIXTURES / "bom.txt", folder / "bom-ban-sao.txt")
    status, out, err = run(folder, "--dry-run")
    assert status == 1
    assert "Chạy thử: không ghi gì vào cơ sở dữ liệu." in out
    assert "Sẽ nhập: 9, không đổi: 1, lỗi: 1" in out
    assert "no_date.txt: dòng 3: thiếu ngày đăng" in err
    assert (Article.objects.count(), Author.objects.count(), Photo.objects.count()) == (0, 0, 0)


def test_published_status_and_category(tmp_path):
    """--status published publishes at the archive's time; --category files the articles."""
    section = CategoryFactory(slug="mat-tran")
    status, _out, err = run(
        FIXTURES / "short_date.txt", "--status", "published", "--category", "mat-tran"
    )
    assert status == 0, err
    article = Article.objects.published().get()
    assert article.category == section
    assert article.published_at.isoformat() == "2022-03-05T01:05:00+00:00"


def test_default_status_is_draft_and_bad_options_are_refused(tmp_path):
    """Without --status the article is a draft; an unknown section or photo folder stops all."""
    assert run(FIXTURES / "crlf.txt")[0] == 0
    assert Article.objects.get().status == Article.Status.DRAFT
    status, _out, err = run(FIXTURES / "bom.txt", "--category", "khong-co")
    assert (status, err) == (2, "Không có chuyên mục có đường dẫn «khong-co».")
    status, _out, err = run(FIXTURES / "bom.txt", "--photos", tmp_path / "khong-co")
    assert status == 2
    assert "Không có thư mục ảnh" in err
    assert Article.objects.count() == 1


def test_missing_paths_and_empty_folders_are_reported(tmp_path):
    """A path that does not exist is a failure; a folder with no text file says so."""
    status, out, err = run(FIXTURES / "bom.txt", tmp_path / "khong-co.txt")
    assert status == 1
    assert "không tìm thấy tệp hay thư mục này" in err
    assert "Đã nhập: 1, không đổi: 0, lỗi: 1" in out
    empty = tmp_path / "trong"
    empty.mkdir()
    assert run(empty) == (1, "", "Không có tệp .txt nào để nhập.")


def test_photos_are_matched_to_captions_in_order(tmp_path):
    """With --photos, each caption gets the next picture; the first is the featured photo."""
    photos = tmp_path / "anh"
    photos.mkdir()
    make_picture(photos / "1.jpg", "red")
    make_picture(photos / "2.jpg", "blue")
    status, _out, err = run(FIXTURES / "bom.txt", "--photos", photos)
    assert status == 0, err
    article = Article.objects.get()
    first, second = Photo.objects.order_by("pk")
    assert first.caption == "Cán bộ khuyến nông hướng dẫn hội viên ủ phân hữu cơ"
    assert second.caption == "Học viên thực hành trên vườn rau mẫu của xã"
    assert (first.width, first.height, first.credit) == (80, 60, "Trung tâm TT và VH")
    assert first.image.storage.exists(first.image.name)
    assert article.featured_photo == first
    assert f'data-photo-id="{first.pk}"' in article.body
    assert f'data-photo-id="{second.pk}"' in article.body
    assert article.body.index(f'"{first.pk}"') < article.body.index(f'"{second.pk}"')
    assert "photo-placeholder" not in article.body


def test_fewer_photos_than_captions_leaves_placeholders_and_warns(tmp_path):
    """With one photo for two captions, the second stays a placeholder and a warning says so."""
    photos = tmp_path / "anh"
    photos.mkdir()
    make_picture(photos / "a.jpg", "red")
    status, out, _err = run(FIXTURES / "bom.txt", "--photos", photos)
    assert status == 0
    assert "2 chú thích nhưng chỉ có 1 ảnh: 1 chú thích chờ ảnh" in out
    assert Article.objects.get().body.count("photo-placeholder") == 1


def test_photos_in_a_folder_named_after_each_file(tmp_path):
    """With several files, each article takes the photos in its own subfolder."""
    photos = tmp_path / "anh"
    (photos / "crlf").mkdir(parents=True)
    make_picture(photos / "crlf" / "1.jpg", "red")
    status, _out, err = run(FIXTURES / "crlf.txt", FIXTURES / "nfd.txt", "--photos", photos)
    assert status == 0, err
    with_photo = Article.objects.get(title__startswith="Thành Đoàn")
    without = Article.objects.get(title__startswith="Hội LHPN")
    assert with_photo.featured_photo is not None
    assert without.featured_photo is None
    assert "photo-placeholder" in without.body


def test_text_file_named_jpg_is_refused_and_nothing_is_saved(tmp_path):
    """A text file posing as a .jpg fails its article, by name, and leaves nothing behind."""
    photos = tmp_path / "anh"
    photos.mkdir()
    make_picture(photos / "1.jpg", "red")
    (photos / "2.jpg").write_text("không phải ảnh", encoding="utf-8")
    status, out, err = run(FIXTURES / "bom.txt", "--photos", photos)
    assert status == 1
    assert "bom.txt: Tệp «2.jpg» không phải là ảnh JPEG, PNG, WebP hay GIF" in err
    assert "Đã nhập: 0, không đổi: 0, lỗi: 1" in out
    assert (Article.objects.count(), Photo.objects.count(), Author.objects.count()) == (0, 0, 0)


def test_progress_bar_counts_the_files(tmp_path):
    """The progress bar reaches every file, and the summary follows it."""
    _status, out, _err = run(folder_of(tmp_path, GOOD))
    assert "[##############################] 9/9 (100%)" in out
    assert out.index("9/9 (100%)") < out.index("Đã nhập: 9")


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_redraws_in_place_on_a_terminal(tmp_path):
    """On a terminal the bar redraws one line, naming the file being read."""
    out = Terminal()
    call_command("import_articles", str(folder_of(tmp_path, GOOD[:3])), stdout=out)
    shown = out.getvalue()
    assert shown.count("\r") >= 3
    assert "3/3 (100%) nfd.txt" in shown
