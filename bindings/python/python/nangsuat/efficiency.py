"""Data envelopment analysis (DEA) and the Malmquist productivity index.

The linear programmes are solved by the Rust core (``nangsuat::dea``,
``nangsuat::malmquist``) with the GIL released; inputs are 2-D float64 buffers borrowed
without a copy when they are C-contiguous (a DataFrame is stacked once).

References: Charnes, Cooper & Rhodes (1978); Banker, Charnes & Cooper (1984); Färe,
Grosskopf, Norris & Zhang (1994), *AER* 84(1); Ray & Desli (1997), *AER* 87(5); Coelli, Rao,
O'Donnell & Battese (2005), *An Introduction to Efficiency and Productivity Analysis*,
ch. 8–11; results as Coelli's DEAP 2.1 prints them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from . import _nangsuat as _native
from ._inputs import entity_codes, index_of, matrix, year_column
from .exceptions import InvalidParameterError, typed_errors

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.axes import Axes

Orientation = Literal["input", "output"]
ReturnsToScale = Literal["crs", "vrs", "nirs", "ndrs"]

#: Efficiency columns of a DEA result.
DEA_COLUMNS = ("efficiency", "technical", "pure_technical", "scale")
#: Index columns of a Malmquist result; every index above 1 means improvement.
MALMQUIST_COLUMNS = ("effch", "techch", "pech", "sech", "tfpch", "rts_techch", "rts_sech")
#: Distance-function columns: CRS and the model's returns to scale, technology × data period.
DISTANCE_COLUMNS = tuple(
    f"{rts}_d_{tech}_{data}" for rts in ("crs", "rts") for tech, data in
    (("t", "t"), ("t", "t1"), ("t1", "t"), ("t1", "t1"))
)


def _nullable(values: np.ndarray, defined: np.ndarray) -> Any:
    import pandas as pd

    return pd.arrays.FloatingArray(values, ~defined)


def _names(
    input_names: list[str] | None, output_names: list[str] | None, m: int, s: int
) -> tuple[list[str], list[str]]:
    return (
        input_names or [f"input_{i + 1}" for i in range(m)],
        output_names or [f"output_{r + 1}" for r in range(s)],
    )


class DeaResult:
    """Efficiency of every unit (rows aligned with the input).

    ``efficiency`` is under the model's returns to scale; ``technical`` (CRS),
    ``pure_technical`` (VRS) and ``scale`` (= technical / pure_technical) are always given, as
    is ``scale_region``: ``"irs"`` (too small), ``"-"`` (optimal scale) or ``"drs"`` (too
    large). Efficiencies lie in (0, 1]; 1 is on the frontier. Slacks are in the data's units.
    """

    def __init__(
        self,
        columns: dict[str, Any],
        orientation: str,
        rts: str,
        names: tuple[list[str], list[str]],
        index: Any,
    ) -> None:
        self._columns = columns
        self.orientation = orientation
        self.rts = rts
        self.input_names, self.output_names = names
        self._index = index

    def __len__(self) -> int:
        return len(self._columns["efficiency"])

    def __getitem__(self, name: str) -> np.ndarray:
        """A column by name (NaN exactly where ``<name>_defined`` is False)."""
        return np.asarray(self._columns[name])

    @property
    def efficiency(self) -> np.ndarray:
        """Efficiency under the model's returns to scale."""
        return self["efficiency"]

    @property
    def input_slacks(self) -> np.ndarray:
        """Input slacks, one row per unit."""
        return self["input_slacks"]

    @property
    def output_slacks(self) -> np.ndarray:
        """Output slacks, one row per unit."""
        return self["output_slacks"]

    def _label(self, row: int) -> Any:
        return self._index[row] if self._index is not None else row

    def peers(self, unit: int) -> list[tuple[Any, float]]:
        """Peers of the unit in row ``unit`` (by position) as ``(label, weight λ)``; labels
        are the input's index labels when it had one, else row positions."""
        offsets = self._columns["peer_offsets"]
        start, end = int(offsets[unit]), int(offsets[unit + 1])
        return [
            (self._label(int(p)), float(w))
            for p, w in zip(
                self._columns["peer_units"][start:end], self._columns["peer_weights"][start:end]
            )
        ]

    def peer_table(self) -> pd.DataFrame:
        """Every (unit, peer, weight) as a long DataFrame."""
        import pandas as pd

        offsets = self._columns["peer_offsets"]
        rows = np.repeat(np.arange(len(self)), np.diff(offsets))
        peers = self._columns["peer_units"]
        label = (lambda r: self._index[r]) if self._index is not None else (lambda r: r)
        return pd.DataFrame(
            {
                "unit": label(rows),
                "peer": label(peers),
                "weight": self._columns["peer_weights"],
            }
        )

    def targets(self) -> tuple[np.ndarray, np.ndarray]:
        """Input and output targets: the efficient point ``Σλ·x``, ``Σλ·y`` of every unit
        (the core's ``Efficiency::input_targets`` / ``output_targets``); rows of NaN where the
        efficiency is undefined."""
        return self._columns["input_targets"], self._columns["output_targets"]

    def to_dict(self) -> dict[str, Any]:
        """Every column (numpy), masks and peer arrays included."""
        return dict(self._columns)

    def to_pandas(self) -> pd.DataFrame:
        """Efficiencies, scale region and slacks (``slack_<variable>``) with the input's index;
        undefined values are ``<NA>``."""
        import pandas as pd

        data: dict[str, Any] = {
            name: _nullable(self._columns[name], self._columns[f"{name}_defined"])
            for name in DEA_COLUMNS
        }
        data["scale_region"] = self._columns["scale_region"]
        for i, name in enumerate(self.input_names):
            data[f"slack_{name}"] = self.input_slacks[:, i]
        for r, name in enumerate(self.output_names):
            data[f"slack_{name}"] = self.output_slacks[:, r]
        frame = pd.DataFrame(data, index=self._index)
        frame.attrs.update(orientation=self.orientation, rts=self.rts)
        return frame

    def __repr__(self) -> str:
        return f"<DeaResult {self.orientation} {self.rts}, {len(self)} units>"


@typed_errors
def dea(
    inputs: Any,
    outputs: Any,
    *,
    orientation: Orientation = "input",
    rts: ReturnsToScale = "crs",
    slacks: bool = True,
) -> DeaResult:
    """DEA efficiency of every unit against the frontier of all units.

    ``inputs`` and ``outputs`` hold one row per unit: DataFrames (columns name the
    variables), 2-D arrays, or 1-D arrays for a single variable. Input orientation shrinks
    inputs (θ); output orientation expands outputs (efficiency 1/φ). ``rts`` is ``"crs"``,
    ``"vrs"``, ``"nirs"`` or ``"ndrs"``. Data are scaled by their means before solving; slacks
    come from a second stage that maximises them with θ (φ) fixed.

    DEAP 2.1's first example (five firms, two inputs, one output):

    >>> r = dea([[2, 5], [2, 4], [6, 6], [3, 2], [6, 2]], [1, 2, 3, 1, 2])
    >>> [round(float(e), 3) for e in r.efficiency]
    [0.5, 1.0, 0.833, 0.714, 1.0]
    >>> r.peers(0)
    [(1, 0.5)]

    Raises:
        nangsuat.exceptions.NangsuatError: a subclass naming the variable, the row and the
            value (negative, NaN, a unit with no positive input or output, …).
    """
    x, input_names = matrix("inputs", inputs)
    y, output_names = matrix("outputs", outputs)
    names = _names(input_names, output_names, x.shape[1], y.shape[1])
    columns = _native.dea_columns(
        x, y, orientation=orientation, rts=rts, slacks=slacks, names=names
    )
    columns["scale_region"] = np.asarray(columns["scale_region"], dtype=object)
    return DeaResult(columns, orientation, rts, names, index_of(inputs, outputs))


class MalmquistResult:
    """The Malmquist index of a panel: one row per unit and pair of consecutive periods.

    Columns (every index above 1 means improvement): ``effch`` (technical efficiency change,
    CRS), ``techch`` (technical change, CRS), ``pech`` (pure efficiency change under ``rts``),
    ``sech`` (scale efficiency change, effch / pech), ``tfpch`` (effch × techch), and Ray–Desli's
    ``rts_techch`` and ``rts_sech`` (tfpch = pech × rts_techch × rts_sech), which need
    cross-period problems under ``rts`` and are ``<NA>`` where those are infeasible.
    Means are geometric, as DEAP prints them.
    """

    def __init__(
        self,
        columns: tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]],
        labels: list[str] | None,
        orientation: str,
        rts: str,
    ) -> None:
        self._rows, self._periods, self._units, overall = columns
        self._labels = labels
        self.orientation = orientation
        self.rts = rts
        self.overall: dict[str, float | None] = {
            name: float(overall[name][0]) if overall[f"{name}_defined"][0] else None
            for name in MALMQUIST_COLUMNS
        }
        """Geometric mean of the period means, by index (None if undefined)."""

    def __len__(self) -> int:
        return len(self._rows["unit"])

    def __getitem__(self, name: str) -> np.ndarray:
        """A column by name (NaN exactly where ``<name>_defined`` is False)."""
        if name == "unit":
            return self._unit_labels(self._rows["unit"])
        return np.asarray(self._rows[name])

    def _unit_labels(self, codes: np.ndarray) -> np.ndarray:
        if self._labels is None:
            return codes
        return np.asarray(self._labels, dtype=object)[codes]

    def to_dict(self) -> dict[str, np.ndarray]:
        """Every row column as numpy (units as labels), masks and distances included."""
        return {**self._rows, "unit": self["unit"]}

    def _frame(self, columns: dict[str, Any], names: tuple[str, ...], keys: list[str]) -> Any:
        import pandas as pd

        data: dict[str, Any] = {}
        for key in keys:
            data[key] = self._unit_labels(columns[key]) if key == "unit" else columns[key]
        for name in names:
            data[name] = _nullable(columns[name], columns[f"{name}_defined"])
        frame = pd.DataFrame(data)
        frame.attrs.update(
            orientation=self.orientation,
            rts=self.rts,
            interpretation="every index above 1 means improvement",
        )
        return frame

    def to_pandas(self) -> pd.DataFrame:
        """One row per unit and pair: ``unit``, ``period_from``, ``period_to`` and the
        indices (nullable ``Float64``)."""
        return self._frame(self._rows, MALMQUIST_COLUMNS, ["unit", "period_from", "period_to"])

    def distances(self) -> pd.DataFrame:
        """The distance functions behind each row (Farrell efficiencies): ``crs_d_t_t1`` is the
        period-t+1 data against the period-t CRS technology, ``rts_*`` under ``rts``."""
        return self._frame(self._rows, DISTANCE_COLUMNS, ["unit", "period_from", "period_to"])

    @property
    def period_means(self) -> pd.DataFrame:
        """Geometric means over units by pair of periods (DEAP's annual means), with ``count``."""
        frame = self._frame(self._periods, MALMQUIST_COLUMNS, ["period_from", "period_to"])
        frame["count"] = self._periods["count"]
        return frame

    @property
    def unit_means(self) -> pd.DataFrame:
        """Geometric means over pairs by unit (DEAP's firm means), with ``count``."""
        frame = self._frame(self._units, MALMQUIST_COLUMNS, ["unit"])
        frame["count"] = self._units["count"]
        return frame

    def plot(self, ax: Axes | None = None, *, title: str | None = None) -> Axes:
        """Cumulative TFP change and its parts (geometric period means, chained), matplotlib."""
        from .plot import plot_malmquist

        return plot_malmquist(self, ax=ax, title=title)

    def __repr__(self) -> str:
        return f"<MalmquistResult {self.orientation} {self.rts}, {len(self)} unit-pairs>"


@typed_errors
def malmquist(
    unit: Any,
    period: Any,
    inputs: Any,
    outputs: Any,
    *,
    orientation: Orientation = "output",
    rts: ReturnsToScale = "vrs",
) -> MalmquistResult:
    """The Malmquist productivity index of every unit between consecutive periods.

    ``unit`` and ``period`` label the rows of ``inputs`` and ``outputs`` (any order). The
    technology of a period is spanned by all units observed in it; a unit enters a pair of
    periods only if observed in both. Färe et al. (1994): ``tfpch = effch × techch`` under
    constant returns, ``effch = pech × sech`` with ``pech`` under ``rts``.

    One input, one output: the index is the change in the output/input ratio.

    >>> m = malmquist(["a", "b", "a", "b"], [2020, 2020, 2021, 2021],
    ...               [2.0, 4.0, 2.0, 4.0], [1.0, 4.0, 1.5, 6.0])
    >>> round(float(m["tfpch"][0]), 6), round(float(m["techch"][0]), 6)
    (1.5, 1.5)

    Raises:
        nangsuat.exceptions.NangsuatError: a subclass naming the unit, the period and the
            value; ``DuplicateYearError`` for a unit twice in one period.
    """
    x, input_names = matrix("inputs", inputs)
    y, output_names = matrix("outputs", outputs)
    codes, labels = entity_codes(unit)
    periods = year_column("period", period)
    names = _names(input_names, output_names, x.shape[1], y.shape[1])
    columns = _native.malmquist_columns(
        codes, periods, x, y, orientation=orientation, rts=rts, unit_labels=labels, names=names
    )
    return MalmquistResult(columns, labels, orientation, rts)


@typed_errors
def frontier_efficiency(
    frontier_inputs: Any,
    frontier_outputs: Any,
    inputs: Any,
    outputs: Any,
    *,
    orientation: Orientation = "output",
    rts: ReturnsToScale = "vrs",
) -> np.ma.MaskedArray:
    """Efficiency of each row of (``inputs``, ``outputs``) — a plan's target bundle, next
    year's units — against the frontier spanned by (``frontier_inputs``, ``frontier_outputs``).

    Points beyond best practice score above 1 (output orientation: the frontier would need
    ``1/score`` of their outputs). The result is a masked array: masked where the frontier has
    no point on a row's ray (under VRS, a point outside the units' range), never a bare NaN.

    >>> e = frontier_efficiency([2.0, 4.0, 3.0], [1.0, 2.0, 3.0], [3.0, 1.0], [4.5, 1.0],
    ...                         rts="crs")
    >>> round(float(e[0]), 6), bool(e.mask[1])
    (1.5, False)
    """
    fx, input_names = matrix("frontier_inputs", frontier_inputs)
    fy, output_names = matrix("frontier_outputs", frontier_outputs)
    x, _ = matrix("inputs", inputs)
    y, _ = matrix("outputs", outputs)
    if x.shape[1] != fx.shape[1] or y.shape[1] != fy.shape[1]:
        raise InvalidParameterError(
            f"the points have {x.shape[1]} inputs and {y.shape[1]} outputs where the "
            f"frontier's units have {fx.shape[1]} and {fy.shape[1]}"
        )
    names = _names(input_names, output_names, fx.shape[1], fy.shape[1])
    columns = _native.frontier_efficiency_columns(
        fx, fy, x, y, orientation=orientation, rts=rts, names=names
    )
    return np.ma.MaskedArray(columns["efficiency"], mask=~columns["efficiency_defined"])
