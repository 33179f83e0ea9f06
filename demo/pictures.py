"""Demo photographs drawn with Pillow, so the demo needs nothing from the network.

Each picture is a simple scene of one kind (``KINDS``: a village, a meeting hall with its
stage, a field with workers in conical hats, a street with a market's awnings) whose colours
and layout come from a seed, so the same seed always gives the same JPEG. ``kind_for`` picks
the kind a caption describes.
"""

import functools
import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter

PALETTES = [
    ((135, 190, 235), (250, 236, 200), (76, 140, 74), (180, 60, 50)),
    ((250, 190, 140), (255, 244, 214), (96, 120, 60), (140, 50, 70)),
    ((170, 205, 230), (240, 240, 240), (60, 110, 90), (200, 150, 40)),
    ((120, 160, 210), (230, 220, 250), (110, 150, 70), (40, 80, 160)),
]


def _lerp(a: tuple, b: tuple, t: float) -> tuple:
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


KINDS = ("village", "meeting", "field", "street")
# Words of a caption that say which kind of scene it shows, checked in this order.
KIND_WORDS = {
    "village": ("xây nhà", "thôn", "xóm", "làng"),
    "meeting": ("hội nghị", "kỳ họp", "đại biểu", "trao", "đối thoại", "khai mạc", "quyết định"),
    "field": ("rau", "lúa", "ruộng", "trồng", "nông dân", "nhà lưới", "hoa"),
    "street": ("khu phố", "tuần tra", "phân loại rác", "quà", "xưởng", "điện thoại", "chợ"),
}


def kind_for(caption: str) -> str:
    """The kind of scene a caption describes (a village when it names none)."""
    text = caption.lower()
    for kind, words in KIND_WORDS.items():
        if any(word in text for word in words):
            return kind
    return "village"


def _people(draw, rng, width, height, colours, count, top, hat=False) -> None:
    for _ in range(count):
        x = rng.randint(40, width - 40)
        y = height - rng.randint(20, max(21, height - top))
        draw.ellipse([x - 14, y - 95, x + 14, y - 67], fill=(230, 190, 160))
        if hat:  # the conical hat (nón lá)
            draw.polygon([(x - 34, y - 78), (x, y - 118), (x + 34, y - 78)], fill=(226, 200, 140))
        draw.rounded_rectangle([x - 22, y - 66, x + 22, y], radius=10, fill=rng.choice(colours))


def _meeting(draw, rng, width, height, accent) -> None:
    """A hall: a red backdrop with a yellow banner, a podium with flowers, rows of seats."""
    draw.rectangle([0, 0, width, height], fill=(214, 204, 186))
    stage = int(height * 0.5)
    draw.rectangle([width // 8, 40, width - width // 8, stage], fill=(170, 30, 35))
    draw.rectangle([width // 5, 80, width - width // 5, 150], fill=(250, 205, 60))
    for x in range(width // 5 + 30, width - width // 5 - 30, 60):  # the banner's words
        draw.rectangle([x, 105, x + 40, 125], fill=(170, 30, 35))
    star_x, star_y = width // 2, 260
    points = []
    for corner in range(10):  # the five-pointed star
        angle = math.pi / 2 + corner * math.pi / 5
        radius = 62 if corner % 2 == 0 else 25
        points.append((star_x + radius * math.cos(angle), star_y - radius * math.sin(angle)))
    draw.polygon(points, fill=(250, 205, 60))
    draw.rectangle([0, stage, width, stage + 40], fill=(120, 70, 40))
    podium = rng.randint(width // 4, 3 * width // 4)
    draw.rectangle([podium - 70, stage - 150, podium + 70, stage + 20], fill=(140, 90, 50))
    for dx in (-50, -10, 30):
        draw.ellipse([podium + dx - 22, stage - 190, podium + dx + 22, stage - 146], fill=accent)
    for row in range(4):
        y = stage + 140 + row * 120
        for x in range(60 + (row % 2) * 40, width - 40, 90):
            draw.rounded_rectangle([x - 30, y - 40, x + 30, y + 50], radius=8, fill=(60, 70, 110))
            draw.ellipse(
                [x - 20, y - 80, x + 20, y - 40], fill=rng.choice([(40, 30, 30), (70, 50, 40)])
            )


def _field(draw, rng, width, height, sky, land, accent) -> None:
    """Green rows of a field under a wide sky, trees at its edge, workers in conical hats."""
    horizon = int(height * rng.uniform(0.3, 0.4))
    draw.rectangle([0, 0, width, horizon], fill=sky)
    draw.rectangle([0, horizon, width, height], fill=_lerp(land, (140, 200, 90), 0.4))
    for row in range(12):  # rows running to the horizon
        x0 = -width + row * width * 3 // 11
        draw.line(
            [(width // 2, horizon), (x0, height)], fill=_lerp(land, (20, 60, 20), 0.3), width=18
        )
    for x in range(0, width, rng.randint(70, 110)):
        r = rng.randint(30, 55)
        draw.ellipse(
            [x - r, horizon - 2 * r, x + r, horizon + 10], fill=_lerp(land, (20, 70, 30), 0.5)
        )
    _people(
        draw,
        rng,
        width,
        height,
        [accent, (60, 100, 160), (240, 240, 240)],
        rng.randint(4, 7),
        horizon + 200,
        hat=True,
    )


def _street(draw, rng, width, height, sky, accent) -> None:
    """A street of narrow houses with striped awnings and passers-by."""
    draw.rectangle([0, 0, width, height], fill=sky)
    road = int(height * 0.72)
    x = 0
    while x < width:
        w, h = rng.randint(160, 260), rng.randint(350, 600)
        wall = rng.choice([(240, 220, 160), (200, 220, 230), (235, 200, 190), (220, 230, 200)])
        draw.rectangle([x, road - h, x + w - 6, road], fill=wall)
        for wy in range(road - h + 40, road - 220, 110):
            draw.rectangle([x + 30, wy, x + w - 40, wy + 60], fill=(80, 100, 120))
        stripes = rng.choice([accent, (40, 120, 80), (30, 90, 170)])
        for sx in range(x, x + w - 6, 30):
            colour = stripes if (sx - x) // 30 % 2 == 0 else (245, 245, 240)
            draw.polygon(
                [
                    (sx, road - 200),
                    (sx + 30, road - 200),
                    (sx + 40, road - 140),
                    (sx + 10, road - 140),
                ],
                fill=colour,
            )
        x += w
    draw.rectangle([0, road, width, height], fill=(120, 120, 125))
    for lx in range(0, width, 160):
        draw.rectangle([lx, road + 120, lx + 80, road + 132], fill=(235, 235, 235))
    _people(
        draw,
        rng,
        width,
        height,
        [accent, (40, 40, 60), (30, 90, 160)],
        rng.randint(5, 10),
        road + 40,
    )


@functools.lru_cache(maxsize=64)
def draw_scene(seed: str, width: int = 1600, height: int = 1000, kind: str | None = None) -> bytes:
    """Return the JPEG bytes of a scene of ``kind`` (any of ``KINDS`` when None) drawn from
    ``seed``."""
    rng = random.Random(seed)  # noqa: S311 — pictures, not secrets
    sky, glow, land, accent = rng.choice(PALETTES)
    kind = kind or rng.choice(KINDS)
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    if kind == "meeting":
        _meeting(draw, rng, width, height, accent)
    elif kind == "field":
        _field(draw, rng, width, height, sky, land, accent)
    elif kind == "street":
        _street(draw, rng, width, height, sky, accent)
    else:
        _village(draw, rng, width, height, sky, glow, land, accent)
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()


def _village(draw, rng, width, height, sky, glow, land, accent) -> None:
    """Sky, sun, hills, rooftops and people."""
    horizon = int(height * rng.uniform(0.55, 0.68))
    for y in range(horizon):
        draw.line([(0, y), (width, y)], fill=_lerp(glow, sky, y / horizon))
    sun_x, sun_r = rng.randint(width // 5, 4 * width // 5), rng.randint(50, 90)
    draw.ellipse([sun_x - sun_r, 120 - sun_r, sun_x + sun_r, 120 + sun_r], fill=(255, 230, 150))
    for layer in range(3):
        shade = _lerp(land, (30, 60, 40), layer / 3)
        points = [(0, height)]
        for x in range(0, width + 200, 200):
            points.append((x, horizon - rng.randint(0, 120) + layer * 60))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for _ in range(rng.randint(4, 8)):
        x, w = rng.randint(0, width - 200), rng.randint(120, 220)
        h = rng.randint(100, 220)
        base = horizon + rng.randint(60, 160)
        draw.rectangle([x, base - h, x + w, base], fill=(235, 228, 215))
        draw.polygon(
            [(x - 15, base - h), (x + w // 2, base - h - 70), (x + w + 15, base - h)], fill=accent
        )
        for wx in range(x + 20, x + w - 30, 45):
            draw.rectangle([wx, base - h + 30, wx + 25, base - h + 60], fill=(90, 110, 140))
    for _ in range(rng.randint(5, 12)):
        x = rng.randint(40, width - 40)
        y = height - rng.randint(40, 160)
        colour = rng.choice([accent, (40, 40, 60), (220, 220, 230), (30, 90, 160)])
        draw.ellipse([x - 14, y - 95, x + 14, y - 67], fill=(230, 190, 160))
        draw.rounded_rectangle([x - 22, y - 66, x + 22, y], radius=10, fill=colour)
