"""Type stubs of the compiled module (checked against it by ``python -m mypy.stubtest``)."""

import os
from typing import Any, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "__version__",
    "decomposition_columns",
    "production_function_columns",
    "read_table_columns",
    "Accounting",
    "Plan",
    "PlanDocument",
    "Observations",
    "Report",
    "growth_accounting",
    "growth_accounting_panel",
    "pwt_tfp_columns",
    "dea_columns",
    "malmquist_columns",
    "frontier_efficiency_columns",
    "builtin_plans",
    "validate_plan_set",
    "progress",
    "assess",
    "vietnam_report",
    "_error_classes",
    "DerivedSet",
    "derive_ratio",
    "derive_growth",
    "derive_tfp",
    "match_territories",
    "territory_catalogue",
    "sfa_fit",
    "Scenario",
    "capital_stock_columns",
    "shift_share_columns",
    "gead_columns",
    "regions_to_nation_rows",
    "domar_aggregate",
    "index_series_columns",
    "bilateral_index",
    "scenario_targets",
    "consistency",
    "realism",
]
__version__: str

@final
class Accounting:
    def columns(self) -> dict[str, np.ndarray]: ...
    def period(self, start: int, end: int) -> dict[str, Any]: ...
    def summary(self) -> dict[str, Any] | None: ...
    def provenance(self) -> dict[str, Any]: ...
    def __len__(self) -> int: ...

@final
class Plan:
    @staticmethod
    def from_toml(text: str) -> Plan: ...
    @staticmethod
    def from_json(text: str) -> Plan: ...
    @staticmethod
    def load(path: str | os.PathLike[str]) -> Plan: ...
    def to_toml(self) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def validate(self) -> list[dict[str, Any]]: ...
    @property
    def id(self) -> str: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class PlanDocument:
    @staticmethod
    def from_toml(text: str) -> PlanDocument: ...
    @staticmethod
    def load(path: str | os.PathLike[str]) -> PlanDocument: ...
    @property
    def plan(self) -> Plan: ...
    def set_plan(self, plan: Plan) -> None: ...
    def to_toml(self) -> str: ...
    def save(self, path: str | os.PathLike[str]) -> None: ...

@final
class Observations:
    @staticmethod
    def vietnam() -> Observations: ...
    @staticmethod
    def from_csv(text: str) -> Observations: ...
    @staticmethod
    def read_csv(path: str) -> Observations: ...
    def rows(self) -> list[dict[str, Any]]: ...
    def __len__(self) -> int: ...

@final
class Report:
    def to_markdown(self, lang: str = "vi") -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_html(self, lang: str = "vi") -> str: ...
    def to_xlsx(self, path: str | os.PathLike[str], lang: str = "vi") -> None: ...
    def goal_texts(self, lang: str = "en") -> list[tuple[str, str, str, str | None]]: ...

def growth_accounting(
    year: npt.NDArray[np.int32],
    output: npt.NDArray[np.float64],
    capital: npt.NDArray[np.float64],
    labour: npt.NDArray[np.float64],
    *,
    labour_share: float | None = None,
    labour_share_per_row: npt.NDArray[np.float64] | None = None,
    hours: npt.NDArray[np.float64] | None = None,
    human_capital: npt.NDArray[np.float64] | None = None,
    profile: str = "tornqvist",
    base_year: int | None = None,
    nan_policy: str = "raise",
    zero_growth_tolerance: float | None = None,
) -> Accounting: ...
def growth_accounting_panel(
    entity: npt.NDArray[np.int64],
    year: npt.NDArray[np.int32],
    output: npt.NDArray[np.float64],
    capital: npt.NDArray[np.float64],
    labour: npt.NDArray[np.float64],
    buffers: dict[str, np.ndarray],
    *,
    labour_share: float | None = None,
    labour_share_per_row: npt.NDArray[np.float64] | None = None,
    hours: npt.NDArray[np.float64] | None = None,
    human_capital: npt.NDArray[np.float64] | None = None,
    profile: str = "tornqvist",
    base_year: int | None = None,
    nan_policy: str = "raise",
    zero_growth_tolerance: float | None = None,
    entity_labels: list[str] | None = None,
) -> dict[str, Any]: ...
def pwt_tfp_columns(
    countrycode: npt.NDArray[np.int64],
    labels: list[str],
    reference: int,
    year: npt.NDArray[np.int32],
    rgdpna: npt.NDArray[np.float64],
    rkna: npt.NDArray[np.float64],
    emp: npt.NDArray[np.float64],
    avh: npt.NDArray[np.float64],
    hc: npt.NDArray[np.float64],
    labsh: npt.NDArray[np.float64],
    cgdpo: npt.NDArray[np.float64],
    ck: npt.NDArray[np.float64],
) -> dict[str, np.ndarray]: ...
def builtin_plans() -> list[Plan]: ...
def validate_plan_set(plans: list[Plan]) -> list[dict[str, Any]]: ...
def progress(
    baseline: tuple[int, float],
    observations: list[tuple[int, float]],
    target: tuple[int, float] | None = None,
    *,
    higher_is_better: bool = True,
    method: str = "statcan",
    natural_limit: float | None = None,
) -> dict[str, Any]: ...
def assess(
    plans: list[Plan],
    observations: Observations,
    *,
    method: str = "statcan",
    about_tolerance: float = 0.05,
) -> Report: ...
def vietnam_report() -> Report: ...
def _error_classes() -> list[tuple[int, str, str]]: ...

def dea_columns(
    inputs: npt.NDArray[np.float64],
    outputs: npt.NDArray[np.float64],
    *,
    orientation: str = "input",
    rts: str = "crs",
    slacks: bool = True,
    names: tuple[list[str], list[str]] | None = None,
) -> dict[str, Any]: ...
def malmquist_columns(
    unit: npt.NDArray[np.int64],
    period: npt.NDArray[np.int32],
    inputs: npt.NDArray[np.float64],
    outputs: npt.NDArray[np.float64],
    *,
    orientation: str = "output",
    rts: str = "vrs",
    unit_labels: list[str] | None = None,
    names: tuple[list[str], list[str]] | None = None,
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]: ...
def frontier_efficiency_columns(
    frontier_inputs: npt.NDArray[np.float64],
    frontier_outputs: npt.NDArray[np.float64],
    inputs: npt.NDArray[np.float64],
    outputs: npt.NDArray[np.float64],
    *,
    orientation: str = "output",
    rts: str = "vrs",
    names: tuple[list[str], list[str]] | None = None,
) -> dict[str, Any]: ...

@final
class DerivedSet:
    def columns(self) -> dict[str, Any]: ...
    def rows(self) -> list[dict[str, Any]]: ...
    def notes(self) -> list[tuple[str, str]]: ...
    def extend(self, observations: Observations) -> Observations: ...
    def __len__(self) -> int: ...

def derive_ratio(
    scope: list[str],
    year: npt.NDArray[np.int32],
    numerator: npt.NDArray[np.float64],
    denominator: npt.NDArray[np.float64],
    *,
    preliminary: npt.NDArray[np.bool_] | None = None,
    names: tuple[str, str] = ...,
    source: str = "",
    indicator: str = "lp_level_const",
    unit: str = "",
    scale: float = 1.0,
) -> DerivedSet: ...
def derive_growth(
    scope: list[str],
    year: npt.NDArray[np.int32],
    level: npt.NDArray[np.float64],
    denominator: npt.NDArray[np.float64] | None = None,
    *,
    preliminary: npt.NDArray[np.bool_] | None = None,
    names: tuple[str, str] = ...,
    source: str = "",
    indicator: str = "grdp_growth",
    start: int | None = None,
    end: int | None = None,
) -> DerivedSet: ...
def derive_tfp(
    scope: list[str],
    year: npt.NDArray[np.int32],
    output: npt.NDArray[np.float64],
    employment: npt.NDArray[np.float64],
    *,
    capital: npt.NDArray[np.float64] | None = None,
    investment: npt.NDArray[np.float64] | None = None,
    deflator: npt.NDArray[np.float64] | None = None,
    deflator_base: float = 100.0,
    depreciation: float = 0.05,
    timing: str = "end_of_year",
    window: int = 5,
    form: str = "gso",
    capital_share: float | None = None,
    labour_share: npt.NDArray[np.float64] | None = None,
    periods: list[tuple[int, int]] = ...,
    preliminary: npt.NDArray[np.bool_] | None = None,
    source: str = "",
) -> DerivedSet: ...
def match_territories(
    names: list[str], *, vintage: str = "provinces63", file: str = "", first_row: int = 1
) -> list[tuple[str, str, str, str, str]]: ...
def territory_catalogue() -> dict[str, Any]: ...
def sfa_fit(
    y: npt.NDArray[np.float64],
    x: npt.NDArray[np.float64],
    *,
    z: npt.NDArray[np.float64] | None = None,
    unit: npt.NDArray[np.int64] | None = None,
    period: npt.NDArray[np.int64] | None = None,
    mu: bool = False,
    eta: bool = False,
    effects: bool = False,
    delta0: bool = True,
    cost: bool = False,
    x_names: list[str] | None = None,
    z_names: list[str] | None = None,
    start: list[float] | None = None,
    tolerance: float = 1e-09,
    max_iterations: int = 1000,
) -> dict[str, Any]: ...
def read_table_columns(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    sheet: str | None = None,
    language: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]: ...
# Capital, structure, index numbers, feasibility and what it takes (issue 16).
@final
class Scenario:
    def __new__(
        cls,
        name: str,
        base_year: int,
        end_year: int,
        *,
        capital_output_ratio: float,
        investment_rate: float,
        depreciation: float,
        employment_growth: float,
        tfp_growth: float,
        labour_share: float,
    ) -> Scenario: ...
    @staticmethod
    def vietnam_2021_2025() -> Scenario: ...
    def to_dict(self) -> Any: ...
    def project(self) -> Any: ...
    def sensitivity(self) -> Any: ...
    def what_it_takes(
        self,
        targets: list[tuple[str, str, float | None, float | None]],
        assumption: str,
        range: tuple[float, float] | None = None,
    ) -> Any: ...

def capital_stock_columns(
    year: npt.NDArray[np.int32],
    investment: npt.NDArray[np.float64],
    depreciation: npt.NDArray[np.float64],
    *,
    timing: str = "end_of_year",
    initial_stock: float | None = None,
    window: int = 5,
    basis: str = "investment",
    output: npt.NDArray[np.float64] | None = None,
) -> dict[str, Any]: ...
def shift_share_columns(
    y0: npt.NDArray[np.float64],
    l0: npt.NDArray[np.float64],
    yt: npt.NDArray[np.float64],
    lt: npt.NDArray[np.float64],
    taxes: tuple[float, float] | None = None,
) -> dict[str, Any]: ...
def gead_columns(
    nominal0: npt.NDArray[np.float64],
    real0: npt.NDArray[np.float64],
    labour0: npt.NDArray[np.float64],
    aggregate_real0: float,
    nominal_t: npt.NDArray[np.float64],
    real_t: npt.NDArray[np.float64],
    labour_t: npt.NDArray[np.float64],
    aggregate_real_t: float,
) -> dict[str, Any]: ...
def regions_to_nation_rows(
    region: list[str],
    year: npt.NDArray[np.int32],
    output: npt.NDArray[np.float64],
    labour: npt.NDArray[np.float64],
) -> Any: ...
def domar_aggregate(
    sector_tfp_growth: npt.NDArray[np.float64],
    gross_output0: npt.NDArray[np.float64],
    gross_output_t: npt.NDArray[np.float64],
    value_added0: float,
    value_added_t: float,
) -> float: ...
def index_series_columns(
    prices: npt.NDArray[np.float64],
    quantities: npt.NDArray[np.float64],
    formula: str = "fisher",
    linking: str = "chained",
) -> dict[str, Any]: ...
def bilateral_index(
    p0: npt.NDArray[np.float64],
    q0: npt.NDArray[np.float64],
    p1: npt.NDArray[np.float64],
    q1: npt.NDArray[np.float64],
) -> Any: ...
def scenario_targets(
    plan: Plan, base_year: int, end_year: int
) -> list[tuple[str, str, float | None, float | None]]: ...
def consistency(plan: Plan, employment_growth: float, lang: str = "en") -> Any: ...
def realism(
    measure: str,
    required: float,
    years: int,
    own: tuple[str, list[int], list[float]] | None = None,
    lang: str = "en",
) -> Any: ...
def production_function_columns(
    firm: np.ndarray,
    year: np.ndarray,
    output: tuple[str, np.ndarray],
    free: list[tuple[str, np.ndarray]],
    state: list[tuple[str, np.ndarray]],
    proxy: tuple[str, np.ndarray] | None,
    *,
    method: str = "acf",
    exit: np.ndarray | None = None,
    controls: list[tuple[str, np.ndarray]] = ...,
    gross_output: bool = False,
    translog: bool = False,
    bootstrap: int = 199,
    seed: int = 0,
    in_logs: bool = False,
    first_stage_degree: int = 3,
    law_of_motion_degree: int = 3,
    selection: bool = False,
) -> dict[str, Any]: ...
def decomposition_columns(
    firm: np.ndarray,
    year: np.ndarray,
    productivity: np.ndarray,
    weight: np.ndarray,
    *,
    method: str = "op",
    start: int | None = None,
    end: int | None = None,
) -> dict[str, Any]: ...
