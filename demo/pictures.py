"""Demo photographs drawn with Pillow, so the demo needs nothing from the network.

Each picture is a simple scene (sky, sun, hills, rooftops, people) whose colours and layout come
from a seed, so the same seed always gives the same JPEG.
"""

import functools
import io
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


@functools.lru_cache(maxsize=64)
def draw_scene(seed: str, width: int = 1600, height: int = 1000) -> bytes:
    """Return the JPEG bytes of a scene drawn from ``seed``."""
    rng = random.Random(seed)  # noqa: S311 — pictures, not secrets
    sky, glow, land, accent = rng.choice(PALETTES)
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
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
    image = image.filter(ImageFilter.SMOOTH)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    return buffer.getvalue()
