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
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import IngestError, display

MAX_TEXT_BYTES = 64 * 1024 * 1024

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


def read_input(path: Path, root: Path | None = None, limit: int = MAX_TEXT_BYTES) -> bytes:
    """The bytes of one input file, if it passes the gate (see the module's docstring)."""
    check_inside(path, root)
    try:
        _check_kind(path, os.stat(path))  # before opening: opening a device can act on it
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise _error(path, error) from None
    try:
        info = os.fstat(descriptor)  # again: the file may have been replaced in between
        _check_kind(path, info)
        if info.st_size > limit:
            raise _too_large(path, limit)
        chunks = []
        size = 0
        while chunk := os.read(descriptor, 1 << 20):
            size += len(chunk)
            if size > limit:  # the file grew while being read
                raise _too_large(path, limit)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as error:
        raise _error(path, error) from None
    finally:
        os.close(descriptor)


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


def _too_large(path: Path, limit: int) -> IngestError:
    problem = f"is larger than {limit // (1024 * 1024)} MiB, far more than a newspaper page holds"
    return IngestError(display(path), problem, "split it into one file per page")


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
