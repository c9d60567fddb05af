"""Deterministic ZIP containers (DOCX, XLSX): same entries in the same order, fixed timestamps."""

from __future__ import annotations

import io
import zipfile

__all__ = ["ZIP_EPOCH", "normalize_zip"]

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The timestamp every entry gets (the earliest a ZIP can store)."""


def normalize_zip(data: bytes) -> bytes:
    """Rewrite a ZIP archive with fixed entry timestamps and permissions (entry order kept)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            fixed.create_system = 0
            dst.writestr(fixed, src.read(info.filename), compresslevel=6)
    return out.getvalue()
