"""Reading an article: strict UTF-8, the optional ``date`` line, metadata.

Offsets everywhere are indices into the decoded text exactly as read (no
normalisation), so that an evidence quote can be checked against the file.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import InputError
from ..graph.facts import SourceInfo

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


# the longest article read (bytes). Extraction time grows faster than the
# text's length (rdflib's Turtle writer, window searches): 100 KB take about
# 1 s, 400 KB about 9 s (bench/RESULTS.md); news articles are a few KB.
# DIPKG_MAX_ARTICLE_BYTES sets another bound.
MAX_ARTICLE_BYTES = 256 * 1024


def read_text(path: Path, limit: int | None = None) -> str:
    """Read a UTF-8 text file; a one-line error for a missing file, a file
    that is not a regular one (a FIFO would block), one over ``limit`` bytes,
    or bad bytes."""
    import os
    import stat

    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", str(path)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory, not an article", str(path))
    if not stat.S_ISREG(st.st_mode):
        raise InputError("not a regular file (a FIFO, device or socket); refused", str(path))
    if limit is not None:
        limit = int(os.environ.get("DIPKG_MAX_ARTICLE_BYTES") or limit)
        if st.st_size > limit:
            raise InputError(f"article too long: {st.st_size} bytes (at most {limit}; "
                             "DIPKG_MAX_ARTICLE_BYTES sets another)", str(path))
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
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", str(path)) from None
    if not isinstance(meta, dict):
        raise InputError(f"must be a JSON object keyed by article file stem, not {_json_kind(meta)}", str(path))
    out = {k: v for k, v in meta.items() if not k.startswith("_")}
    for stem, entry in out.items():
        check_entry(entry, f"{path}: {stem}")
    return out


VISIT_TYPES = ("state", "official", "working", "other", "unspecified")
EVENT_FIELDS = {"visit": {"kind", "guest", "guest_state", "host_state", "type", "start", "end"}}


def _json_kind(value) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def check_entry(entry, where: str) -> None:
    """One article's curated metadata: known fields of the right types, valid
    dates, curated events of a known kind with every field they need (an
    event dipkg cannot read is an error, not silently dropped)."""
    from .gazetteer import Gazetteer

    if not isinstance(entry, dict):
        raise InputError(f"must be an object, not {_json_kind(entry)}", where)
    strings = ("language", "publisher", "date", "date_basis", "provenance")
    for key, value in entry.items():
        if key in strings and not isinstance(value, str):
            raise InputError(f"{key!r} must be a string, not {_json_kind(value)}", where)
        if key not in strings + ("events",) and not key.startswith("_"):
            raise InputError(f"unknown field {key!r} (known: {', '.join(strings + ('events',))})", where)
    if "date" in entry:
        check_date(entry["date"], where)
    if entry.get("date_basis", "curated") not in ("text", "curated"):
        raise InputError(f"'date_basis' must be 'text' or 'curated', not {entry['date_basis']!r}", where)
    events = entry.get("events", [])
    if not isinstance(events, list):
        raise InputError(f"'events' must be an array, not {_json_kind(events)}", where)
    states = Gazetteer.load().states
    for i, ev in enumerate(events):
        at = f"{where} event {i + 1}"
        if not isinstance(ev, dict):
            raise InputError(f"must be an object, not {_json_kind(ev)}", at)
        kind = ev.get("kind")
        if kind not in EVENT_FIELDS:
            raise InputError(f"unknown event kind {kind!r} (known: {', '.join(EVENT_FIELDS)})", at)
        missing = sorted(EVENT_FIELDS[kind] - set(ev))
        extra = sorted(set(ev) - EVENT_FIELDS[kind])
        if missing or extra:
            raise InputError(("missing " + ", ".join(missing) if missing else "unknown field(s) " + ", ".join(extra)),
                             at)
        for key in EVENT_FIELDS[kind]:
            if not isinstance(ev[key], str) or not ev[key].strip():
                raise InputError(f"{key!r} must be a non-empty string, not {_json_kind(ev[key])}", at)
        for key in ("guest_state", "host_state"):
            if ev[key] not in states:
                raise InputError(f"{key!r} {ev[key]!r} is not a known ISO 3166 alpha-2 state code", at)
        if ev["type"] not in VISIT_TYPES:
            raise InputError(f"'type' must be one of {', '.join(VISIT_TYPES)}, not {ev['type']!r}", at)
        for key in ("start", "end"):
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", ev[key]):
                raise InputError(f"{key!r} must be a YYYY-MM-DD date, not {ev[key]!r}", at)
            check_date(ev[key], at)
        if ev["end"] < ev["start"]:
            raise InputError(f"'end' {ev['end']} is before 'start' {ev['start']}", at)


def source_info(path: Path, text: str, date: str | None = None, meta: dict | None = None) -> SourceInfo:
    """What is known of an article: its date from the text, ``--date`` or metadata.

    A ``date`` line in the text wins; then the ``date`` argument; then the
    curated metadata. With none of them the article is still read: dates it
    gives in full are kept, the others ("le 3 juin", "mardi") stay unknown.
    """
    meta = meta or {}
    m = DATE_LINE.match(text)
    if m:
        ref, basis = check_date(m.group(1), f"{path}:{text[:m.start(1)].count(chr(10)) + 1}"), "text"
    elif date:
        ref, basis = check_date(date, "--date"), "given"
    elif meta.get("date"):
        ref, basis = check_date(meta["date"], f"{path.stem} metadata"), meta.get("date_basis", "curated")
    else:       # dates the text gives in full are still read; the others stay unknown
        ref, basis = None, None
    return SourceInfo(stem=path.stem, text=text, date=ref, date_basis=basis,
                      language=meta.get("language", "fr"), publisher=meta.get("publisher"),
                      curated_note=meta.get("provenance"))
