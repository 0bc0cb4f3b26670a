"""Turning what a practice uploads (a zip, or loose files) into an extract folder on disk.

Only the expected file names are taken, by their base name, so a zip cannot write outside
the folder; sizes are checked before anything is unpacked.
"""

import shutil
import zipfile
import zlib
from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from vangnet.casefinding.extract import EXTENSIONS, SPECS

# Room for a region of a million patients; a single practice is far smaller.
MAX_UNPACKED_BYTES = 2 * 1024**3
MAX_ZIP_ENTRIES = 50
NAMES = {spec.name for spec in SPECS}


def _accepted(filename: str) -> str | None:
    """The base name to store when this is an extract file, else None."""
    base = Path(filename.replace("\\", "/")).name
    path = Path(base)
    if path.suffix.lower() in EXTENSIONS and path.stem.lower() in NAMES:
        return base
    return None


def _claim(folder: Path, name: str) -> Path:
    target = folder / name
    if target.exists():
        raise ValidationError(_("The upload holds two files named %(name)s.") % {"name": name})
    return target


def _unzip(upload: UploadedFile[bytes], folder: Path) -> int:
    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile as error:
        raise ValidationError(
            _("%(name)s is not a zip file that can be opened.") % {"name": upload.name}
        ) from error
    with archive:
        entries = [entry for entry in archive.infolist() if not entry.is_dir()]
        if len(entries) > MAX_ZIP_ENTRIES:
            raise ValidationError(_("The zip file holds too many files."))
        if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
            raise ValidationError(_("The zip file is too large once unpacked."))
        taken = 0
        for entry in entries:
            name = _accepted(entry.filename)
            if name is None:
                continue
            try:
                with archive.open(entry) as source, _claim(folder, name).open("wb") as target:
                    shutil.copyfileobj(source, target, length=1024 * 1024)
            except (
                zipfile.BadZipFile,
                zlib.error,
                EOFError,
                RuntimeError,
                NotImplementedError,
            ) as error:
                # Damaged, encrypted or packed in a way Python cannot unpack.
                raise ValidationError(
                    _("%(name)s in the zip file cannot be unpacked.") % {"name": name}
                ) from error
            taken += 1
        return taken


def unpack_upload(files: Iterable[UploadedFile[bytes]], folder: Path) -> None:
    """Write the extract files from ``files`` into ``folder``; raise ValidationError if none."""
    taken = 0
    total = 0
    for upload in files:
        total += upload.size or 0
        if total > MAX_UNPACKED_BYTES:
            raise ValidationError(_("The upload is too large."))
        if (upload.name or "").lower().endswith(".zip"):
            taken += _unzip(upload, folder)
            continue
        name = _accepted(upload.name or "")
        if name is None:
            continue
        with _claim(folder, name).open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        taken += 1
    if not taken:
        raise ValidationError(
            _(
                "No extract files found. Upload patients, episodes, medications and, if you "
                "have it, exclusions, as .csv or .parquet files or together in one zip file."
            )
        )
