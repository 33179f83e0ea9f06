"""Renditions: the smaller copies of a library photo that pages actually show.

Each photo is resized once, when it is saved, into a few widths (never larger than the photo),
in WebP with a JPEG fallback (PNG when the photo has transparency), and in a 16:9 crop around
its focal point for cards and previews, all in sRGB without a colour profile or metadata. The
files live under ``MEDIA_ROOT/renditions/`` and the photo's ``renditions`` column describes
them, so pages build their ``srcset`` without touching the disk or running another query;
nothing is ever resized during a request.
"""

import hashlib
import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, Storage
from django.db import transaction
from django.utils.encoding import filepath_to_uri
from PIL import Image

from photos.colour import has_alpha, to_srgb
from photos.images import SWAPS_AXES, encode, orientation_fix

VERSION = 1
DEFAULT_WIDTHS = (320, 640, 960, 1280, 1920)
# name → (aspect ratio, widest rendition). "full" keeps the photo's own shape for articles;
# the 16:9 crop serves cards and link previews, which never need more than 1280 pixels.
SHAPES = {
    "full": (None, None),
    "16x9": ((16, 9), 1280),
    # For search engines' article images (16:9, 4:3 and 1:1, each at least 50,000 pixels):
    # one width of each, the widest up to 1200, not a srcset.
    "4x3": ((4, 3), 1200),
    "1x1": ((1, 1), 1200),
}
SINGLE_WIDTH = {"4x3", "1x1"}
WEBP_OPTIONS = {"quality": 80, "method": 2}
JPEG_OPTIONS = {"quality": 82, "optimize": True, "progressive": True}


def widths_setting() -> tuple[int, ...]:
    return tuple(sorted(getattr(settings, "NEWSROOM_PHOTO_WIDTHS", DEFAULT_WIDTHS)))


@dataclass(frozen=True)
class Rendition:
    """One width of one shape: a WebP file and its fallback, with their size in pixels."""

    width: int
    height: int
    webp_url: str
    fallback_url: str


def recipe(name: str, focal: tuple[float, float]) -> str:
    """Everything but the picture itself that the renditions of a photo depend on."""
    return f"{VERSION}|{name}|{widths_setting()}|{sorted(SHAPES.items())}|{focal}"


def _folder_key(content: bytes, name: str, focal: tuple[float, float]) -> str:
    # The picture's own bytes are part of the key: files found under a folder of this name
    # can only be renditions of this very picture, so they are reused rather than redone.
    digest = hashlib.sha256(content)
    digest.update(recipe(name, focal).encode())
    return digest.hexdigest()[:12]


def target_widths(available: int, widest: int | None = None) -> list[int]:
    """The widths to make from ``available`` pixels: never wider than the picture itself."""
    allowed = [width for width in widths_setting() if widest is None or width <= widest]
    widths = [width for width in allowed if width <= available]
    if not widths or (available < allowed[-1] and widths[-1] != available):
        widths.append(available)
    return widths


def crop_box(size: tuple[int, int], ratio, focal: tuple[float, float]) -> tuple[int, ...]:
    """The largest box of ``ratio`` in ``size``, centred on the focal point as far as it can be."""
    width, height = size
    if ratio is None:
        return (0, 0, width, height)
    ratio_w, ratio_h = ratio
    if width * ratio_h > height * ratio_w:  # wider than the ratio: trim the sides
        crop_w, crop_h = round(height * ratio_w / ratio_h), height
    else:
        crop_w, crop_h = width, round(width * ratio_h / ratio_w)
    left = min(max(round(focal[0] * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal[1] * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def _decode(image: Image.Image, upright: tuple[int, int], largest: int) -> Image.Image:
    fix = orientation_fix(image)  # masters are upright already; older files may not be
    if image.format == "JPEG":
        wanted = (largest, max(1, round(upright[1] * largest / upright[0])))
        # Decoding a 24-megapixel JPEG at half or quarter scale saves most of the work.
        image.draft("RGB", wanted[::-1] if fix in SWAPS_AXES else wanted)
    image.load()
    # Masters stored before colours were converted on upload still carry their profile.
    image = to_srgb(image)
    if fix is not None:
        image = image.transpose(fix)
    image.info = {}  # no profile, no metadata in any rendition
    return image


def _save(storage: Storage, name: str, content: bytes) -> None:
    if storage.exists(name):
        storage.delete(name)
    stored = storage.save(name, ContentFile(content))
    if stored != name:  # another process wrote the same rendition meanwhile: keep one
        storage.delete(stored)


def _plan(size: tuple[int, int], focal: tuple[float, float]) -> dict:
    plan = {}
    for shape, (ratio, widest) in SHAPES.items():
        box = crop_box(size, ratio, focal)
        box_w, box_h = box[2] - box[0], box[3] - box[1]
        widths = target_widths(box_w, widest)
        if shape in SINGLE_WIDTH:
            widths = widths[-1:]
        plan[shape] = (box, [(w, max(1, round(box_h * w / box_w))) for w in widths])
    return plan


def make_renditions(storage: Storage, name: str, focal: tuple[float, float]) -> dict:
    """Write every rendition of the image stored as ``name``; return their description.

    Renditions already on disk for this very picture and recipe are kept as they are.
    """
    with storage.open(name, "rb") as source:
        content = source.read()
    image = Image.open(io.BytesIO(content))
    size = image.size[::-1] if orientation_fix(image) in SWAPS_AXES else image.size
    plan = _plan(size, focal)
    spec = {
        "v": VERSION,
        "recipe": recipe(name, focal),
        "dir": f"renditions/{name.rsplit('.', 1)[0]}-{_folder_key(content, name, focal)}",
        "fallback": "png" if has_alpha(image) else "jpg",
        "shapes": {shape: [list(wh) for wh in sizes] for shape, (_box, sizes) in plan.items()},
    }
    del content
    if all(storage.exists(file) for file in rendition_names(spec)):
        return spec
    largest = max(w for _box, sizes in plan.values() for w, _h in sizes)
    image = _decode(image, size, largest)
    scale_x, scale_y = image.size[0] / size[0], image.size[1] / size[1]

    def render(shape: str, box: tuple, width: int, height: int) -> None:
        scaled = (box[0] * scale_x, box[1] * scale_y, box[2] * scale_x, box[3] * scale_y)
        picture = image.resize(
            (width, height), Image.Resampling.LANCZOS, box=scaled, reducing_gap=3.0
        )
        picture.info = image.info
        base = f"{spec['dir']}/{shape}-{width}"
        _save(storage, f"{base}.webp", encode(picture, "WEBP", **WEBP_OPTIONS))
        if spec["fallback"] == "png":
            _save(storage, f"{base}.png", encode(picture, "PNG"))
        else:
            _save(storage, f"{base}.jpg", encode(picture, "JPEG", **JPEG_OPTIONS))

    # Pillow lets go of the interpreter lock while it resizes and encodes, so the sizes are
    # made side by side on the machine's cores.
    jobs = [(shape, box, *wh) for shape, (box, sizes) in plan.items() for wh in sizes]
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        list(pool.map(lambda job: render(*job), jobs))
    return spec


def rendition_names(spec: dict) -> list[str]:
    """Every file a description lists."""
    names = []
    for shape, sizes in (spec or {}).get("shapes", {}).items():
        for width, _height in sizes:
            base = f"{spec['dir']}/{shape}-{width}"
            names += [f"{base}.webp", f"{base}.{spec['fallback']}"]
    return names


def delete_files(storage: Storage, names: list[str]) -> None:
    """Delete files once the surrounding transaction commits (a rollback keeps them)."""

    def delete():
        for name in names:
            if name and storage.exists(name):
                storage.delete(name)

    transaction.on_commit(delete)


def focal_point(photo) -> tuple[float, float]:
    """The photo's focal point as fractions of its width and height (the centre by default)."""
    x = 50 if photo.focal_x is None else photo.focal_x
    y = 50 if photo.focal_y is None else photo.focal_y
    return (x / 100, y / 100)


def is_current(photo) -> bool:
    """Whether the photo's renditions match its file, focal point and the widths in settings."""
    spec = photo.renditions or {}
    return bool(photo.image) and spec.get("recipe") == recipe(photo.image.name, focal_point(photo))


def ensure_renditions(photo, *, force: bool = False) -> bool:
    """Make the photo's renditions unless they are current; return whether any were made."""
    if not photo.image or (is_current(photo) and not force):
        return False
    storage = photo.image.storage
    old = rendition_names(photo.renditions)
    spec = make_renditions(storage, photo.image.name, focal_point(photo))
    type(photo).objects.filter(pk=photo.pk).update(renditions=spec)
    photo.renditions = spec
    delete_files(storage, [name for name in old if name not in set(rendition_names(spec))])
    return True


def renditions_for(photo, shape: str = "full") -> list[Rendition]:
    """The renditions of one shape, smallest first; empty when none have been made."""
    spec = photo.renditions or {}
    if not photo.image or spec.get("v") != VERSION or shape not in spec.get("shapes", {}):
        return []
    url = _address_maker(photo.image.storage, spec["dir"])
    found = []
    for width, height in spec["shapes"][shape]:
        base = f"{shape}-{width}"
        found.append(
            Rendition(
                width=width,
                height=height,
                webp_url=url(f"{base}.webp"),
                fallback_url=url(f"{base}.{spec['fallback']}"),
            )
        )
    return found


def _address_maker(storage: Storage, directory: str):
    """A function from a file name in ``directory`` to its address.

    For files on this server's disk the folder's address is asked once and the names are
    appended (as ``FileSystemStorage.url`` would join them): a page of forty cards asks for
    some five hundred addresses, and Django's join parses each one. Any other storage (S3,
    which may sign every address) is asked for each file.
    """
    if storage.__class__.url is FileSystemStorage.url:  # (__class__ sees through default_storage)
        folder = storage.url(f"{directory}/")
        return lambda name: folder + filepath_to_uri(name)
    return lambda name: storage.url(f"{directory}/{name}")
