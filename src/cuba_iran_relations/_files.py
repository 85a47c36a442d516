"""Reading one file of a dataset folder defensively: loading and ``verify()`` read every file through here.

A folder on disk may hold anything a user put there, so only a regular file inside the folder is read (a
symbolic link out of it, a FIFO or a device named like a data file is refused, never read, so reading cannot
block, read without end or leave the folder), and at most ``MAX_FILE_BYTES`` of it. A folder that is not on
disk (the package imported from a zip archive) is read through ``importlib.resources``, within the same limit.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["MAX_FILE_BYTES", "check_file", "folder_path_text", "read_file"]

# The largest data or source-text file a folder may hold: room for a few hundred thousand events (a compact
# event takes about 250 bytes), and small enough that refusing the worst JSON of this size stays within the
# memory the Guarantees page states.
MAX_FILE_BYTES = 64 * 1024 * 1024


def folder_path_text(path: object) -> str:
    """The text of ``path``, a folder path argument (read by ``load``, written by ``write_site``).

    Raises ``TypeError`` if it is not a ``str`` or an ``os.PathLike`` giving one, ``ValueError`` if it is empty
    (``Path("")`` would silently mean the current folder) or holds a NUL character (no file name can).
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path: got {type(path).__name__} {path!r:.80}; expected a str or os.PathLike folder path")
    text: object = os.fspath(path)
    if not isinstance(text, str):  # an os.PathLike may give bytes
        raise TypeError(f"path: got {type(path).__name__} {path!r:.80}; expected a str or os.PathLike folder path")
    if not text or "\0" in text:
        raise ValueError(f"path: got {text!r:.80}; expected a non-empty folder path without NUL characters")
    return text


def read_file(root: Traversable, relative: str) -> bytes:
    """The bytes of the file ``relative`` (``"texts/a.txt"``) of the folder ``root``.

    Raises ``FileNotFoundError`` if it is missing, ``ValueError`` saying why if it is not a regular file inside
    the folder or holds more than ``MAX_FILE_BYTES``, and ``OSError`` if it cannot be read.
    """
    if not isinstance(root, os.PathLike):
        with root.joinpath(*relative.split("/")).open("rb") as file:
            return _within_limit(file.read(MAX_FILE_BYTES + 1))
    with _open(root, relative) as file:
        # Its size and a byte more (a read of MAX_FILE_BYTES + 1 would allocate that much first, for every file);
        # then, if it grew while being read, up to the limit and a byte more.
        size = os.fstat(file.fileno()).st_size
        raw = file.read(size + 1)
        if len(raw) > size:
            raw += file.read(MAX_FILE_BYTES + 1 - len(raw))
        return _within_limit(raw)


def check_file(root: Traversable, relative: str) -> None:
    """Raise what ``read_file`` would for a file it cannot read, without reading it."""
    if not isinstance(root, os.PathLike):
        if not root.joinpath(*relative.split("/")).is_file():
            raise FileNotFoundError(relative)
        return
    with _open(root, relative):
        pass


def _inside(folder: str, path: str) -> bool:
    """Whether ``path`` is ``folder`` or below it (both resolved); on another drive (Windows) it is not."""
    try:
        return os.path.commonpath((folder, path)) == folder
    except ValueError:
        return False


def _open(root: os.PathLike[str], relative: str) -> BinaryIO:
    """The file ``relative`` of the folder ``root`` on disk, opened for reading once it passed every check."""
    folder = os.fspath(root)
    path = os.path.join(folder, *relative.split("/"))
    real_folder, real_path = os.path.realpath(folder), os.path.realpath(path)
    if not _inside(real_folder, real_path):
        if not os.path.lexists(path):
            raise FileNotFoundError(path)
        raise ValueError("is a link to a file outside the dataset folder")
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is then refused as not a regular file.
    fd = os.open(real_path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):  # a folder, a FIFO, a device
            raise ValueError("is not a regular file")
        if info.st_size > MAX_FILE_BYTES:
            raise ValueError(f"is {info.st_size} bytes, more than the limit of {MAX_FILE_BYTES} bytes")
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def _within_limit(raw: bytes) -> bytes:
    if len(raw) > MAX_FILE_BYTES:  # the file grew while being read, or its size was not known before
        raise ValueError(f"is more than the limit of {MAX_FILE_BYTES} bytes")
    return raw
