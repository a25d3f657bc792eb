"""Where results may be written, and how a folder is replaced without ever losing one.

A result folder carries a marker file (:data:`MARKER`); only such a folder, or an empty one, may
be replaced. Writing goes into a hidden staging folder beside the target (``.NAME.<random>.partial``,
marked by :data:`STAGING_MARKER` holding the writer's process id). Replacing renames the old
result to ``.NAME.dualcarbon-old-<pid>``, moves the new one into place and only then deletes the
old one. A run killed at any step leaves either the old or the new result under ``NAME`` or a
hidden copy recognised by name *and* marker; the next write beside it (:func:`clean_beside`)
restores a hidden old result whose target is missing and deletes leftovers of dead writers.
Nothing without the project's marker is ever deleted.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

logger = logging.getLogger(__name__)

__all__ = [
    "MARKER",
    "STAGING_MARKER",
    "OutputFolderError",
    "check_target",
    "clean_beside",
    "default_folder",
    "is_result_folder",
    "make_staging",
    "replace_folder",
]

#: File inside every result folder written by dualcarbon.
MARKER = ".dualcarbon-result"
#: File inside every staging folder, holding the writer's process id.
STAGING_MARKER = ".dualcarbon-staging"
_STAGING = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.partial$")
_OLD = re.compile(r"^\.(?P<name>.+)\.dualcarbon-old-(?P<pid>\d+)$")


class OutputFolderError(ValueError):
    """A folder that may not be written or replaced (it holds files dualcarbon did not write)."""


def is_result_folder(path: Path) -> bool:
    """Whether ``path`` is a folder written by dualcarbon (marker file, or the metadata of a
    result written before the marker existed)."""
    if not path.is_dir():
        return False
    if (path / MARKER).is_file():
        return True
    meta = path / "metadata.json"
    try:
        keys = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(keys, dict) and {"scenario", "status", "tables"} <= set(keys)


def check_target(path: str | os.PathLike, *, replace: bool) -> Path:
    """The folder a result may be written to, or an error saying why not.

    Parameters
    ----------
    path : path-like
        The destination.
    replace : bool
        Whether a previous dualcarbon result there may be replaced (``--force``).

    Returns
    -------
    pathlib.Path
        The destination, absolute.

    Raises
    ------
    OutputFolderError
        If ``path`` is a file, a non-empty folder that is not a dualcarbon result (the user's
        own files: never deleted), or a previous result while ``replace`` is false.
    """
    target = Path(path).expanduser().resolve()
    if target.exists() and not target.is_dir():
        raise OutputFolderError(f"--out {path}: expected a folder, got an existing file")
    if target.is_dir() and any(target.iterdir()):
        if not is_result_folder(target):
            raise OutputFolderError(
                f"--out {path}: expected an absent or empty folder or a previous dualcarbon "
                "result, got a folder of other files (nothing was written; choose another folder)"
            )
        if not replace:
            raise OutputFolderError(
                f"--out {path}: expected an absent or empty folder, got a previous dualcarbon "
                "result (add --force to replace it)"
            )
    return target


def default_folder(name: str, root: str | os.PathLike = "results") -> Path:
    """``results/<name>`` for a scenario name, refusing names that would leave ``root``.

    Characters other than letters, digits, ``-``, ``_`` and ``.`` become ``_``.

    Raises
    ------
    OutputFolderError
        For an empty name, or one that is a path (``/abs``, ``../x``, ``a/b``, ``.hidden``).
    """
    text = unicodedata.normalize("NFC", name).strip()
    if not text or text.startswith(".") or "/" in text or "\\" in text or os.sep in text:
        raise OutputFolderError(
            f"scenario name {name!r}: expected a plain name to write results/<name>, got a "
            "path or an empty name (give --out DIR, or set name: to a plain word)"
        )
    safe = re.sub(r"[^\w.-]", "_", text)
    base = Path(root).resolve()
    folder = (base / safe).resolve()
    if folder.parent != base:
        raise OutputFolderError(f"scenario name {name!r}: would write outside {root}/")
    return folder


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def _staging_pid(folder: Path) -> int | None:
    try:
        return int((folder / STAGING_MARKER).read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None


def make_staging(target: Path) -> Path:
    """A fresh, marked staging folder beside ``target``."""
    staging = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    )
    (staging / STAGING_MARKER).write_text(str(os.getpid()), encoding="utf-8")
    return staging


def clean_beside(target: Path) -> list[Path]:
    """Tidy what interrupted writes left in ``target``'s folder; return what was removed.

    Staging folders of dead writers are deleted; a hidden old result whose writer died is put
    back under its name if that name is missing, else deleted. Only entries matching the
    project's names *and* holding its marker are touched.
    """
    removed: list[Path] = []
    parent = target.parent
    if not parent.is_dir():
        return removed
    for entry in sorted(parent.iterdir()):
        if not entry.is_dir() or entry.is_symlink():
            continue
        staging = _STAGING.match(entry.name)
        if staging:
            pid = _staging_pid(entry)
            # no marker yet: killed right after creating it, so it is empty (nothing to lose)
            unmarked_empty = pid is None and not any(entry.iterdir())
            if unmarked_empty or (pid is not None and not _alive(pid)):
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
                logger.info("removed %s, left by an interrupted write", entry)
            continue
        old = _OLD.match(entry.name)
        if old and not _alive(int(old["pid"])) and is_result_folder(entry):
            home = parent / old["name"]
            if not home.exists():
                os.replace(entry, home)
                logger.warning("restored %s from %s (an interrupted replace)", home, entry.name)
            else:
                shutil.rmtree(entry, ignore_errors=True)
                removed.append(entry)
                logger.info("removed %s, the old result of a finished replace", entry)
    return removed


def replace_folder(staging: Path, target: Path) -> None:
    """Move a complete staging folder to ``target``, keeping any old result until it is in place.

    Raises
    ------
    OutputFolderError
        If ``target`` holds files that are not a dualcarbon result (checked again here, at the
        last moment, so that no caller can make this delete the user's files).
    """
    if target.is_dir() and any(target.iterdir()) and not is_result_folder(target):
        raise OutputFolderError(f"{target}: not a dualcarbon result, not replaced")
    # the staging marker stays until the last rename: a kill before it leaves a folder that
    # clean_beside recognises as a dead writer's
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    if not target.exists():
        os.replace(staging, target)
    else:
        old = target.with_name(f".{target.name}.dualcarbon-old-{os.getpid()}")
        if old.exists():
            shutil.rmtree(old)
        os.replace(target, old)  # a kill from here on: clean_beside puts the old result back
        os.replace(staging, target)
        shutil.rmtree(old, ignore_errors=True)
    (target / STAGING_MARKER).unlink(missing_ok=True)
