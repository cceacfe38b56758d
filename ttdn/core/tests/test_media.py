"""/media/ hands out files of media/content/ only, whatever the spelling, with nginx absent."""

import os

import pytest

from ttdn.core import storage

# Every folder under MEDIA_ROOT that holds private files.
PRIVATE_FOLDERS = ["originals", "gallery", "attachments", "documents", "uploads"]
SECRET = b"private: pupils' photos, internal files"
PUBLIC = "content/images/ab/ab" + "0" * 30 + "-480.webp"
# `{folder}` is a private folder; each spelling climbs out of media/content/ into it.
SPELLINGS = [
    "/media/content/../{folder}/secret.txt",
    "/media/content/%2e%2e/{folder}/secret.txt",
    "/media/content/%2E%2E/{folder}/secret.txt",
    "/media/content/..%2f{folder}%2fsecret.txt",
    "/media/content/..%2F{folder}/secret.txt",
    "/media/content/%2e%2e%2f{folder}%2fsecret.txt",
    "/media/content/.%2e/{folder}/secret.txt",
    "/media/content/..\\{folder}\\secret.txt",
    "/media/content/..%5c{folder}%5csecret.txt",
    "/media/content/%252e%252e/{folder}/secret.txt",
    "/media/content/%252e%252e%252f{folder}%252fsecret.txt",
    "/media/content/..%252f{folder}/secret.txt",
    "/media/content/%c0%ae%c0%ae/{folder}/secret.txt",
    "/media/content/images/../../{folder}/secret.txt",
    "/media/content/./../{folder}/secret.txt",
    "/media/content//../{folder}/secret.txt",
    "/media/content/images/%2e%2e/%2e%2e/{folder}/secret.txt",
    "/media//{folder}/secret.txt",
    "/media/{folder}/secret.txt",
    "/media/./{folder}/secret.txt",
    "/media/content/../../media/{folder}/secret.txt",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    for folder in PRIVATE_FOLDERS:
        (settings.MEDIA_ROOT / folder).mkdir(parents=True)
        (settings.MEDIA_ROOT / folder / "secret.txt").write_bytes(SECRET)
    (settings.MEDIA_ROOT / PUBLIC).parent.mkdir(parents=True)
    (settings.MEDIA_ROOT / PUBLIC).write_bytes(b"RIFF....WEBP")
    return settings.MEDIA_ROOT


@pytest.mark.parametrize("folder", PRIVATE_FOLDERS)
@pytest.mark.parametrize("spelling", SPELLINGS)
def test_no_spelling_of_a_traversal_reads_a_private_file(client, spelling, folder):
    response = client.get(spelling.format(folder=folder))

    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 404
    assert SECRET not in body


def test_a_public_picture_is_served(client):
    response = client.get(f"/media/{PUBLIC}")

    assert (response.status_code, b"".join(response.streaming_content)) == (200, b"RIFF....WEBP")


def test_a_symbolic_link_out_of_the_public_folder_is_refused(client, media):
    os.symlink(media / "originals", media / "content" / "images" / "linked")
    os.symlink(media / "originals" / "secret.txt", media / "content" / "images" / "secret.txt")

    statuses = [
        client.get("/media/content/images/linked/secret.txt").status_code,
        client.get("/media/content/images/secret.txt").status_code,
    ]

    assert statuses == [404, 404]


def test_a_folder_is_not_listed(client):
    assert client.get("/media/content/images/").status_code == 404


def test_random_names_are_unguessable_and_keep_the_extension():
    first, second = storage.random_name("documents", "PDF"), storage.random_name("documents", "pdf")

    assert first != second
    assert [first.endswith(".pdf"), storage.is_random(first)] == [True, True]
    assert storage.is_random("documents/2026/05/ke-hoach.pdf") is False
    assert storage.RandomName("attachments")(None, "Kế hoạch.DOCX").rsplit(".")[-1] == "docx"
