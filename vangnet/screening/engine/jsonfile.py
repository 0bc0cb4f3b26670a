"""Reading a JSON file someone hands in: every way it can be wrong gives one clear message.

``json.loads`` alone lets through bytes that are not UTF-8 (``UnicodeDecodeError``),
numbers of more than 4300 digits (``ValueError``) and deep nesting (``RecursionError``),
none of which is a ``JSONDecodeError``.
"""

import json
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

# An instrument definition is tens of kilobytes and a file of answers far less.
MAX_BYTES = 2 * 1024 * 1024


class JsonFileError(ValueError):
    """A file that cannot be read as JSON; the message names the file and the problem."""


def read_json_file(path: Path) -> object:
    """The JSON value in the file at ``path``, or ``JsonFileError`` saying what is wrong."""
    try:
        with path.open("rb") as handle:
            raw = _read_limited(handle, path.name)
    except OSError as exc:
        raise JsonFileError(
            _("%(source)s: cannot be read (%(reason)s).")
            % {"source": path.name, "reason": exc.strerror or exc.__class__.__name__}
        ) from exc
    return parse_json_bytes(raw, source=path.name)


def read_json_stream(stream: BinaryIO, source: str) -> object:
    """The JSON value read from an open binary stream such as standard input."""
    return parse_json_bytes(_read_limited(stream, source), source=source)


def parse_json_bytes(raw: bytes, *, source: str) -> object:
    """The JSON value in ``raw``, or ``JsonFileError`` naming ``source`` and the problem."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonFileError(
            _("%(source)s: not UTF-8 text (a wrong byte at position %(position)s).")
            % {"source": source, "position": exc.start + 1}
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonFileError(
            _("%(source)s: not valid JSON (line %(line)s).")
            % {"source": source, "line": exc.lineno}
        ) from exc
    except RecursionError as exc:
        raise JsonFileError(
            _("%(source)s: the JSON is nested too deeply.") % {"source": source}
        ) from exc
    except ValueError as exc:
        # Python refuses to read whole numbers of more than 4300 digits.
        raise JsonFileError(
            _("%(source)s: a number in the file is too long.") % {"source": source}
        ) from exc


def _read_limited(stream: BinaryIO, source: str) -> bytes:
    raw = stream.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise JsonFileError(
            _("%(source)s: the file is larger than %(size)s MB.")
            % {"source": source, "size": MAX_BYTES // (1024 * 1024)}
        )
    return raw
