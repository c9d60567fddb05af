"""The plugin system: pluggy hooks, the ``govdisclosure`` entry-point group, the registry.

Plugin authors need only :data:`hookimpl`::

    from govdisclosure.plugins import hookimpl

    @hookimpl
    def gd_register_variants(register):
        register(MY_LAYOUT)
"""

from __future__ import annotations

import pluggy

PROJECT_NAME = "govdisclosure"
"""The pluggy project name, which is also the entry-point group."""

hookimpl: pluggy.HookimplMarker = pluggy.HookimplMarker(PROJECT_NAME)
"""Decorator marking a function as an implementation of a govdisclosure hook."""

hookspec: pluggy.HookspecMarker = pluggy.HookspecMarker(PROJECT_NAME)
"""Decorator marking a hook specification (used by :mod:`govdisclosure.plugins.hookspecs`)."""

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]
