"""Test support shipped with govdisclosure: hypothesis strategies and the plugin author kit.

Importing this package needs hypothesis (``pip install govdisclosure[testing]``).
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401
except ImportError as _exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "govdisclosure.testing needs hypothesis: pip install 'govdisclosure[testing]'"
    ) from _exc

from .strategies import Perturbation, agencies, perturbed_reports, reports, section_texts

__all__ = ["Perturbation", "agencies", "perturbed_reports", "reports", "section_texts"]
