"""Photos given to the importer are real pictures, taken in name order."""

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from articles.importing.photos import check_photo_file, photo_files


def make_picture(path, color="green", picture_format="JPEG"):
    Image.new("RGB", (64, 48), color).save(path, picture_format)
    return path


def test_pictures_are_listed_in_natural_order_without_other_files(tmp_path):
    """2.jpg comes before 10.jpg; notes and hidden files are not photos."""
    for name in ("10.jpg", "2.JPG", "1.png", ".thumb.jpg"):
        make_picture(tmp_path / name)
    (tmp_path / "ghi-chu.txt").write_text("ảnh của bài", encoding="utf-8")
    assert [path.name for path in photo_files(tmp_path)] == ["1.png", "2.JPG", "10.jpg"]


def test_real_pictures_pass(tmp_path):
    """JPEG, PNG and WebP pictures made by Pillow are accepted."""
    for picture_format, suffix in (("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")):
        check_photo_file(make_picture(tmp_path / f"anh.{suffix}", picture_format=picture_format))


def test_text_named_jpg_is_refused_with_its_name(tmp_path):
    """A text file named .jpg is refused, the message naming the file."""
    fake = tmp_path / "anh-1.jpg"
    fake.write_text("đây không phải ảnh", encoding="utf-8")
    with pytest.raises(ValidationError) as refused:
        check_photo_file(fake)
    assert refused.value.messages[0].startswith(
        "Tệp «anh-1.jpg» không phải là ảnh JPEG, PNG, WebP hay GIF"
    )


def test_truncated_picture_is_refused(tmp_path):
    """A picture cut short in transfer is refused."""
    whole = make_picture(tmp_path / "whole.png", picture_format="PNG").read_bytes()
    cut = tmp_path / "cut.png"
    cut.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ValidationError) as refused:
        check_photo_file(cut)
    assert "cut.png" in refused.value.messages[0]


def test_other_picture_formats_are_refused(tmp_path):
    """A picture in a format the site does not serve (BMP) is refused by name and format."""
    bitmap = make_picture(tmp_path / "anh.bmp", picture_format="BMP")
    with pytest.raises(ValidationError) as refused:
        check_photo_file(bitmap)
    assert refused.value.messages[0].startswith(
        "Tệp «anh.bmp» không phải là ảnh JPEG, PNG, WebP hay GIF"
    )
