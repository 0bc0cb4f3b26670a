"""A file the library cannot read is described in the person's language, not the library's;
a damaged zip gets a message, not a server error."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from vangnet.accounts.models import User
from vangnet.casefinding.engine import find_cases
from vangnet.casefinding.models import CaseFindingRun
from vangnet.casefinding.report import ExtractInvalid, Problem
from vangnet.casefinding.tests.helpers import small_extract
from vangnet.conftest import log_in
from vangnet.directory.models import Organisation

from .test_validation import REFERENCE, TODAY


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("medications.parquet", b"this is not a parquet file", "het is geen Parquet-bestand"),
        ("medications.parquet", b"", "het is geen Parquet-bestand"),
        ("medications.csv", b"", "het bestand is leeg"),
    ],
)
def test_an_unreadable_file_is_described_in_dutch(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    folder = small_extract(tmp_path)
    (folder / "medications.csv").unlink()
    (folder / name).write_bytes(content)
    with translation.override("nl"), pytest.raises(ExtractInvalid) as caught:
        find_cases(folder, reference_date=REFERENCE, today=TODAY)
    issue = next(i for i in caught.value.report.issues if i.problem == Problem.UNREADABLE_FILE)
    with translation.override("nl"):
        assert issue.description == f"Het bestand is niet te lezen: {reason}"


def _damaged_zip(folder: Path) -> SimpleUploadedFile:
    """A zip whose packed data is garbled: the directory reads fine, unpacking fails."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, path.name)
    data = bytearray(buffer.getvalue())
    start = 30 + len("episodes.csv")  # the first entry's packed data, after its local header
    data[start : start + 20] = b"\xff" * 20
    return SimpleUploadedFile("extract.zip", bytes(data), content_type="application/zip")


@pytest.mark.django_db
def test_a_damaged_zip_gets_a_dutch_message_not_a_server_error(
    client: HttpClient, bob: User, practice: Organisation, tmp_path: Path
) -> None:
    log_in(client, bob)
    upload = _damaged_zip(small_extract(tmp_path / "extract"))
    response = client.post(
        reverse("casefinding:index"), {"extract": [upload], "reference_date": "2026-06-30"}
    )
    assert response.status_code == 200
    assert "in het zip-bestand kan niet worden uitgepakt" in response.content.decode()
    assert not CaseFindingRun.objects.exists()
