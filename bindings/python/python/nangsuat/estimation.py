"""Production functions estimated from firm panels (OLS, fixed effects, Olley–Pakes,
Levinsohn–Petrin, Ackerberg–Caves–Frazer, Wooldridge) and the decomposition of aggregate
productivity (Olley–Pakes static, Melitz–Polanec dynamic).

The estimation is the Rust core's (``nangsuat::estimation``) with the GIL released; columns are
borrowed without a copy when they are contiguous numpy arrays. Inputs are positive levels
(logs are taken) unless ``in_logs=True`` (prodest's convention: everything already in logs).

References: Olley & Pakes (1996), *Econometrica* 64(6); Levinsohn & Petrin (2003), *REStud*
70(2); Ackerberg, Caves & Frazer (2015), *Econometrica* 83(6); Wooldridge (2009), *Economics
Letters* 104(3); Melitz & Polanec (2015), *RAND JE* 46(2); conventions of prodest (Rovigatti &
Mollisi 2018, *Stata Journal* 18(3)).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, Sequence

import numpy as np

from . import _nangsuat as _native
from ._inputs import entity_codes, float_column, index_of, year_column
from .exceptions import InvalidParameterError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

Method = Literal["ols", "fe", "op", "lp", "acf", "wrdg"]

_METHOD_NAMES = {
    "ols": "pooled OLS",
    "fe": "fixed effects (within)",
    "op": "Olley–Pakes (1996)",
    "lp": "Levinsohn–Petrin (2003)",
    "acf": "Ackerberg–Caves–Frazer (2015)",
    "wrdg": "Wooldridge (2009)",
}


def _column(data: Any, value: Any, default_name: str) -> tuple[str, Any]:
    """(name, values) of one variable: a column name of ``data`` or an array-like."""
    if isinstance(value, str):
        if data is None:
            raise InvalidParameterError(
                f"`{value}` is a column name but no `data` DataFrame was given"
            )
        if value not in data:
            raise InvalidParameterError(f"`data` has no column `{value}`")
        return value, data[value]
    name = getattr(value, "name", None)
    return (str(name) if name is not None else default_name), value


def _columns(data: Any, values: Any, role: str) -> list[tuple[str, Any]]:
    """One or several variables (a list of names/arrays, a DataFrame, or one array-like)."""
    if values is None:
        return []
    if isinstance(values, str):
        return [_column(data, values, role)]
    columns = getattr(values, "columns", None)
    if columns is not None and hasattr(values, "to_numpy"):
        return [(str(c), values[c]) for c in columns]
    if isinstance(values, (list, tuple)) and values and (
        isinstance(values[0], str) or np.ndim(values[0]) == 1
    ):
        return [_column(data, v, f"{role}_{i + 1}") for i, v in enumerate(values)]
    return [_column(data, values, role)]


class ProductionFunctionResult:
    """An estimated production function.

    ``coefficients`` and ``std_errors`` are pandas Series named after the terms (the free and
    state inputs; translog squares ``l^2`` and products ``l*k``). ``tfp`` is log TFP
    ``y − Σ β x`` for every input row (aligned with the input's index), ``<NA>`` where the row
    could not be used (see ``row_status``). ``elasticities`` holds each input's output
    elasticity at every row, ``returns_to_scale`` their sum.
    """

    def __init__(self, columns: dict[str, Any], index: Any) -> None:
        self._c = columns
        self._index = index
        self.method: str = columns["method"]
        self.names: list[str] = list(columns["names"])
        self.std_error_source: str = columns["std_error_source"]
        self.observations: int = columns["observations"]
        self.dynamic_observations: int = columns["dynamic_observations"]
        self.firms: int = columns["firms"]
        self.one_year_firms: list[int] = list(columns["one_year_firms"])
        self.row_status: list[str] = list(columns["row_status"])
        self.starts: list[dict[str, Any]] = list(columns.get("starts", []))
        self.winner: str | None = columns.get("winner")
        # The distinct points where the starts ended (estimate, objective, names of the starts);
        # the winner is chosen among them by the rule in the README ("Firm productivity").
        self.roots: list[dict[str, Any]] = list(columns.get("roots", []))

    def _series(self, values: Any, name: str) -> pd.Series:
        import pandas as pd

        return pd.Series(values, index=pd.Index(self.names, name="term"), name=name)

    @property
    def coefficients(self) -> pd.Series:
        """Coefficients of the production terms."""
        return self._series(self._c["coefficients"], "coefficient")

    @property
    def std_errors(self) -> pd.Series | None:
        """Standard errors (firm bootstrap, or analytic GMM for Wooldridge), or None."""
        se = self._c["std_errors"]
        return None if se is None else self._series(se, "std_error")

    @property
    def covariance(self) -> pd.DataFrame | None:
        """Covariance of the coefficients (bootstrap or analytic), terms × terms, or None."""
        import pandas as pd

        c = self._c["covariance"]
        if c is None:
            return None
        p = len(self.names)
        return pd.DataFrame(np.asarray(c).reshape(p, p), index=self.names, columns=self.names)

    @property
    def bootstrap_draws(self) -> pd.DataFrame:
        """The coefficients of each successful bootstrap replication, in replication order
        (one row each; no rows without a bootstrap)."""
        import pandas as pd

        d = np.asarray(self._c["bootstrap_draws"])
        return pd.DataFrame(d.reshape(-1, len(self.names)), columns=self.names)

    @property
    def controls(self) -> pd.Series:
        """Coefficients of the controls."""
        import pandas as pd

        return pd.Series(
            self._c["control_coefficients"], index=list(self._c["control_names"]), dtype=float
        )

    def _row_series(self, values: np.ndarray, defined: np.ndarray, name: str) -> pd.Series:
        import pandas as pd

        return pd.Series(
            pd.arrays.FloatingArray(values, ~defined), index=self._index, name=name
        )

    @property
    def tfp(self) -> pd.Series:
        """Log TFP of every input row; ``<NA>`` where the row was not used."""
        return self._row_series(self._c["tfp"], self._c["tfp_defined"], "tfp")

    @property
    def elasticities(self) -> pd.DataFrame:
        """Output elasticity of each input at each row (constant for Cobb–Douglas)."""
        import pandas as pd

        defined = self._c["tfp_defined"]
        return pd.DataFrame(
            {
                name: pd.arrays.FloatingArray(v, ~defined)
                for name, v in self._c["elasticities"].items()
            },
            index=self._index,
        )

    @property
    def returns_to_scale(self) -> pd.Series:
        """Sum of the elasticities at each row."""
        return self._row_series(
            self._c["returns_to_scale"], self._c["tfp_defined"], "returns_to_scale"
        )

    def to_pandas(self) -> pd.DataFrame:
        """One row per input row: tfp, elasticities, returns to scale and row status."""
        frame = self.elasticities.add_prefix("elasticity_")
        frame.insert(0, "tfp", self.tfp)
        frame["returns_to_scale"] = self.returns_to_scale
        frame["row_status"] = self.row_status
        return frame

    def summary(self) -> str:
        """A printed table of the estimates (English and Vietnamese headings)."""
        lines = [
            f"Production function / Hàm sản xuất: {_METHOD_NAMES.get(self.method, self.method)}",
            f"Firm-years / Quan sát: {self.observations} "
            f"(dynamic / có năm trước: {self.dynamic_observations}), "
            f"firms / doanh nghiệp: {self.firms}",
            f"Standard errors / Sai số chuẩn: {self.std_error_source}",
            "",
            f"{'term / biến':<16}{'coef / hệ số':>14}{'s.e.':>12}",
        ]
        se = self._c["std_errors"]
        for i, name in enumerate(self.names):
            s = f"{se[i]:>12.4f}" if se is not None else f"{'—':>12}"
            lines.append(f"{name:<16}{self._c['coefficients'][i]:>14.4f}{s}")
        if self.starts:
            lines.append("")
            lines.append("GMM starts / Điểm xuất phát:")
            for start in self.starts:
                mark = "*" if start["start"] == self.winner else " "
                lines.append(
                    f" {mark} {start['start']:<8} objective {start['objective']:.3e}  "
                    f"{'converged' if start['converged'] else 'NOT converged'} "
                    f"({start['iterations']} iterations, {start['search']})"
                )
        excluded = sum(1 for s in self.row_status if not s.startswith("used"))
        if excluded:
            lines.append(f"Rows excluded / Dòng bị loại: {excluded} (see row_status)")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.summary()


def production_function(
    firm: Any,
    year: Any,
    output: Any,
    free: Any,
    state: Any,
    proxy: Any = None,
    *,
    method: Method = "acf",
    exit: Any = None,
    controls: Any = None,
    gross_output: bool = False,
    translog: bool = False,
    bootstrap: int = 199,
    seed: int = 0,
    data: Any = None,
    in_logs: bool = False,
    first_stage_degree: int = 3,
    law_of_motion_degree: int = 3,
    selection: bool | None = None,
    client: Any = None,
) -> ProductionFunctionResult:
    """Estimates a production function on a firm × year panel.

    ``firm``, ``year``, ``output``, ``free`` (labour; one or several), ``state`` (capital),
    ``proxy`` (investment for ``op``, intermediate inputs otherwise), ``exit`` (True in a
    firm's last year) and ``controls`` are array-likes, or column names of ``data``.
    ``method`` is ``"ols"``, ``"fe"``, ``"op"``, ``"lp"``, ``"acf"`` or ``"wrdg"``. With
    ``exit`` and ``method="op"`` the survival correction is used unless ``selection=False``.
    ``bootstrap`` replications of the firm-level bootstrap give the standard errors
    (Wooldridge keeps its analytic GMM errors); the same ``seed`` gives the same errors.
    With ``client`` (a ``distributed.Client``) the replications run on the cluster's
    workers, in parts (the panel is sent to each worker once); replication ``b`` draws from
    its own generator seeded by ``(seed, b)``, so the result equals the in-memory call's to
    the bit. The full-sample fit runs in this process.

    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> firm = np.repeat(np.arange(50), 4); year = np.tile(np.arange(2015, 2019), 50)
    >>> l, k = rng.normal(1, 0.3, 200), rng.normal(2, 0.5, 200)
    >>> y = 0.6 * l + 0.3 * k + rng.normal(0, 0.1, 200)
    >>> r = production_function(firm, year, y, l, k, method="ols", in_logs=True, bootstrap=0)
    >>> round(float(r.coefficients.iloc[0]), 1)
    0.6
    """
    firm_raw = firm if not isinstance(firm, str) else _column(data, firm, "firm")[1]
    year_raw = year if not isinstance(year, str) else _column(data, year, "year")[1]
    index = index_of(firm_raw, year_raw, data if data is not None else None)
    codes, _labels = entity_codes(firm_raw)
    years = year_column("year", year_raw)
    out_name, out_values = _column(data, output, "output")
    as_float = lambda cols: [(n, float_column(n, v)) for n, v in cols]  # noqa: E731
    free_cols = as_float(_columns(data, free, "free"))
    state_cols = as_float(_columns(data, state, "state"))
    proxy_col = None
    if proxy is not None:
        name, values = _column(data, proxy, "proxy")
        proxy_col = (name, float_column(name, values))
    exit_arr = None
    if exit is not None:
        exit_values = _column(data, exit, "exit")[1] if isinstance(exit, str) else exit
        exit_arr = np.ascontiguousarray(np.asarray(exit_values, dtype=bool))
    if selection is None:
        selection = exit_arr is not None and method == "op"
    args = (
        codes,
        years,
        (out_name, float_column(out_name, out_values)),
        free_cols,
        state_cols,
        proxy_col,
    )
    options: dict[str, Any] = dict(
        method=method,
        exit=exit_arr,
        controls=as_float(_columns(data, controls, "control")),
        gross_output=gross_output,
        translog=translog,
        bootstrap=bootstrap,
        seed=seed,
        in_logs=in_logs,
        first_stage_degree=first_stage_degree,
        law_of_motion_degree=law_of_motion_degree,
        selection=selection,
    )
    draws = None
    if client is not None and bootstrap > 0:
        draws = _bootstrap_on_cluster(client, args, options, bootstrap)
    columns = _native.production_function_columns(*args, **options, draws=draws)
    return ProductionFunctionResult(columns, index)


def _bootstrap_part(
    call: tuple[tuple[Any, ...], dict[str, Any]], start: int, end: int
) -> list[list[float] | None]:
    """Bootstrap replications ``start .. end`` of a production-function call (on a worker)."""
    args, options = _aligned(call)
    draws: list[list[float] | None] = _native.production_function_columns(
        *args, **options, replications=(start, end)
    )["draws"]
    return draws


def _aligned(value: Any) -> Any:
    """``value`` with every numpy array in it contiguous and aligned: arrays that crossed the
    network come back as views of the message's bytes, which need not be aligned."""
    if isinstance(value, np.ndarray):
        return np.require(value, requirements=["C", "A"])
    if isinstance(value, (list, tuple)):
        return type(value)(_aligned(v) for v in value)
    if isinstance(value, dict):
        return {k: _aligned(v) for k, v in value.items()}
    return value


def _bootstrap_on_cluster(
    client: Any, args: tuple[Any, ...], options: dict[str, Any], replications: int
) -> list[list[float] | None]:
    """The draws of every replication, computed in parts on the workers of ``client``."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    # A few parts per worker, so a slow part does not hold up the others.
    parts = min(replications, 4 * workers)
    bounds = [replications * i // parts for i in range(parts + 1)]
    call = client.scatter((args, options), broadcast=True)
    futures = [
        client.submit(_bootstrap_part, call, a, b, pure=False)
        for a, b in zip(bounds, bounds[1:])
    ]
    return [d for part in client.gather(futures) for d in part]


def productivity_decomposition(
    firm: Any,
    year: Any,
    productivity: Any,
    weight: Any,
    *,
    method: Literal["op", "mp"] = "op",
    start: int | None = None,
    end: int | None = None,
    data: Any = None,
) -> pd.DataFrame:
    """Decomposes share-weighted aggregate productivity.

    ``method="op"``: Olley–Pakes by year, ``aggregate = mean + covariance``.
    ``method="mp"``: Melitz–Polanec between ``start`` and ``end`` (or every pair of
    consecutive years when both are None), ``total = survivors_within +
    survivors_reallocation + entrants + exiters``. ``weight`` (output or employment) is turned
    into shares within each year; ``productivity`` is in logs (e.g. ``result.tfp``).

    >>> d = productivity_decomposition([1, 2], [2020, 2020], [1.0, 2.0], [1.0, 3.0])
    >>> round(float(d["aggregate"].iloc[0]), 12), round(float(d["covariance"].iloc[0]), 12)
    (1.75, 0.25)
    """
    import pandas as pd

    firm_raw = _column(data, firm, "firm")[1] if isinstance(firm, str) else firm
    year_raw = _column(data, year, "year")[1] if isinstance(year, str) else year
    prod = _column(data, productivity, "productivity")[1]
    w = _column(data, weight, "weight")[1]
    codes, _labels = entity_codes(firm_raw)
    columns = _native.decomposition_columns(
        codes,
        year_column("year", year_raw),
        float_column("productivity", prod),
        float_column("weight", w),
        method=method,
        start=start,
        end=end,
    )
    return pd.DataFrame(columns)


__all__: Sequence[str] = [
    "ProductionFunctionResult",
    "production_function",
    "productivity_decomposition",
]
