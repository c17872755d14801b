"""The one gate every input file passes: what the ingest may open, list and read.

Issue files come from users' folders, which may hold anything: links to files elsewhere on
the machine, FIFOs and devices (a link to ``/dev/zero`` never ends), unreadable files and
folders, files far too large to be a page.  Every file the ingest reads goes through
:func:`read_input`, and every folder it lists through :func:`folder_entries`, so that one
rule decides, with one message each:

* a file must resolve inside ``root`` (the Sphinx source directory; ``None`` for the
  ``inspect`` command, which reads what its user names): a link that leads out is refused;
* a file must be a regular file: FIFOs, devices and sockets are refused without being read
  (opened non-blocking, so a FIFO with no writer cannot hang the build);
* a file must be at most ``limit`` bytes: :data:`MAX_TEXT_BYTES` for text.  A newspaper
  page's text is 5 to 30 KB (the corpus pages: 8 to 19 KB; a People's Daily article file:
  at most 40 KB), so 64 MiB is over 2,000 pages' worth: such a file is not a page, and
  reading it would only fill memory.

The size is checked before anything is read, so a refused file costs one ``stat``.  What keys a
file for the caches (:func:`file_key`) passes the same gate and reads a bounded part: the whole
content of a file up to :data:`KEY_WHOLE_BYTES`, else its size, modification time and samples,
so that a 2 GB page picture beside the pages costs a rebuild 3 MiB of reading, not 2 GB.
"""

from __future__ import annotations

import errno
import hashlib
import os
import pickle
import stat
import tempfile
from pathlib import Path

from .errors import IngestError, display

MAX_TEXT_BYTES = 64 * 1024 * 1024
#: Files up to this size are keyed by their whole content (page texts and page PDFs are: the
#: key then survives a fresh checkout, which changes every modification time); larger ones by
#: their size, modification time and :data:`KEY_SAMPLE_BYTES` from their start, middle and end.
KEY_WHOLE_BYTES = 16 * 1024 * 1024
KEY_SAMPLE_BYTES = 1024 * 1024

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def check_inside(path: Path, root: Path | None, resolved: dict[Path, Path] | None = None) -> Path:
    """The resolved ``path``; :class:`IngestError` when it leads outside ``root``.

    ``resolved``, when given, keeps the folders resolved so far (and ``root``) for the next
    call: the files of one folder then cost one ``lstat`` each rather than a walk of every
    part of their path (a file that is no link resolves to its resolved folder and its name).
    """
    try:
        if resolved is None:
            target = path.resolve()
        elif path.name in ("", ".", "..") or path.is_symlink():
            target = path.resolve()
        else:
            folder = resolved.get(path.parent) or resolved.setdefault(path.parent, path.parent.resolve())
            target = folder / path.name
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        raise IngestError(display(path), "is a link that leads round in a loop", "remove the link") from None
    if root is not None:
        if resolved is None:
            root = root.resolve()
        else:
            root = resolved.get(root) or resolved.setdefault(root, root.resolve())
        inside = str(target).startswith(os.path.join(str(root), ""))
        if target != root and not inside:
            raise IngestError(
                display(path),
                f"leads outside the source directory (to {display(target)})",
                "copy the file into the project instead of linking to it",
            )
    return target


def read_input(
    path: Path, root: Path | None = None, limit: int = MAX_TEXT_BYTES, holds: str = "a newspaper page"
) -> bytes:
    """The bytes of one input file, if it passes the gate (see the module's docstring);
    ``holds``: what such a file holds, for the message about one larger than ``limit``."""
    descriptor, info = _open_input(path, root)
    try:
        if info.st_size > limit:
            raise _too_large(path, limit, holds)
        chunks = []
        size = 0
        while chunk := os.read(descriptor, 1 << 20):
            size += len(chunk)
            if size > limit:  # the file grew while being read
                raise _too_large(path, limit, holds)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise _error(path, error) from None
    finally:
        os.close(descriptor)


def file_key(path: Path) -> bytes:
    """What the caches key one input file by, through the same gate as :func:`read_input` (a
    regular file: a FIFO is refused, never waited on), reading at most :data:`KEY_WHOLE_BYTES`:
    a digest of the whole content of a file up to that size, else of its size, modification
    time and three samples (see the module's docstring)."""
    descriptor, info = _open_input(path, None)
    try:
        digest = hashlib.sha256()
        if info.st_size <= KEY_WHOLE_BYTES:
            read = 0
            while read <= KEY_WHOLE_BYTES and (chunk := os.read(descriptor, 1 << 20)):
                read += len(chunk)
                digest.update(chunk)
            if read <= KEY_WHOLE_BYTES:
                return b"whole:" + digest.digest()
            info = os.fstat(descriptor)  # it grew while being read: key it as a large file
            digest = hashlib.sha256()
        digest.update(f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}".encode())
        for start in (
            0,
            max(0, info.st_size // 2 - KEY_SAMPLE_BYTES // 2),
            max(0, info.st_size - KEY_SAMPLE_BYTES),
        ):
            os.lseek(descriptor, start, os.SEEK_SET)  # (os.pread is not on every platform)
            digest.update(os.read(descriptor, KEY_SAMPLE_BYTES))
        return b"sampled:" + digest.digest()
    except OSError as error:
        raise _error(path, error) from None
    finally:
        os.close(descriptor)


def _open_input(path: Path, root: Path | None) -> tuple[int, os.stat_result]:
    """An open descriptor of ``path`` and its status, once it has passed the gate's checks of
    place and kind; the caller closes it."""
    check_inside(path, root)
    try:
        _check_kind(path, os.stat(path))  # before opening: opening a device can act on it
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _error(path, error) from None
    try:
        info = os.fstat(descriptor)  # again: the file may have been replaced in between
        _check_kind(path, info)
    except OSError as error:
        os.close(descriptor)
        raise _error(path, error) from None
    except IngestError:
        os.close(descriptor)
        raise
    return descriptor, info


def folder_entries(folder: Path) -> list[Path]:
    """The visible entries of a folder, sorted by name (hidden ``.`` names left out)."""
    try:
        return sorted(entry for entry in folder.iterdir() if not entry.name.startswith("."))
    except OSError as error:
        raise _error(folder, error) from None


def is_regular_file(path: Path) -> bool:
    """A regular file (links followed): not a folder, FIFO, device, socket or broken link."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except (OSError, RuntimeError):
        return False


def _check_kind(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(display(path), "is a folder, not a file", "name a page text file")
    for test, kind in _KINDS:
        if test(info.st_mode):
            raise IngestError(display(path), f"is {kind}, not a file", "name a regular file")


def _too_large(path: Path, limit: int, holds: str) -> IngestError:
    problem = f"is larger than {limit // (1024 * 1024)} MiB, far more than {holds} holds"
    hint = (
        "split it into one file per page"
        if holds == "a newspaper page"
        else "check that it is the right file"
    )
    return IngestError(display(path), problem, hint)


def _error(path: Path, error: OSError) -> IngestError:
    if error.errno == errno.ENOENT:
        return IngestError(display(path), "no such file or folder (or a broken link)", "check the path")
    if error.errno in (errno.EACCES, errno.EPERM):
        return IngestError(display(path), "cannot be read (permission denied)", "check its permissions")
    if error.errno == errno.ELOOP:
        return IngestError(display(path), "is a link that leads round in a loop", "remove the link")
    if error.errno == errno.ENOTDIR:
        return IngestError(display(path), "is not a folder", "name a folder of issue files")
    return IngestError(display(path), f"cannot be read ({error.strerror})", "check the file")


def load_cached(path: Path) -> object | None:
    """What a cache file holds, or None where it is absent or unreadable (written by another
    version or Python): the caller reads its input again."""
    try:
        with open(path, "rb") as stream:
            return pickle.load(stream)
    except Exception:
        return None


def store_cached(path: Path, value: object) -> None:
    """``value`` pickled to ``path`` whole or not at all (a temporary file renamed over it), so
    a reader beside the writer never sees half a file; a cache that cannot be written only
    costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(value, stream, pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        return
