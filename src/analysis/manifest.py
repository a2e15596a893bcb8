"""The raw-data manifest (``data/raw/manifest.json``): provenance and checksums of every raw file."""

from __future__ import annotations

import hashlib
import json
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
                " raw files are immutable: restore it, or record a new version in the manifest"
            )
        paths[key] = path
    return paths
