"""govdisclosure — 政府信息公开工作年度报告: model, check, read and write China's FOI annual reports.

The public API is what this module exports; everything else is implementation.

>>> from govdisclosure import NATIONAL_2021, build_report, CellRef
>>> r = build_report(NATIONAL_2021, agency="某县人民政府", year=2024,
...                  cells={CellRef("requests", "received", "natural_person"): 3}, missing=0)
>>> r.requests.received.total   # filled from the relation and marked derived
3
>>> CellRef("requests", "received", "total") in r.derived
True
"""

from ._version import __version__
from .agency_level import infer_level
from .build import build_report, fill_totals
from .bulk import gc_paused, load_json_many
from .cells import CellValue, Placeholder
from .errors import DocumentError, GovDisclosureError, PluginError, ReadError, UnknownVariantError
from .layout import CellRef, Layout, Node, SectionSpec, TableSpec, ValueKind
from .model import Agency, AgencyLevel, Report, Section
from .plugins import hookimpl
from .plugins.registry import Registry, default_registry, make_registry
from .relations import Relation, RelationResult, RelationResults, Status, relations_for
from .schema import json_schema
from .serialize import dump_json, dump_toml, from_dict, load_json, load_path, load_toml, to_dict
from .variants import NATIONAL_2019, NATIONAL_2021

__all__ = [
    "NATIONAL_2019",
    "NATIONAL_2021",
    "Agency",
    "AgencyLevel",
    "CellRef",
    "CellValue",
    "DocumentError",
    "GovDisclosureError",
    "Layout",
    "Node",
    "Placeholder",
    "PluginError",
    "ReadError",
    "Registry",
    "Relation",
    "RelationResult",
    "RelationResults",
    "Report",
    "Section",
    "SectionSpec",
    "Status",
    "TableSpec",
    "UnknownVariantError",
    "ValueKind",
    "__version__",
    "build_report",
    "default_registry",
    "dump_json",
    "dump_toml",
    "fill_totals",
    "from_dict",
    "gc_paused",
    "hookimpl",
    "infer_level",
    "json_schema",
    "load_json",
    "load_json_many",
    "load_path",
    "load_toml",
    "make_registry",
    "relations_for",
    "to_dict",
]
