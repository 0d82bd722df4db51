"""Writing an output file (an export, a chart): whole or not at all, and a clear error when it cannot be written.

:func:`output_file` yields the path to write to: a hidden temporary file next to the target, renamed over it only
once the write is complete, so a failed or interrupted write (a full disk, an error halfway) leaves no partial file
that looks complete and keeps what was there. The folder the file goes in must exist: a typo in a path should not
create a tree of folders. A target that exists and is not a regular file (``/dev/stdout``, a named pipe) is
written directly, since there is nothing to rename over.

Every failure is a :class:`~flashpoint.errors.SettingError` naming the path (an output path is a bad value of the
command's PATH or ``--plot`` option): missing folder, a folder where a file is expected, permission denied, a
read-only file system, no space left.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import SettingError

__all__ = ["output_error", "output_file", "output_folder"]

# what to do about each failure an output path meets, by errno
_ADVICE = {
    errno.ENOSPC: "no space left on the device; free some space or write elsewhere",
    errno.EDQUOT: "disk quota exceeded; free some space or write elsewhere",
    errno.EACCES: "permission denied; expected a folder you can write to",
    errno.EPERM: "permission denied; expected a folder you can write to",
    errno.EROFS: "read-only file system; expected a writable folder",
    errno.ENOTDIR: "a part of the path is a file, not a folder; expected a path inside an existing folder",
    errno.ENOENT: "cannot be created there (no such file or directory); expected a path in a writable folder",
    errno.EISDIR: "is a folder; expected a file path",
    errno.ENAMETOOLONG: "file name too long; expected a shorter path",
}


def output_error(exc: OSError, path: str | Path) -> SettingError:
    """The one-line error for an OSError met writing ``path`` (its cause kept, for ``-v``)."""
    advice = _ADVICE.get(exc.errno or 0, f"cannot be written ({exc.strerror or exc}); expected a writable path")
    error = SettingError(advice, where=str(path))
    error.__cause__ = exc
    return error


def _check_folder(folder: Path, path: Path) -> None:
    if not folder.exists():
        raise SettingError(f"folder {str(folder)!r} does not exist; create it first (mkdir -p) or write elsewhere",
                           where=str(path))
    if not folder.is_dir():
        raise SettingError(f"{str(folder)!r} is not a folder; expected a path inside an existing folder",
                           where=str(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def output_file(path: str | Path) -> Iterator[Path]:
    """Yields where to write ``path``'s content; on success it is ``path``, whole; on any error no partial file is
    left and an OSError becomes a :class:`SettingError` naming ``path``."""
    path = Path(path)
    _check_folder(path.parent, path)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise output_error(exc, path) from exc
    if mode is not None and stat.S_ISDIR(mode):
        raise SettingError("is a folder; expected a file path (the folder is left as it is)", where=str(path))
    if mode is not None and not stat.S_ISREG(mode):  # a device or a pipe: a stream, nothing to rename over
        try:
            yield path
        except OSError as exc:
            raise output_error(exc, path) from exc
        return
    try:
        handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        os.close(handle)
    except OSError as exc:
        raise output_error(exc, path) from exc
    temporary = Path(name)
    try:
        yield temporary
        # mkstemp makes the file private (0600): give the finished file the mode a new file would have
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as exc:
        raise output_error(exc, path) from exc
    finally:
        temporary.unlink(missing_ok=True)


def output_folder(path: str | Path) -> Path:
    """``path`` as a folder to write files into: made when missing (its parent must exist), refused when it is a
    file; an OSError becomes a :class:`SettingError` naming it."""
    path = Path(path)
    _check_folder(path.parent, path)
    if path.exists() and not path.is_dir():
        raise SettingError("is a file, not a folder; expected a folder (new or existing) to write the tables into",
                           where=str(path))
    try:
        path.mkdir(exist_ok=True)
    except OSError as exc:
        raise output_error(exc, path) from exc
    return path
