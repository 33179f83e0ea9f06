"""Time and peak memory to accept a 24-megapixel JPEG and make its renditions.

Run with ``make bench``. A photo-like 6000 × 4000 JPEG (camera orientation and GPS tags
included) is drawn once; then each step runs in a fresh Python process, so the peak resident
memory it reports belongs to that step alone:

- ``upload``: ``photos.images.prepare_upload`` — sniff, verify, decode every byte, turn
  upright, re-encode without metadata (what the admin does when a photo is uploaded);
- ``renditions``: ``photos.renditions.make_renditions`` — every width and shape, WebP and JPEG.
"""

import io
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

WIDTH, HEIGHT = 6000, 4000
RUNS = 3
MASTER = "photos/bench/camera.jpg"


def peak_rss_mib() -> float:
    """This process's peak resident memory. Linux's VmHWM starts afresh in a new program,
    while ru_maxrss keeps the parent's peak across fork and exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def draw_camera_jpeg(path: Path) -> None:
    """A 24-megapixel JPEG with the texture of a photograph, rotated by EXIF, with GPS tags."""
    from PIL import Image, ImageFilter

    from demo.pictures import draw_scene

    scene = Image.open(io.BytesIO(draw_scene("bench", WIDTH, HEIGHT))).convert("RGB")
    grain = Image.effect_noise((WIDTH, HEIGHT), 48).filter(ImageFilter.GaussianBlur(0.8))
    photo = Image.blend(scene, grain.convert("RGB"), 0.2)
    exif = Image.Exif()
    exif[0x0112] = 6  # held upright: the file is stored lying on its side
    exif[0x8825] = {1: "N", 2: (10.0, 46.0, 30.0), 3: "E", 4: (106.0, 40.0, 12.0)}
    photo.save(path, "JPEG", quality=92, exif=exif)


def store_master(source: Path, media: Path) -> None:
    """Keep the cleaned master where the renditions step expects it (not measured)."""
    import django

    django.setup()
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from photos.images import prepare_upload

    upload = SimpleUploadedFile("camera.jpg", source.read_bytes())
    FileSystemStorage(location=media).save(MASTER, prepare_upload(upload))


def run_step(step: str, source: Path, media: Path) -> None:
    """Run one step in this process and print its figures as JSON."""
    import django

    django.setup()
    from django.core.files.storage import FileSystemStorage
    from django.core.files.uploadedfile import SimpleUploadedFile

    from photos.images import prepare_upload
    from photos.renditions import make_renditions

    storage = FileSystemStorage(location=media)
    shutil.rmtree(media / "renditions", ignore_errors=True)  # existing renditions are reused
    baseline = peak_rss_mib()
    started = time.perf_counter()
    if step == "upload":
        clean = prepare_upload(SimpleUploadedFile("camera.jpg", source.read_bytes()))
        detail = {"stored_bytes": clean.size, "size": [clean.width, clean.height]}
    else:
        spec = make_renditions(storage, MASTER, (0.5, 0.4))
        detail = {"files": 2 * sum(len(sizes) for sizes in spec["shapes"].values())}
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "peak": peak_rss_mib(), "baseline": baseline, **detail}))


def measure(step: str, source: Path, media: Path) -> list[dict]:
    results = []
    for _ in range(RUNS):
        output = subprocess.run(  # noqa: S603 — this very script, with fixed arguments
            [sys.executable, __file__, "--step", step, str(source), str(media)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, media = Path(folder) / "camera.jpg", Path(folder) / "media"
        draw_camera_jpeg(source)
        store_master(source, media)
        print(
            f"Photo: {WIDTH} × {HEIGHT} JPEG ({WIDTH * HEIGHT / 1e6:.0f} MP), "
            f"{source.stat().st_size / 1e6:.1f} MB, EXIF orientation 6 and GPS tags; "
            f"median of {RUNS} runs, each in a fresh process."
        )
        print(f"{'step':<12}{'time (s)':>10}{'peak RSS (MiB)':>17}{'above start (MiB)':>20}")
        total = 0.0
        for step in ("upload", "renditions"):
            results = measure(step, source, media)
            seconds = statistics.median(result["seconds"] for result in results)
            peak = max(result["peak"] for result in results)
            above = max(result["peak"] - result["baseline"] for result in results)
            total += seconds
            print(f"{step:<12}{seconds:>10.2f}{peak:>17.0f}{above:>20.0f}")
        print(f"{'total':<12}{total:>10.2f}")
        files = results[-1]["files"]
        print(f"Renditions written: {files} files under MEDIA_ROOT/renditions/.")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--step":
        run_step(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
