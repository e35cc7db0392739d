"""nangsuat — productivity statistics for plan monitoring.

*Năng suất* is Vietnamese for productivity. Growth accounting (Törnqvist and Viet Nam GSO
profiles), Penn World Table 10.01 TFP, the progress of plan targets (Statistics Canada / Open
SDG, UNSD, ESCAP, PSA), DEA efficiency and the Malmquist productivity index across units, and the
embedded plans of Decision 36/QĐ-TTg and its provincial plans.
The computation is the nangsuat Rust core's; numpy arrays go in without a copy and results come
out as numpy (``to_dict()``) or pandas (``to_pandas()``). Rates and shares are fractions.

>>> import nangsuat as ns
>>> r = ns.growth_accounting([2020, 2021], [100, 107], [300, 321], [50, 51],
...                          labour_share=[0.60, 0.62])
>>> round(float(r["tfp_growth"][1]), 6)
0.029192
"""

from __future__ import annotations

from . import exceptions
from ._nangsuat import __version__
from .accounting import (
    GrowthAccountingResult,
    PanelAccountingResult,
    PeriodSummary,
    growth_accounting,
    growth_accounting_panel,
    pwt_tfp,
)
from .efficiency import DeaResult, MalmquistResult, dea, frontier_efficiency, malmquist
from .derived import (
    DerivedIndicators,
    growth,
    labour_productivity,
    labour_productivity_growth,
    match_territories,
    per_10000,
    provincial_tfp,
    territory_catalogue,
)
from .estimation import (
    ProductionFunctionResult,
    production_function,
    productivity_decomposition,
)
from .exceptions import NangsuatError
from .ingest import read_table
from .monitoring import Observations, Progress, Report, assess, progress, vietnam_report
from .plans import Finding, Goal, Plan, PlanDocument, builtin_plans, validate
from .sfa import LrTest, SfaResult, sfa, sfa_example_path

# Capital, structure, index numbers, feasibility and what it takes (issue 16).
from .capital import CapitalStockResult, capital_stock
from .scenario import (
    Projection,
    Realism,
    Scenario,
    Sensitivity,
    WhatItTakes,
    consistency,
    realism,
)
from .structure import (
    GeadResult,
    IndexResult,
    RegionsResult,
    ShiftShareResult,
    ShiftShareSeries,
    bilateral_index,
    domar_aggregate,
    gead,
    price_index,
    quantity_index,
    regions_to_nation,
    shift_share,
    shift_share_by_year,
)

__all__ = [
    "__version__",
    "exceptions",
    "NangsuatError",
    "growth_accounting",
    "growth_accounting_panel",
    "pwt_tfp",
    "dea",
    "DeaResult",
    "frontier_efficiency",
    "malmquist",
    "MalmquistResult",
    "GrowthAccountingResult",
    "PanelAccountingResult",
    "PeriodSummary",
    "Plan",
    "PlanDocument",
    "Goal",
    "Finding",
    "builtin_plans",
    "validate",
    "progress",
    "Progress",
    "Observations",
    "assess",
    "Report",
    "vietnam_report",
    "DerivedIndicators",
    "labour_productivity",
    "labour_productivity_growth",
    "growth",
    "per_10000",
    "provincial_tfp",
    "match_territories",
    "territory_catalogue",
    "sfa",
    "SfaResult",
    "LrTest",
    "sfa_example_path",
    "read_table",
    "capital_stock",
    "CapitalStockResult",
    "shift_share",
    "shift_share_by_year",
    "ShiftShareResult",
    "ShiftShareSeries",
    "gead",
    "GeadResult",
    "regions_to_nation",
    "RegionsResult",
    "domar_aggregate",
    "price_index",
    "quantity_index",
    "bilateral_index",
    "IndexResult",
    "consistency",
    "realism",
    "Realism",
    "Scenario",
    "Projection",
    "Sensitivity",
    "WhatItTakes",
    "production_function",
    "productivity_decomposition",
    "ProductionFunctionResult",
]


def _typed_public_errors() -> None:
    """Every public function of the package raises only :class:`NangsuatError` subclasses
    (see :func:`nangsuat.exceptions.typed_errors`), including functions added later."""
    import inspect

    from .exceptions import typed_errors

    namespace = globals()
    for name in __all__:
        obj = namespace.get(name)
        if inspect.isfunction(obj) and not hasattr(obj, "__wrapped__"):
            namespace[name] = typed_errors(obj)


_typed_public_errors()
