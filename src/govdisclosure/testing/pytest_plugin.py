"""Opt-in pytest fixtures for plugin authors.

Enable them in your ``conftest.py``::

    pytest_plugins = ["govdisclosure.testing.pytest_plugin"]

* ``gd_registry`` — a fresh registry with the built-ins and the installed plugins (entry points).
* ``gd_isolated_registry`` — a factory: ``gd_isolated_registry(my_plugin)`` gives a registry with the
  built-ins and ``my_plugin`` only, which is also the default registry until the test ends.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

import pytest

from ..plugins.registry import Registry, make_registry
from .kit import isolated_registry

__all__ = ["gd_isolated_registry", "gd_registry"]


@pytest.fixture
def gd_registry() -> Registry:
    """A new strict registry with the built-ins and every installed plugin."""
    return make_registry(entry_points=True)


@pytest.fixture
def gd_isolated_registry() -> Iterator[Callable[..., Registry]]:
    """A factory of isolated registries (see :func:`govdisclosure.testing.kit.isolated_registry`)."""
    with contextlib.ExitStack() as stack:

        def factory(*plugins: object, entry_points: bool = False) -> Registry:
            return stack.enter_context(isolated_registry(*plugins, entry_points=entry_points))

        yield factory
