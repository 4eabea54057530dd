"""The image bytes an interaction carries, read from its recorded bodies (`w` saves them)."""

from __future__ import annotations

import base64
import json
import re

from tests.helpers.paths import corpus_file
from tui_replay.analysis.cassette import open_cassette
from tui_replay.analysis.images import image_in_string, images_in, sniffed
from tui_replay.model import ImagePart, RawInteraction

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 2
JPEG = b"\xff\xd8\xff\xe0" + b"\x00\x10JFIF" + bytes(200)


def _raw(request: object, response: bytes = b"{}") -> RawInteraction:
    return RawInteraction(
        0, "POST", "https://example.test/v1", (), json.dumps(request).encode(), 200, "OK", (), response, None
    )


def test_each_dialect_of_the_image_upload_test_gives_the_png_it_sent() -> None:
    for name in ("openai-gpt-5.yaml", "gemini-2.5-pro.yaml"):
        path = corpus_file(f"go-vcr/fantasy/TestImageUploadAgent/{name}")
        cassette = open_cassette(path)
        (image,) = images_in(cassette.file.raw(0))
        # the base64 as the file holds it, decoded independently of the reader
        encoded = re.search(r"(iVBORw0KGgo[A-Za-z0-9+/=]+)", path.read_text()).group(1)  # type: ignore[union-attr]
        assert image.data == base64.b64decode(encoded), name
        assert (image.media_type, image.extension, image.side) == ("image/png", "png", "request")
        parts = [
            p for m in cassette.exchange(0).request.messages for p in m.parts if isinstance(p, ImagePart)
        ]
        assert [p.bytes for p in parts] == [len(image.data)]  # the size the conversation shows


def test_anthropic_base64_source_in_a_tool_result() -> None:
    cassette = open_cassette(
        corpus_file("go-vcr/fantasy/TestAnthropicComputerUse/claude-sonnet-4/computer_use.yaml")
    )
    assert images_in(cassette.file.raw(0)) == []
    (image,) = images_in(cassette.file.raw(1))
    assert image.data.startswith(b"\x89PNG") and image.side == "request"


def test_the_bytes_name_the_type_not_the_label() -> None:
    url = "data:image/jpeg;base64," + base64.b64encode(PNG).decode()
    assert image_in_string(url) == (PNG, "image/png", "png")
    labelled_only = "data:image/svg+xml;base64," + base64.b64encode(b"<svg/>").decode()
    assert image_in_string(labelled_only) == (b"<svg/>", "image/svg+xml", "svg")
    assert sniffed(JPEG) == ("image/jpeg", "jpg")
    assert sniffed(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == ("image/webp", "webp")
    assert sniffed(b"%PDF-1.7") is None


def test_long_base64_that_is_not_an_image_and_short_strings_are_left_alone() -> None:
    pdf = base64.b64encode(b"%PDF-1.7" + bytes(300)).decode()
    assert image_in_string(pdf) is None
    assert image_in_string("iVBORw0KGgo=") is None  # a PNG's start, but far too short to be one
    assert image_in_string("not base64 at all, " * 10) is None


def test_every_place_a_dialect_puts_one_request_first_each_image_once() -> None:
    png, jpeg = base64.b64encode(PNG).decode(), base64.b64encode(JPEG).decode()
    request = {
        "messages": [
            {"content": [{"type": "image_url", "image_url": {"url": f"data:image/png;base64,{png}"}}]},
            {"content": [{"type": "image", "source": {"type": "base64", "data": png}}]},  # the same again
        ],
        "images": [jpeg],  # Ollama
    }
    generated = JPEG + b"\xfe" * 70  # base64 of it has "-" and "_": URL-safe, as some APIs send it
    answer = {"data": [{"b64_json": base64.urlsafe_b64encode(generated).decode()}]}
    stream = ("data: " + json.dumps({"type": "image_generation_call", "result": png}) + "\n\n").encode()
    found = images_in(_raw(request, json.dumps(answer).encode()))
    assert [(i.data, i.side) for i in found] == [(PNG, "request"), (JPEG, "request"), (generated, "response")]
    assert images_in(_raw({}, stream))[0].data == PNG
    assert images_in(_raw({}, stream))[0].side == "response"
