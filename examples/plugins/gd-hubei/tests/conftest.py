"""Fixtures of gd-hubei's end-to-end tests: everything comes through the installed entry point."""

from __future__ import annotations

import pytest
from hubei_support import VARIANT

from govdisclosure.layout import Layout
from govdisclosure.plugins.registry import Registry, make_registry


@pytest.fixture(scope="session")
def registry() -> Registry:
    """A fresh, strict registry: built-ins plus every installed plugin (gd-hubei among them)."""
    return make_registry(entry_points=True)


@pytest.fixture(scope="session")
def hubei(registry: Registry) -> Layout:
    """The hubei-2020 layout, as registered through the entry point."""
    return registry.variant(VARIANT)
