"""Package data: the bundled example report (read with :mod:`importlib.resources`)."""
