"""Built-in format variants (registered through the ``gd_register_variants`` hook)."""

from .national import NATIONAL_2019, NATIONAL_2021

__all__ = ["NATIONAL_2019", "NATIONAL_2021"]
