"""Building frozen attrs instances fast on hot paths, by writing their slots directly.

The ``__init__`` that attrs generates for a frozen slotted class stores each field through a
cached ``object.__setattr__``; on a path that builds thousands of small objects (loading many
reports, reading a page of cells) that is about twice the cost of writing the slots with their
descriptors.  :func:`slot_filler` generates, once per class, a function taking the field values
positionally that does exactly that — and only when the class's ``__init__`` does nothing else
(no validator, converter or init hook the caller has not vouched for); otherwise it returns
``None`` and the caller uses the class itself.  The caller passes every field, defaults included.
``tests/test_slotfill.py`` compares both ways of building.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import attrs

__all__ = ["Setter", "builder", "slot_filler", "slot_setters"]

T = TypeVar("T")


Setter = Callable[[Any, Any], None]
"""A slot's descriptor ``__set__``: ``setter(instance, value)``."""


def slot_setters(
    cls: type,
    names: tuple[str, ...] | None = None,
    *,
    checked: frozenset[str] = frozenset(),
    post_init_checked: bool = False,
) -> tuple[Setter, ...] | None:
    """The slot writers of every field of ``cls`` in declaration order, or ``None``.

    ``None`` when the class is not slotted, when ``names`` is given and differs from the field
    names in order (the caller's code was written for other fields), or when its ``__init__`` does
    more than store the values: a converter, a validator on a field not in ``checked``, or an
    ``__attrs_pre_init__`` hook.  An ``__attrs_post_init__`` hook is skipped only with
    ``post_init_checked=True``.  Naming a field in ``checked``, or passing ``post_init_checked``,
    is the caller's guarantee that the values it writes satisfy what the skipped validator or
    hook checks.
    """
    fields = attrs.fields(cast(Any, cls))
    if names is not None and tuple(f.name for f in fields) != names:
        return None
    if any(f.converter is not None for f in fields):
        return None
    if any(f.validator is not None and f.name not in checked for f in fields):
        return None
    if hasattr(cls, "__attrs_pre_init__"):
        return None
    if hasattr(cls, "__attrs_post_init__") and not post_init_checked:
        return None
    if "__slots__" not in cls.__dict__:
        return None
    setters = [getattr(cls.__dict__.get(f.name), "__set__", None) for f in fields]
    if not all(callable(s) for s in setters):
        return None
    return tuple(cast("list[Setter]", setters))


def slot_filler(
    cls: type[T],
    names: tuple[str, ...] | None = None,
    *,
    checked: frozenset[str] = frozenset(),
    post_init_checked: bool = False,
) -> Callable[..., T] | None:
    """A function ``(v₀, v₁, …) → cls`` taking every field in declaration order, or ``None``
    (see :func:`slot_setters` for when, and for ``names``, ``checked`` and ``post_init_checked``).
    """
    setters = slot_setters(cls, names, checked=checked, post_init_checked=post_init_checked)
    if setters is None:
        return None
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    namespace.update((f"s{i}", setter) for i, setter in enumerate(setters))
    args = ", ".join(f"a{i}" for i in range(len(setters)))
    body = "".join(f"    s{i}(o, a{i})\n" for i in range(len(setters)))
    source = f"def fill({args}):\n    o = new(cls)\n{body}    return o\n"
    exec(compile(source, f"<govdisclosure slot filler {cls.__qualname__}>", "exec"), namespace)
    return cast("Callable[..., T]", namespace["fill"])


def builder(
    cls: type[T], *, checked: frozenset[str] = frozenset(), post_init_checked: bool = False
) -> Callable[..., T]:
    """:func:`slot_filler` of ``cls``, or when it refuses the class, a function calling the class
    with the same positional values as keywords (so callers need no second path)."""
    fill = slot_filler(cls, checked=checked, post_init_checked=post_init_checked)
    if fill is not None:
        return fill
    names = tuple(f.name for f in attrs.fields(cast(Any, cls)))

    def construct(*values: Any) -> T:
        return cls(**dict(zip(names, values, strict=True)))

    return construct
