"""Type stubs of the compiled module (checked against it by ``python -m mypy.stubtest``)."""

import os
from collections.abc import Sequence
from typing import Any, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "__version__",
    "decomposition_columns",
    "production_function_columns",
    "read_table_columns",
    "Accounting",
    "PeriodSummary",
    "Progress",
    "GoalRow",
    "Plan",
    "Finding",
    "Goal",
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
    "Projection",
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
    def period(self, start: int, end: int) -> PeriodSummary: ...
    def summary(self) -> PeriodSummary | None: ...
    def provenance(self) -> dict[str, Any]: ...
    def __len__(self) -> int: ...

@final
class PeriodSummary:
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def cumulative_output_growth(self) -> float | None: ...
    @property
    def cumulative_tfp_growth(self) -> float | None: ...
    @property
    def average_output_growth(self) -> float | None: ...
    @property
    def average_tfp_growth(self) -> float | None: ...
    @property
    def mean_capital_contribution(self) -> float | None: ...
    @property
    def mean_labour_contribution(self) -> float | None: ...
    @property
    def mean_labour_quality_contribution(self) -> float | None: ...
    @property
    def mean_tfp_growth(self) -> float | None: ...
    @property
    def tfp_share_of_cumulative_growth(self) -> float | None: ...
    @property
    def tfp_share_undefined_reason(self) -> str | None: ...
    @property
    def mean_of_annual_tfp_shares(self) -> float | None: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class Progress:
    @property
    def method(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def reason(self) -> str: ...
    def reason_in(self, lang: str = "en") -> str: ...
    @property
    def fact(self) -> dict[str, Any]: ...
    @property
    def ratio(self) -> float | None: ...
    @property
    def score(self) -> float | None: ...
    @property
    def projected(self) -> float | None: ...
    @property
    def achieved_growth(self) -> float | None: ...
    @property
    def required_growth(self) -> float | None: ...
    @property
    def remaining_growth(self) -> float | None: ...
    @property
    def baseline(self) -> tuple[int, float]: ...
    @property
    def current(self) -> tuple[int, float] | None: ...
    @property
    def target(self) -> tuple[int, float] | None: ...
    @property
    def warnings(self) -> tuple[str, ...]: ...
    def to_dict(self) -> dict[str, Any]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class GoalRow:
    @property
    def plan(self) -> str: ...
    @property
    def goal(self) -> str: ...
    @property
    def indicator(self) -> str: ...
    @property
    def indicator_en(self) -> str: ...
    @property
    def scope(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def period_start(self) -> int | None: ...
    @property
    def period_end(self) -> int: ...
    @property
    def status(self) -> str: ...
    @property
    def current(self) -> float | None: ...
    @property
    def ratio(self) -> float | None: ...
    @property
    def score(self) -> float | None: ...
    @property
    def reason(self) -> str: ...
    @property
    def needed(self) -> str | None: ...
    @property
    def source_text(self) -> str | None: ...

@final
class Finding:
    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def plan(self) -> str: ...
    @property
    def goal(self) -> str | None: ...
    @property
    def task(self) -> str | None: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class Projection:
    @property
    def years(self) -> npt.NDArray[np.int32]: ...
    @property
    def gdp(self) -> npt.NDArray[np.float64]: ...
    @property
    def capital(self) -> npt.NDArray[np.float64]: ...
    @property
    def employment(self) -> npt.NDArray[np.float64]: ...
    @property
    def gdp_growth(self) -> float: ...
    @property
    def lp_growth(self) -> float: ...
    @property
    def capital_growth(self) -> float: ...
    @property
    def tfp_share(self) -> float | None: ...

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
    def validate(self) -> list[Finding]: ...
    @property
    def id(self) -> str: ...
    @property
    def title_vi(self) -> str: ...
    @property
    def title_en(self) -> str | None: ...
    @property
    def territory(self) -> str: ...
    @property
    def period(self) -> tuple[int, int]: ...
    @property
    def parent(self) -> str | None: ...
    @property
    def goals(self) -> list[Goal]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class Goal:
    @property
    def id(self) -> str: ...
    @property
    def indicator(self) -> str: ...
    @property
    def target(self) -> dict[str, Any]: ...
    @property
    def comparator(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def scope(self) -> dict[str, str]: ...
    @property
    def horizon(self) -> dict[str, int] | None: ...
    @property
    def baseline(self) -> dict[str, Any] | None: ...
    @property
    def source_text(self) -> str | None: ...
    @property
    def legal_basis(self) -> tuple[str, ...]: ...
    @property
    def source(self) -> str | None: ...
    @property
    def note(self) -> str | None: ...
    def to_dict(self) -> dict[str, Any]: ...
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
    def columns(self) -> dict[str, Any]: ...
    @staticmethod
    def from_tables(
        paths: Sequence[str | os.PathLike[str]], mapping: str | os.PathLike[str]
    ) -> tuple[Observations, list[dict[str, Any]]]: ...
    def to_csv(self) -> str: ...
    def rows(self) -> list[dict[str, Any]]: ...
    def __len__(self) -> int: ...

@final
class Report:
    def to_markdown(self, lang: str = "vi") -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_html(self, lang: str = "vi") -> str: ...
    def to_xlsx(self, path: str | os.PathLike[str], lang: str = "vi") -> None: ...
    def goal_rows(self, lang: str = "en") -> list[GoalRow]: ...
    def status_counts(self) -> list[tuple[str, int]]: ...

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
def validate_plan_set(plans: list[Plan]) -> list[Finding]: ...
def progress(
    baseline: tuple[int, float],
    observations: list[tuple[int, float]],
    target: tuple[int, float] | None = None,
    *,
    higher_is_better: bool = True,
    method: str = "statcan",
    natural_limit: float | None = None,
) -> Progress: ...
def assess(
    plans: list[Plan],
    observations: Observations,
    *,
    method: str = "statcan",
    about_tolerance: float = 0.05,
    accounting: tuple[str, list[int], list[float], list[float], list[float], float] | None = None,
    population: tuple[str, list[tuple[int, float]]] | None = None,
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
    def project(self) -> Projection: ...
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
    replications: tuple[int, int] | None = None,
    draws: list[list[float] | None] | None = None,
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
