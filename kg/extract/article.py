"""Reading an article: strict UTF-8, the optional ``date`` line, metadata.

Offsets everywhere are indices into the decoded text exactly as read (no
normalisation), so that an evidence quote can be checked against the file.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError
from .facts import SourceInfo

DATE_LINE = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b")
DATE_FORMAT = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?\Z")
METADATA_FILE = "metadata.json"


def check_date(value: str, where: str) -> str:
    """Return ``value`` if it is a real ``YYYY-MM`` or ``YYYY-MM-DD`` date, else raise."""
    from datetime import date

    ok = bool(DATE_FORMAT.match(value or ""))
    if ok:
        y, m, d = (value.split("-") + ["01"])[:3]
        try:
            date(int(y), int(m), int(d))
        except ValueError:
            ok = False
    if not ok:
        raise InputError(f"date {value!r} is not a valid YYYY-MM or YYYY-MM-DD", where)
    return value


def read_text(path: Path) -> str:
    """Read a UTF-8 text file; a one-line error for a missing file or bad bytes."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory, not an article", str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", str(path)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not valid UTF-8 (byte {err.start}: {data[err.start]:#04x})", str(path)) from None
    if text.startswith("\ufeff"):
        raise InputError("starts with a byte-order mark; save it as UTF-8 without BOM", str(path))
    return text


def load_metadata(folder: Path) -> dict:
    """The seeds' curated metadata (``metadata.json``), keyed by file stem."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}
    try:
        meta = json.loads(read_text(path))
    except json.JSONDecodeError as err:
        raise InputError(f"invalid JSON: {err.msg}", f"{path}:{err.lineno}:{err.colno}") from None
    return {k: v for k, v in meta.items() if not k.startswith("_")}


def source_info(path: Path, text: str, date: str | None = None, meta: dict | None = None) -> SourceInfo:
    """What is known of an article: its date from the text, ``--date`` or metadata.

    A ``date`` line in the text wins; then the ``date`` argument; then the
    curated metadata. With none of them relative dates cannot be resolved.
    """
    meta = meta or {}
    m = DATE_LINE.match(text)
    if m:
        ref, basis = check_date(m.group(1), f"{path}:{text[:m.start(1)].count(chr(10)) + 1}"), "text"
    elif date:
        ref, basis = check_date(date, "--date"), "given"
    elif meta.get("date"):
        ref, basis = check_date(meta["date"], f"{path.stem} metadata"), meta.get("date_basis", "curated")
    else:
        raise InputError("no date: the text has no 'date YYYY-MM' line; give --date", str(path))
    return SourceInfo(stem=path.stem, text=text, date=ref, date_basis=basis,
                      language=meta.get("language", "fr"), publisher=meta.get("publisher"),
                      curated_note=meta.get("provenance"))
