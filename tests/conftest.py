"""Shared test set-up: hypothesis profiles (CI is derandomized by hypothesis' built-in `ci` profile)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

settings.register_profile(
    "gd-ci",
    parent=settings.get_profile("ci"),
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "gd-dev",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("gd-ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "gd-dev"))
