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

__all__ = ["slot_filler"]

T = TypeVar("T")


def slot_filler(
    cls: type[T], *, checked: frozenset[str] = frozenset(), post_init_checked: bool = False
) -> Callable[..., T] | None:
    """A function ``(v₀, v₁, …) → cls`` taking every field in declaration order, or ``None``.

    ``None`` when the class is not slotted or its ``__init__`` does more than store the values:
    a converter, a validator on a field not in ``checked``, or an ``__attrs_pre_init__`` hook.
    An ``__attrs_post_init__`` hook is skipped only with ``post_init_checked=True``.  Naming a
    field in ``checked``, or passing ``post_init_checked``, is the caller's guarantee that the
    values it passes satisfy what the skipped validator or hook checks.
    """
    fields = attrs.fields(cast(Any, cls))
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
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    for i, f in enumerate(fields):
        setter = getattr(cls.__dict__.get(f.name), "__set__", None)
        if setter is None:
            return None
        namespace[f"s{i}"] = setter
    args = ", ".join(f"a{i}" for i in range(len(fields)))
    body = "".join(f"    s{i}(o, a{i})\n" for i in range(len(fields)))
    source = f"def fill({args}):\n    o = new(cls)\n{body}    return o\n"
    exec(compile(source, f"<govdisclosure slot filler {cls.__qualname__}>", "exec"), namespace)
    return cast("Callable[..., T]", namespace["fill"])
