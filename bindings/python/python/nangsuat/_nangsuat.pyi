"""Type stubs of the compiled module (checked against it by ``python -m mypy.stubtest``)."""

import os
from typing import Any, final

import numpy as np
import numpy.typing as npt

__all__ = [
    "__version__",
    "Accounting",
    "Plan",
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
class Observations:
    @staticmethod
    def vietnam() -> Observations: ...
    @staticmethod
    def from_csv(text: str) -> Observations: ...
    def rows(self) -> list[dict[str, Any]]: ...
    def __len__(self) -> int: ...

@final
class Report:
    def to_markdown(self, lang: str = "vi") -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...

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
