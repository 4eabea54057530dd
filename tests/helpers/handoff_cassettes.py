"""A real cassette carrying an image, with an API key planted in a request header: for the
hand-off tests (copy, curl, pager, image saving, `inspect --json` headers)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.paths import corpus_file

KEY = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
IMAGE_UPLOAD = "go-vcr/fantasy/TestImageUploadAgent/openai-gpt-5.yaml"


def image_upload() -> Path:
    """OpenAI chat: one request with a 2,868-byte PNG as a data: URL (vendored corpus file)."""
    return corpus_file(IMAGE_UPLOAD)


def planted(folder: Path, name: str = "planted.yaml") -> Path:
    """`image_upload()` copied into `folder` with `Authorization: Bearer KEY` among the request
    headers and a shorter user text ("Describe it")."""
    text = image_upload().read_text()
    headers = "    headers:\n      Accept:\n      - application/json\n"
    assert text.count(headers) == 1  # the request's headers, not the response's
    text = text.replace(headers, headers + f"      Authorization:\n      - Bearer {KEY}\n")
    assert "Describe the image briefly in English." in text
    text = text.replace("Describe the image briefly in English.", "Describe it")
    target = folder / name
    target.write_text(text)
    return target
