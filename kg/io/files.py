"""Files in and out: the RDF files a path names, their bytes checked, and
atomic writes (a temporary file, then a rename), so that a failure never
leaves a partial output.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import InputError
from .formats import FORMATS

# the largest file read (bytes): a bound on memory and time for any input;
# DIPKG_MAX_INPUT_BYTES sets another
MAX_INPUT_BYTES = 8 * 1024 ** 3


def rdf_files(paths) -> list[Path]:
    """Expand folders into the RDF files they hold (sorted). Only regular
    files are read: a FIFO, a device (``/dev/zero``) or a socket, given or
    found in a folder, would block or never end, and is an input error; so
    is a file larger than :data:`MAX_INPUT_BYTES`."""
    import stat

    limit = int(os.environ.get("DIPKG_MAX_INPUT_BYTES") or MAX_INPUT_BYTES)
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.suffix.lower() in FORMATS)
        elif not p.exists() and not p.is_symlink():
            raise InputError("no such file", str(p))
        else:
            found = [p]
        for f in found:
            try:
                st = f.stat()
            except OSError as err:
                raise InputError(f"cannot read: {err.strerror}", str(f)) from None
            if not stat.S_ISREG(st.st_mode):
                kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode)
                        or stat.S_ISBLK(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) else "a folder"
                        if stat.S_ISDIR(st.st_mode) else "not a file")
                raise InputError(f"not a regular file ({kind}); refused", str(f))
            if st.st_size > limit:
                raise InputError(f"file too large: {st.st_size} bytes (at most {limit}; "
                                 "DIPKG_MAX_INPUT_BYTES sets another)", str(f))
            out.append(f)
    return out


def read_utf8(path: Path) -> bytes:
    """A file's bytes, checked to be UTF-8 (an :class:`InputError` naming the file if not)."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror}", str(path)) from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(f"not valid UTF-8 (byte {err.start})", str(path)) from None
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and a rename, so a
    failure never leaves a partial file."""
    with atomic_writer(path) as fh:
        fh.write(data)


@contextmanager
def atomic_writer(path: Path):
    """A binary file to write ``path`` through: a temporary file in the same
    folder, renamed to ``path`` when the block ends without an error (and
    removed if it does not), for outputs too big to hold in memory."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)    # mkstemp creates 0600; give the usual mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
