"""The raw-data manifest (``data/raw/manifest.json``): provenance and checksums of every raw file,
and the one way to record a new raw file or a new version of one (:func:`add_source`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

from . import config
from .sources.base import SourceFormatError


def load_manifest(path: Path | None = None) -> dict[str, dict]:
    """Manifest entries keyed by source key (origin, publisher, licence, sha256, coverage)."""
    path = Path(path or config.MANIFEST_PATH)
    if not path.exists():
        raise SourceFormatError(f"{path}: raw-data manifest is missing")
    try:
        return json.loads(path.read_text(encoding="utf-8"))["sources"]
    except (json.JSONDecodeError, KeyError) as exc:
        raise SourceFormatError(f"{path}: manifest is not valid ({exc})") from exc


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verify(manifest: dict[str, dict], raw_dir: Path | None = None) -> dict[str, Path]:
    """Check every manifest file exists with its recorded sha256; return key -> path.

    Raises :class:`SourceFormatError` naming the file on a missing file or checksum mismatch."""
    raw_dir = Path(raw_dir or config.RAW_DIR)
    paths = {}
    for key, entry in manifest.items():
        path = raw_dir / entry["path"]
        if not path.exists():
            raise SourceFormatError(f"{path}: listed in the manifest as {key!r} but missing")
        actual = sha256(path)
        if actual != entry["sha256"]:
            raise SourceFormatError(
                f"{path}: checksum mismatch for {key!r} (manifest {entry['sha256'][:12]}..., file {actual[:12]}...);"
                " raw files are immutable: restore it, or record the new version with"
                f" `reform sources add {path} --source {key}`"
            )
        paths[key] = path
    return paths


REQUIRED_FOR_NEW = ("publisher", "licence", "origin")


def add_source(
    file: Path,
    source: str,
    raw_dir: Path | None = None,
    path: str | None = None,
    **fields: str | None,
) -> dict:
    """Copy ``file`` into ``data/raw/`` and record it in the manifest under ``source``.

    An existing key gets a new version: the file replaces the old one at the entry's path, the old
    ``sha256``/``bytes``/``obtained`` move to the entry's ``history`` (oldest first) and given
    ``fields`` (publisher, licence, origin, coverage, kind) update the entry. A new key needs
    ``publisher``, ``licence`` and ``origin``; its path is ``path`` (relative to ``data/raw/``) or
    ``<kind>/<file name>``. Raises ``ValueError`` with a one-line message on bad input."""
    raw_dir = Path(raw_dir or config.RAW_DIR)
    file = Path(file)
    if not file.is_file():
        raise ValueError(f"{file}: no such file")
    if not source or not source.replace("_", "").isalnum():
        raise ValueError(f"source key {source!r}: use letters, digits and underscores, e.g. par_index_official_2024")
    manifest_path = raw_dir / "manifest.json"
    data = json.loads(manifest_path.read_text(encoding="utf-8"))
    entries = data["sources"]
    given = {k: v for k, v in fields.items() if v}
    today = dt.date.today().isoformat()
    if source in entries:
        entry = entries[source]
        target = raw_dir / (path or entry["path"])
        if file.resolve() != target.resolve() and sha256(file) == entry["sha256"]:
            raise ValueError(f"{file}: identical to the recorded version of {source!r}; nothing to do")
        entry.setdefault("history", []).append(
            {
                "path": entry["path"],
                "sha256": entry["sha256"],
                "bytes": entry.get("bytes"),
                "obtained": entry.get("obtained"),
            }
        )
    else:
        missing = [k for k in REQUIRED_FOR_NEW if not given.get(k)]
        if missing:
            raise ValueError(
                f"new source {source!r} needs "
                + ", ".join(f"--{k}" for k in missing)
                + " (where it comes from and on what terms)"
            )
        rel = path or f"{given.get('kind', 'other')}/{file.name}"
        entry = entries[source] = {"path": rel, "kind": given.get("kind", "published_table")}
        target = raw_dir / rel
    if target.resolve() != file.resolve():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(file, tmp)
        tmp.replace(target)
    entry.update(given)
    entry["path"] = str(target.relative_to(raw_dir))
    entry["sha256"] = sha256(target)
    entry["bytes"] = str(target.stat().st_size)
    entry["obtained"] = today
    tmp = manifest_path.with_name(".manifest.json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(manifest_path)
    return entry
