"""gd-hubei: a govdisclosure plugin for the 湖北 2020 annual-report template.

Everything is registered through the ``govdisclosure`` entry point (``gd_hubei.plugin``); import
:data:`HUBEI_2020` only to build reports programmatically.
"""

from __future__ import annotations

from .layout import HUBEI_2020, OTHER_DOCUMENTS

__all__ = ["HUBEI_2020", "OTHER_DOCUMENTS", "__version__"]

__version__ = "0.1.0"
