"""The demo's drawn photos: several kinds of scene, picked by what the caption says."""

import io

import pytest
from PIL import Image, ImageStat

from demo import content
from demo.pictures import KINDS, draw_scene, kind_for


def picture(seed: str, kind: str) -> Image.Image:
    return Image.open(io.BytesIO(draw_scene(seed, kind=kind)))


def test_each_kind_is_a_jpeg_of_its_own_look():
    """A village, a meeting hall, a field and a street are 1600×1000 JPEGs that look unlike
    each other (their average colours lie apart), and a seed always draws the same one."""
    means = {}
    for kind in KINDS:
        image = picture("demo-1", kind)
        assert (image.format, image.size) == ("JPEG", (1600, 1000))
        means[kind] = ImageStat.Stat(image.convert("RGB")).mean
    for first in KINDS:
        for second in KINDS:
            if first < second:
                distance = (
                    sum((a - b) ** 2 for a, b in zip(means[first], means[second], strict=True))
                    ** 0.5
                )
                assert distance > 12, (first, second)
    assert draw_scene("demo-1", kind="field") == draw_scene("demo-1", kind="field")


@pytest.mark.parametrize(
    ("caption", "kind"),
    [
        ("Toàn cảnh hội nghị tổng kết", "meeting"),
        ("Quang cảnh phiên khai mạc kỳ họp", "meeting"),
        ("Nông dân xã Tân Lập chăm sóc rau trong nhà lưới", "field"),
        ("Tổ tự quản của Hội CCB tuần tra tại khu phố 3", "street"),
        ("Xóm núi buổi sớm", "village"),
    ],
)
def test_caption_picks_the_scene(caption, kind):
    assert kind_for(caption) == kind


def test_demo_articles_show_every_kind_of_scene():
    """The demo's captions call for all four kinds of scene, not one village over and over."""
    captions = [
        text
        for article in content.ARTICLES
        for part in article["body"]
        if isinstance(part, tuple)
        for label, text in [part]
        if label == "caption"
    ]
    assert {kind_for(caption) for caption in captions} == set(KINDS)
