"""Uploaded files in an S3-compatible bucket (TTDN_MEDIA_STORAGE=s3), against a local S3 server
(moto's server mode, started here on 127.0.0.1): the public/private split of the portal's files
holds there too. Pictures and attachments go through the product's own services and pages; the
bucket is then read over HTTP without credentials, as anyone on the internet would."""

from __future__ import annotations

import html
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from ttdn.content import services, storage
from ttdn.content.tests.factories import article, consent, jpeg_with_gps, published
from ttdn.core.objectstorage import ObjectStorage

BUCKET = "ttdn-media"
KEY_ID, SECRET = "ttdn-test", "ttdn-test-secret"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    """moto's S3 server on a free port of 127.0.0.1, with an empty bucket; its address."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=2)  # noqa: S310
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("moto's S3 server did not start")
                time.sleep(0.3)
        s3_client(endpoint).create_bucket(Bucket=BUCKET)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


def s3_client(endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=KEY_ID,
        aws_secret_access_key=SECRET,
        region_name="us-east-1",
    )


@pytest.fixture
def on_s3(s3_server: str) -> Iterator[str]:
    """What settings.py sets for TTDN_MEDIA_STORAGE=s3 with this server's bucket, emptied."""
    s3 = s3_client(s3_server)
    for stored in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        s3.delete_object(Bucket=BUCKET, Key=stored["Key"])
    options = {
        "bucket_name": BUCKET,
        "endpoint_url": s3_server,
        "region_name": "us-east-1",
        "access_key": KEY_ID,
        "secret_key": SECRET,
        "public_acl": "public-read",
        "addressing_style": "path",
        "signature_version": "s3v4",
    }
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "ttdn.core.objectstorage.ObjectStorage", "OPTIONS": options},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        MEDIA_URL=f"{s3_server}/{BUCKET}/",
    ):
        yield s3_server


def anonymous_get(url: str) -> tuple[int, bytes]:
    """GET without credentials: what a browser, a search engine or a stranger gets."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310
            return answer.status, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, b""


def public_grants(endpoint: str, name: str) -> list[str]:
    acl = s3_client(endpoint).get_object_acl(Bucket=BUCKET, Key=name)
    return [
        grant["Permission"] for grant in acl["Grants"] if grant["Grantee"].get("URI") == ALL_USERS
    ]


def test_private_files_stay_private_and_public_renditions_are_public_on_s3(client, sites, on_s3):
    picture = services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt="Em An nhận giải", by=sites.editor_a,
        shows_pupils=True, consent=consent(sites.school_a, days=5, by=sites.editor_a),
    )  # fmt: skip
    live = published(sites.school_a, reviewer=sites.leader_a, cover=picture)
    attached = services.attach_file(
        live, upload=SimpleUploadedFile("Danh sách học sinh.pdf", b"%PDF-1.7\n%%EOF\n"),
        by=sites.leader_a,
    )  # fmt: skip
    draft_file = services.attach_file(
        article(sites.school_a), upload=SimpleUploadedFile("Dự thảo.pdf", b"%PDF-1.7\n%%EOF\n"),
        by=sites.leader_a,
    )  # fmt: skip
    picture.refresh_from_db()
    private = [picture.file.name, attached.file.name, draft_file.file.name]
    renditions = storage.rendition_names(picture)

    # In the bucket, under the product's names: originals and attachments private, to everyone.
    stored = {o["Key"] for o in s3_client(on_s3).list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert set(private) | set(renditions) <= stored
    assert [anonymous_get(f"{on_s3}/{BUCKET}/{name}")[0] for name in private] == [403] * 3
    assert [public_grants(on_s3, name) for name in private] == [[]] * 3
    # A private file's address from the storage is signed and short-lived.
    signed = default_storage.url(attached.file.name)
    assert "X-Amz-Signature=" in signed and "X-Amz-Expires=300" in signed
    assert anonymous_get(signed) == (200, b"%PDF-1.7\n%%EOF\n")

    # The public renditions, under random names, are public-read and readable by anyone.
    assert len(renditions) == 6
    assert all(storage.RENDITION_NAME.match(name) for name in renditions)
    assert [public_grants(on_s3, name) for name in renditions] == [["READ"]] * 6
    status, body = anonymous_get(f"{on_s3}/{BUCKET}/{renditions[1]}")
    assert (status, body[:3]) == (200, b"\xff\xd8\xff")  # a JPEG

    # The portal's page links the renditions at the bucket, and they load.
    page = client.get(live.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    linked = {
        html.unescape(url)
        for srcset in re.findall(r'srcset="([^"]+)"', text)
        + re.findall(r'<img src="([^"]+)"', text)
        for url in re.findall(r"(\S+)(?:\s+\d+w)?(?:,|$)", srcset)
        if url.startswith(on_s3)
    }
    assert {url.removeprefix(f"{on_s3}/{BUCKET}/") for url in linked} == set(renditions)
    assert {anonymous_get(url)[0] for url in linked} == {200}
    assert picture.file.name not in text
    # The attachment is linked to the product, which reads it from the bucket for anyone (the
    # article is published); the draft's file only for those who may see the draft.
    (attachment_link,) = {m for m in re.findall(r'href="([^"]+)"', text) if "tep-dinh-kem" in m}
    download = client.get(attachment_link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7\n%%EOF\n"
    assert client.get(reverse("content:attachment_download", args=[draft_file.pk])).status_code in (
        302,
        404,
    )
    client.force_login(sites.editor_a)
    original = client.get(reverse("content:image_file", args=[picture.pk]))
    assert original.status_code == 200
    assert b"".join(original.streaming_content)[:3] == b"\xff\xd8\xff"


def test_the_storage_writes_no_acl_for_private_names_whatever_its_default():
    store = ObjectStorage(bucket_name=BUCKET, default_acl="public-read", public_acl="public-read")

    assert "ACL" not in store._get_write_parameters("originals/ab/ab12.jpg")
    assert "ACL" not in store._get_write_parameters("attachments/ab/ab12.pdf")
    assert store._get_write_parameters("content/images/ab/ab12-480.webp")["ACL"] == "public-read"


@pytest.mark.parametrize("where", ["s3", "local"])
def test_the_sweep_deletes_unnamed_public_files_in_a_bucket_as_on_disk(
    request, sites, settings, tmp_path, where
):
    if where == "s3":
        request.getfixturevalue("on_s3")
    else:
        settings.MEDIA_ROOT = tmp_path
    picture = services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt="Logo", by=sites.editor_a
    )
    published(sites.school_a, reviewer=sites.leader_a, cover=picture)
    picture.refresh_from_db()
    stray = default_storage.save(
        f"{storage.PUBLIC_FOLDER}/ab/{'ab' * 16}-480.webp", ContentFile(b"x")
    )

    assert storage.sweep(now=timezone.now()) == []  # too fresh: its transaction may be running
    assert storage.sweep(now=timezone.now() + timedelta(hours=2)) == [stray]
    assert all(default_storage.exists(name) for name in storage.rendition_names(picture))
    assert not default_storage.exists(stray)
