"""Photos on an S3-compatible object store, tried over the wire (issue 21, item 5).

A real S3-protocol server (moto's ``moto_server``, from PyPI) runs on a loopback port; the
settings come from ``newsroom.settings.storage`` read with the environment a server would have.
A photo is uploaded through the admin, its renditions are made in the bucket, the published
article names the bucket's addresses (which answer over HTTP with a year's caching and are
allowed by the Content-Security-Policy), and deleting the photo empties the bucket.
"""

import importlib
import json
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from articles.roles import JOURNALIST
from photos.models import Photo
from tests.factories import ArticleFactory, UserFactory, figure_html, image_bytes, uploaded

pytestmark = pytest.mark.django_db

BUCKET = "newsroom-media"
# Readers fetch photos straight from the bucket: anyone may read, only the site may write.
PUBLIC_READ = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """The address of a moto S3 server on a loopback port, stopped after the module."""
    pytest.importorskip("boto3", reason="boto3 is not installed (requirements/test.txt has it)")
    command = shutil.which("moto_server", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.skip("moto_server is missing: install requirements/test.txt (moto[s3], flask)")
    port = _free_port()
    server = subprocess.Popen(
        [command, "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    address = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(address, timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.skip("moto_server did not start on the loopback")
            time.sleep(0.2)
    yield address
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """An empty bucket, and the settings ``newsroom.settings.storage`` makes for it."""
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
        "NEWSROOM_MEDIA_S3_BUCKET": BUCKET,
        "NEWSROOM_MEDIA_S3_ENDPOINT_URL": s3_server,
        "NEWSROOM_MEDIA_S3_REGION": "us-east-1",
        "NEWSROOM_MEDIA_S3_PUBLIC_URL": f"{s3_server}/{BUCKET}",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    client.put_bucket_policy(Bucket=BUCKET, Policy=PUBLIC_READ)  # as the README asks
    storage_settings = importlib.reload(importlib.import_module("newsroom.settings.storage"))
    settings.STORAGES = storage_settings.STORAGES
    settings.MEDIA_URL = storage_settings.MEDIA_URL
    settings.CONTENT_SECURITY_POLICY = storage_settings.CONTENT_SECURITY_POLICY
    yield client
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    for item in listed:
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)
    monkeypatch.delenv("NEWSROOM_MEDIA_S3_BUCKET")
    importlib.reload(importlib.import_module("newsroom.settings.storage"))


def stored_keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_a_photo_lives_in_the_bucket_from_upload_to_deletion(
    bucket, client, roles, media_root, django_capture_on_commit_callbacks
):
    """Upload, renditions, the public page with the bucket's addresses, then deletion."""
    journalist = UserFactory(username="phongvien")
    journalist.groups.add(roles[JOURNALIST])
    client.force_login(journalist)
    response = client.post(
        reverse("admin:photos_photo_add"),
        {
            "image": uploaded("le-hoi-duong-pho.jpg", image_bytes("JPEG", (1400, 900))),
            "caption": "Lễ hội đường phố",
            "alt_text": "Đoàn diễu hành trên phố",
            "credit": "Trần Bình",
        },
    )
    assert response.status_code == 302
    photo = Photo.objects.get()
    keys = stored_keys(bucket)
    assert photo.image.name in keys
    renditions = {key for key in keys if key.startswith(photo.renditions["dir"] + "/")}
    assert len(renditions) >= 6  # several widths, WebP and JPEG, in two shapes
    assert not [path for path in Path(media_root).rglob("*") if path.is_file()], "nothing local"

    article = ArticleFactory(
        live=True,
        title="Lễ hội đường phố mừng Xuân",
        featured_photo=photo,
        body="<p>Đoàn diễu hành đi qua các tuyến phố.</p>"
        + figure_html(photo, "Đoàn diễu hành trên phố"),
    )
    client.logout()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    origin = bucket.meta.endpoint_url
    addresses = set(re.findall(rf"{re.escape(origin)}/{BUCKET}/[^\"' ,]+", html))
    assert len(addresses) >= 4, "the page names the bucket's renditions"
    assert "/media/" not in html
    assert origin in page.headers["Content-Security-Policy"].split("img-src", 1)[1].split(";")[0]
    for address in sorted(addresses)[:4]:
        with urllib.request.urlopen(address.replace("&amp;", "&"), timeout=10) as answer:
            assert answer.status == 200
            assert answer.headers["Content-Type"].startswith("image/")
            assert "max-age=31536000" in answer.headers["Cache-Control"]
            assert answer.read(4)

    article.delete()
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:photos_photo_delete", args=[photo.pk]), {"post": "yes"}
        )
    assert response.status_code == 302
    assert stored_keys(bucket) == set()


def test_the_feed_names_the_bucket_address_of_the_photo(bucket, client):
    """The RSS enclosure of an article's photo is its address in the bucket, with its size."""
    photo = Photo.objects.create(
        image=uploaded("cau.jpg", image_bytes("JPEG", (800, 500))), alt_text="Cây cầu"
    )
    ArticleFactory(live=True, featured_photo=photo)
    feed = client.get(reverse("public:feed-latest-rss")).content.decode()
    enclosure = re.search(r'<enclosure length="(\d+)" type="image/jpeg" url="([^"]+)"', feed)
    assert enclosure, feed[feed.find("<item>") :]
    assert enclosure[2] == f"{bucket.meta.endpoint_url}/{BUCKET}/{photo.image.name}"
    assert int(enclosure[1]) == photo.image.size > 0
