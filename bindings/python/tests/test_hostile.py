"""Hostile inputs, one row per input class and public function.

Every row is a call that must end in a typed :class:`nangsuat.NangsuatError` subclass with its
context (or, where a row says so, a defined result). The table is checked against the package's
public callables: a new public function cannot be added without its rows here.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

import nangsuat as ns
from nangsuat import exceptions as ex

Y2 = [2020, 2021]
OK = dict(year=Y2, output=[100.0, 107.0], capital=[300.0, 321.0], labour=[50.0, 51.0])
X = np.array([[2.0, 5.0], [2.0, 4.0], [3.0, 3.0], [4.0, 2.0], [6.0, 2.0]])
Q = np.ones((5, 1))
PLAN_TOML = next(p for p in ns.builtin_plans() if p.id == "th-st-tasks-2020").to_toml()
PLAN_JSON = next(p for p in ns.builtin_plans() if p.id == "th-st-tasks-2020").to_json()
PWT_COLUMNS = ["countrycode", "year", "rgdpna", "rkna", "emp", "avh", "hc", "labsh", "cgdpo", "ck"]
HEADER = "scope,indicator,year,value,unit,note,source_url,evidence\n"


def accounting(**changes: Any) -> Any:
    args = {**OK, **changes}
    return ns.growth_accounting(
        args["year"], args["output"], args["capital"], args["labour"],
        labour_share=changes.get("labour_share", 0.6),
    )


def panel(**changes: Any) -> Any:
    args = {"entity": ["a", "a"], **OK, **changes}
    return ns.growth_accounting_panel(
        args["entity"], args["year"], args["output"], args["capital"], args["labour"],
        labour_share=changes.get("labour_share", 0.6),
    )


def write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


# (public callable, input class, call taking a temporary folder, expected error class)
Row = tuple[str, str, Callable[[Path], Any], type[BaseException]]
MAPPING = (b'schema_version = 1\nid = "t"\nsource = { citation = "c", evidence = "confirmed" }\n'
           b'territory = { scope = "viet_nam" }\n[[series]]\nindicator = "employed_persons"\n'
           b'unit = "thousand_persons"\n')

TABLE: list[Row] = [
    # growth_accounting
    ("growth_accounting", "non-finite", lambda t: accounting(output=[1.0, np.inf]), ex.NonFiniteError),
    ("growth_accounting", "non-positive under a log", lambda t: accounting(capital=[300.0, 0.0]), ex.NonPositiveError),
    ("growth_accounting", "length mismatch", lambda t: accounting(output=[1.0]), ex.LengthMismatchError),
    ("growth_accounting", "duplicate years", lambda t: accounting(year=[2020, 2020]), ex.DuplicateYearError),
    ("growth_accounting", "gap", lambda t: accounting(year=[2020, 2022]), ex.MissingYearError),
    ("growth_accounting", "complex values", lambda t: accounting(output=np.array([1 + 1j, 2 + 0j])), ex.InvalidParameterError),
    ("growth_accounting", "booleans", lambda t: accounting(output=np.array([True, True])), ex.InvalidParameterError),
    ("growth_accounting", "dates", lambda t: accounting(output=np.array(["2020-01-01", "2021-01-01"], dtype="datetime64[D]")), ex.InvalidParameterError),
    ("growth_accounting", "text", lambda t: accounting(output=["100", "107"]), ex.InvalidParameterError),
    ("growth_accounting", "text share", lambda t: accounting(labour_share="0.6"), ex.InvalidParameterError),
    ("growth_accounting", "boolean share", lambda t: accounting(labour_share=True), ex.InvalidParameterError),
    ("growth_accounting", "fractional years", lambda t: accounting(year=[2020.5, 2021.5]), ex.InvalidParameterError),
    ("growth_accounting", "years beyond 32 bits", lambda t: accounting(year=[2**40, 2**40 + 1]), ex.InvalidParameterError),
    ("growth_accounting", "dates as years", lambda t: accounting(year=np.array(["2020", "2021"], dtype="datetime64[Y]")), ex.InvalidParameterError),
    ("growth_accounting", "None", lambda t: accounting(output=None), ex.InvalidTypeError),
    ("growth_accounting", "a single value", lambda t: accounting(output=5.0), ex.InvalidParameterError),
    ("growth_accounting", "two-dimensional", lambda t: accounting(output=[[1.0, 2.0]]), ex.InvalidParameterError),
    # growth_accounting_panel
    ("growth_accounting_panel", "missing entity label", lambda t: panel(entity=["a", None]), ex.InvalidParameterError),
    ("growth_accounting_panel", "NaN entity label", lambda t: panel(entity=np.array(["a", np.nan], dtype=object)), ex.InvalidParameterError),
    ("growth_accounting_panel", "float entities", lambda t: panel(entity=[1.0, 1.0]), ex.InvalidParameterError),
    ("growth_accounting_panel", "duplicates", lambda t: panel(year=[2020, 2020]), ex.DuplicateYearError),
    ("growth_accounting_panel", "non-positive", lambda t: panel(labour=[50.0, -1.0]), ex.NonPositiveError),
    ("growth_accounting_panel", "complex", lambda t: panel(capital=np.array([1j, 1j])), ex.InvalidParameterError),
    # pwt_tfp
    ("pwt_tfp", "a dict, not a frame", lambda t: ns.pwt_tfp({"countrycode": ["USA"]}), ex.InvalidTypeError),
    ("pwt_tfp", "None", lambda t: ns.pwt_tfp(None), ex.InvalidTypeError),
    # dea
    ("dea", "negative data", lambda t: ns.dea(-X, Q), ex.NangsuatError),
    ("dea", "non-finite", lambda t: ns.dea(np.where(X == 2.0, np.nan, X), Q), ex.NonFiniteError),
    ("dea", "row mismatch", lambda t: ns.dea(X, np.ones((4, 1))), ex.LengthMismatchError),
    ("dea", "complex", lambda t: ns.dea(X.astype(complex), Q), ex.InvalidParameterError),
    ("dea", "unknown orientation", lambda t: ns.dea(X, Q, orientation="sideways"), ex.InvalidParameterError),
    # frontier_efficiency
    ("frontier_efficiency", "variable-count mismatch", lambda t: ns.frontier_efficiency(X, Q, np.ones((1, 3)), np.ones((1, 1))), ex.InvalidParameterError),
    ("frontier_efficiency", "text", lambda t: ns.frontier_efficiency(X, Q, [["a", "b"]], [[1.0]]), ex.InvalidParameterError),
    # malmquist
    ("malmquist", "length mismatch", lambda t: ns.malmquist([1, 1], [1], X[:2], Q[:2]), ex.LengthMismatchError),
    ("malmquist", "missing unit label", lambda t: ns.malmquist(["a", None], [1, 1], X[:2], Q[:2]), ex.InvalidParameterError),
    # Plan
    ("Plan.from_toml", "None", lambda t: ns.Plan.from_toml(None), ex.InvalidTypeError),
    ("Plan.from_toml", "bytes", lambda t: ns.Plan.from_toml(PLAN_TOML.encode()), ex.InvalidTypeError),
    ("Plan.from_toml", "non-finite baseline", lambda t: ns.Plan.from_toml(PLAN_TOML + "\n[[budget]]\ndescription = \"x\"\nbudget = { amount = nan, currency = \"VND\" }\n"), ex.ParseError),
    ("Plan.from_toml", "lone surrogate", lambda t: ns.Plan.from_toml(PLAN_TOML + "# \ud800\n"), ex.InvalidParameterError),
    ("Plan.from_json", "trailing content", lambda t: ns.Plan.from_json(PLAN_JSON + " garbage {"), ex.ParseError),
    ("Plan.from_json", "two plans", lambda t: ns.Plan.from_json(PLAN_JSON + PLAN_JSON), ex.ParseError),
    ("Plan.from_json", "None", lambda t: ns.Plan.from_json(None), ex.InvalidTypeError),
    ("Plan.load", "missing file", lambda t: ns.Plan.load(t / "absent.toml"), ex.NangsuatIOError),
    ("Plan.load", "legacy encoding", lambda t: ns.Plan.load(write(t, "p.toml", PLAN_TOML.replace("Thanh Hóa", "Thanh H\x00a").encode().replace(b"\x00", b"\xf3"))), ex.ParseError),
    ("Plan.load", "None", lambda t: ns.Plan.load(None), ex.InvalidTypeError),
    ("PlanDocument.from_toml", "None", lambda t: ns.PlanDocument.from_toml(None), ex.InvalidTypeError),
    ("PlanDocument.from_toml", "non-finite budget", lambda t: ns.PlanDocument.from_toml(PLAN_TOML + "\n[[budget]]\ndescription = \"x\"\nbudget = { amount = inf, currency = \"VND\" }\n"), ex.ParseError),
    ("PlanDocument.load", "missing file", lambda t: ns.PlanDocument.load(t / "absent.toml"), ex.NangsuatIOError),
    ("PlanDocument.load", "a JSON plan", lambda t: ns.PlanDocument.load(write(t, "p.json", PLAN_JSON.encode())), ex.InvalidParameterError),
    # Observations
    ("Observations.from_csv", "bad header", lambda t: ns.Observations.from_csv("a,b\n1,2\n"), ex.ParseError),
    ("Observations.from_csv", "non-finite value", lambda t: ns.Observations.from_csv(HEADER + "x,y,2020,nan,u,,,confirmed\n"), ex.ParseError),
    ("Observations.from_csv", "None", lambda t: ns.Observations.from_csv(None), ex.InvalidTypeError),
    ("Observations.read_csv", "missing file", lambda t: ns.Observations.read_csv(t / "absent.csv"), ex.NangsuatIOError),
    ("Observations.read_csv", "legacy encoding", lambda t: ns.Observations.read_csv(write(t, "o.csv", (HEADER + "H\x00 N\x00i,y,2020,1,u,,,confirmed\n").encode().replace(b"\x00", b"\xe0"))), ex.ParseError),
    ("Observations.vietnam", "an argument", lambda t: ns.Observations.vietnam(1), ex.InvalidTypeError),
    ("Observations.from_frame", "a dict, not a frame", lambda t: ns.Observations.from_frame({"scope": []}), ex.InvalidTypeError),
    # monitoring
    ("progress", "fractional year", lambda t: ns.progress((2020.5, 1.0), (2023, 2.0), (2030, 3.0)), ex.InvalidParameterError),
    ("progress", "text value", lambda t: ns.progress((2020, "1.0"), (2023, 2.0), (2030, 3.0)), ex.InvalidParameterError),
    ("progress", "boolean year", lambda t: ns.progress((True, 1.0), (2023, 2.0), (2030, 3.0)), ex.InvalidParameterError),
    ("progress", "not a pair", lambda t: ns.progress(2020, (2023, 2.0), (2030, 3.0)), ex.InvalidParameterError),
    ("assess", "None in the plans", lambda t: ns.assess([None]), ex.InvalidTypeError),
    ("assess", "missing observations file", lambda t: ns.assess(ns.builtin_plans(), t / "absent.csv"), ex.NangsuatIOError),
    ("validate", "None in the plans", lambda t: ns.validate([None]), ex.InvalidTypeError),
    ("builtin_plans", "an argument", lambda t: ns.builtin_plans(1), ex.InvalidTypeError),
    ("vietnam_report", "an argument", lambda t: ns.vietnam_report(1), ex.InvalidTypeError),
    # derived indicators and territories (issue 14)
    ("labour_productivity", "None", lambda t: ns.labour_productivity(None, None, None, None), ex.NangsuatError),
    ("labour_productivity_growth", "None", lambda t: ns.labour_productivity_growth(None, None, None), ex.NangsuatError),
    ("growth", "None", lambda t: ns.growth(None, None, None), ex.NangsuatError),
    ("per_10000", "None", lambda t: ns.per_10000(None, None, None, None), ex.NangsuatError),
    ("provincial_tfp", "None", lambda t: ns.provincial_tfp(None, None, None, None), ex.NangsuatError),
    ("match_territories", "an unknown name", lambda t: ns.match_territories(["Xyzzy Province"]), ex.NangsuatError),
    ("territory_catalogue", "an argument", lambda t: ns.territory_catalogue(1), ex.InvalidTypeError),
    # published tables (issue 14)
    ("Observations.from_tables", "missing table", lambda t: ns.Observations.from_tables(t / "absent.px", write(t, "m.toml", MAPPING)), ex.NangsuatIOError),
    ("Observations.from_tables", "missing mapping", lambda t: ns.Observations.from_tables(t / "absent.px", t / "absent.toml"), ex.NangsuatIOError),
    ("Observations.from_tables", "unknown mapping key", lambda t: ns.Observations.from_tables(t / "absent.px", write(t, "m.toml", MAPPING + b"colour = 1\n")), ex.ParseError),
    ("Observations.from_tables", "mapping not UTF-8", lambda t: ns.Observations.from_tables(t / "absent.px", write(t, "m.toml", MAPPING.replace(b"c", b"\xe0"))), ex.ParseError),
    ("Observations.from_tables", "None", lambda t: ns.Observations.from_tables(None, None), ex.InvalidTypeError),
    ("read_table", "missing file", lambda t: ns.read_table(t / "absent.px"), ex.NangsuatIOError),
    ("read_table", "not a table", lambda t: ns.read_table(write(t, "x.px", b"\x00\xff garbage;")), ex.NangsuatError),
    ("read_table", "None", lambda t: ns.read_table(None), ex.InvalidTypeError),
    # stochastic frontiers (issue 19)
    ("sfa", "complex", lambda t: ns.sfa(np.array([1j, 2j, 3j]), np.ones((3, 1))), ex.InvalidParameterError),
    ("sfa", "None", lambda t: ns.sfa(None, None), ex.NangsuatError),
    ("sfa_example_path", "an argument", lambda t: ns.sfa_example_path(1), ex.InvalidTypeError),
    # production functions (issue 20)
    ("production_function", "None", lambda t: ns.production_function(None, None, None, None, None, None), ex.NangsuatError),
    ("productivity_decomposition", "None", lambda t: ns.productivity_decomposition(None, None, None, None), ex.NangsuatError),
    # capital, structure, index numbers, scenarios (issue 16)
    ("capital_stock", "None", lambda t: ns.capital_stock(None, None), ex.NangsuatError),
    ("consistency", "None", lambda t: ns.consistency(None), ex.InvalidTypeError),
    ("realism", "None", lambda t: ns.realism(None), ex.NangsuatError),
    ("Scenario.vietnam_2021_2025", "an argument", lambda t: ns.Scenario.vietnam_2021_2025(1), ex.InvalidTypeError),
    ("shift_share", "None", lambda t: ns.shift_share(None, None, None, None), ex.NangsuatError),
    ("shift_share_by_year", "None", lambda t: ns.shift_share_by_year(None, None, None, None), ex.NangsuatError),
    ("gead", "None", lambda t: ns.gead(None, None, None, None), ex.NangsuatError),
    ("regions_to_nation", "None", lambda t: ns.regions_to_nation(None, None, None, None), ex.NangsuatError),
    ("domar_aggregate", "None", lambda t: ns.domar_aggregate(None, None), ex.NangsuatError),
    ("price_index", "None", lambda t: ns.price_index(None, None), ex.NangsuatError),
    ("quantity_index", "None", lambda t: ns.quantity_index(None, None), ex.NangsuatError),
    ("bilateral_index", "complex", lambda t: ns.bilateral_index([1j], [1.0], [1.0], [1.0]), ex.InvalidParameterError),
    # empty inputs: a computation over no rows, units, sectors, items or periods names what is
    # empty (README, "Reliability"; the core and C tests say the same)
    ("growth_accounting", "empty", lambda t: accounting(year=[], output=[], capital=[], labour=[]), ex.EmptySeriesError),
    ("growth_accounting_panel", "empty", lambda t: panel(entity=[], year=[], output=[], capital=[], labour=[]), ex.EmptySeriesError),
    ("pwt_tfp", "empty", lambda t: ns.pwt_tfp(pd.DataFrame({c: pd.Series([], dtype=float) for c in PWT_COLUMNS}).astype({"countrycode": object, "year": int})), ex.EmptySeriesError),
    ("dea", "empty", lambda t: ns.dea(np.empty((0, 2)), np.empty((0, 1))), ex.EmptySeriesError),
    ("frontier_efficiency", "empty frontier", lambda t: ns.frontier_efficiency(np.empty((0, 2)), np.empty((0, 1)), X, Q), ex.EmptySeriesError),
    ("malmquist", "empty", lambda t: ns.malmquist([], [], np.empty((0, 2)), np.empty((0, 1))), ex.EmptySeriesError),
    ("sfa", "empty", lambda t: ns.sfa(np.empty(0), np.empty((0, 1))), ex.EmptySeriesError),
    ("capital_stock", "empty", lambda t: ns.capital_stock([], [], [0.05]), ex.EmptySeriesError),
    ("shift_share", "empty", lambda t: ns.shift_share([], [], [], []), ex.EmptySeriesError),
    ("shift_share_by_year", "empty", lambda t: ns.shift_share_by_year([], [], [], []), ex.EmptySeriesError),
    ("gead", "empty", lambda t: ns.gead([], [], [], 1.0, [], [], [], 1.0), ex.EmptySeriesError),
    ("regions_to_nation", "empty", lambda t: ns.regions_to_nation([], [], [], []), ex.EmptySeriesError),
    ("domar_aggregate", "empty", lambda t: ns.domar_aggregate([], [], [], 1.0, 1.0), ex.EmptySeriesError),
    ("price_index", "no periods", lambda t: ns.price_index(np.empty((0, 2)), np.empty((0, 2))), ex.EmptySeriesError),
    ("quantity_index", "no items", lambda t: ns.quantity_index(np.empty((2, 0)), np.empty((2, 0))), ex.EmptySeriesError),
    # Finite data whose figures do not fit in a double: an error naming the figure, never an
    # infinity as a value (each found by a randomised probe of this package).
    ("price_index", "beyond a double", lambda t: ns.price_index(np.array([[1e-300], [1e-100], [1e100]]), np.ones((3, 1))), ex.OutOfRangeError),
    ("gead", "beyond a double", lambda t: ns.gead([1.7e308, 7.0], [1.7e308, 1e100], [167.7, 78.1], 2.65, [376.4, 95.4], [1e100, 1.6], [1e-300, 1e-300], 3.85), ex.OutOfRangeError),
    ("capital_stock", "beyond a double", lambda t: ns.capital_stock([2020, 2021, 2022], [1.0, 1.7e308, 1.7e308], 0.05, initial_stock=1e-300), ex.OutOfRangeError),
    ("shift_share", "beyond a double", lambda t: ns.shift_share([153.3, 350.7, 1e-308], [53.9, 1.7e308, 345.7], [2.18, 4.2, 1e300], [568.1, 356.0, 179.4]), ex.OutOfRangeError),
    ("progress", "beyond a double", lambda t: ns.progress((2020, 3.51), (2023, 5e-324), (2024, 1.7e308)), ex.OutOfRangeError),
]

# Rows whose answer is a defined result, not an error: (callable, input class, call, check).
DEFINED: list[tuple[str, str, Callable[[Path], Any], Callable[[Any], bool]]] = [
    ("growth_accounting", "masked value is missing",
     lambda t: ns.growth_accounting(np.array([2020, 2021, 2022]), np.ma.masked_array([100.0, 105.0, 110.0], mask=[False, True, False]), [300.0, 310.0, 320.0], [50.0, 51.0, 52.0], labour_share=0.6, nan_policy="propagate"),
     lambda r: not r.to_dict()["growth_defined"][1]),
    ("growth_accounting_panel", "labels 1 and '1' are two entities",
     lambda t: ns.growth_accounting_panel(np.array([1, "1"], dtype=object), [2020, 2020], [1.0, 2.0], [1.0, 2.0], [1.0, 2.0], labour_share=0.5),
     lambda r: len(r) == 2),
    ("Plan.from_json", "byte-order mark", lambda t: ns.Plan.from_json("\ufeff" + PLAN_JSON), lambda p: p.id == "th-st-tasks-2020"),
    ("progress", "a rate that fits though its ratio overflows",
     lambda t: ns.progress((2020, 3.51), (2023, 5e-324), (2025, 579.9)),
     lambda p: 1e162 < p.remaining_growth < 1e164),
    ("validate", "no plans: no findings", lambda t: ns.validate([]), lambda r: r == []),
    ("Observations.from_csv", "a header and no rows: no observations", lambda t: ns.Observations.from_csv(HEADER), lambda o: len(o) == 0),
    ("Observations.read_csv", "byte-order mark (Excel's CSV UTF-8)",
     lambda t: ns.Observations.read_csv(write(t, "o.csv", ("\ufeff" + HEADER + "viet_nam,lp_growth,2021,4.71,percent,,,confirmed\r\n").encode())),
     lambda o: len(o) == 1),
]


def public_callables() -> set[str]:
    names = set()
    for name in ns.__all__:
        obj = getattr(ns, name)
        if isinstance(obj, type):
            for attr, member in vars(obj).items():
                if isinstance(member, classmethod) and not attr.startswith("_"):
                    names.add(f"{name}.{attr}")
        elif callable(obj):
            names.add(name)
    return names


def test_every_public_callable_has_hostile_rows():
    covered = {row[0] for row in TABLE} | {row[0] for row in DEFINED}
    missing = public_callables() - covered
    assert not missing, f"public callables without hostile-input rows: {sorted(missing)}"


@pytest.mark.parametrize("name, case, call, expected", TABLE, ids=[f"{r[0]}: {r[1]}" for r in TABLE])
def test_hostile_input_is_a_typed_error(tmp_path, name, case, call, expected):
    with pytest.raises(ns.NangsuatError) as info:
        call(tmp_path)
    assert isinstance(info.value, expected), f"{name} ({case}): {type(info.value).__name__}: {info.value}"
    message = str(info.value)
    assert message and "Traceback" not in message
    assert "panic" not in message.lower()


@pytest.mark.parametrize("name, case, call, check", DEFINED, ids=[f"{r[0]}: {r[1]}" for r in DEFINED])
def test_hostile_input_with_a_defined_answer(tmp_path, name, case, call, check):
    assert check(call(tmp_path)), f"{name} ({case})"


def test_same_results_from_threads_as_serially():
    """The GIL is released inside the core: the same calls from several threads at once give
    the same results as serial calls."""
    rng = np.random.default_rng(7)
    n = 20_000
    entity = np.repeat(np.arange(n // 10), 10)
    year = np.tile(np.arange(2000, 2010), n // 10)
    data = [rng.uniform(1.0, 2.0, n) for _ in range(3)]
    serial = ns.growth_accounting_panel(entity, year, *data, labour_share=0.6).to_dict()["tfp_growth"]
    x = rng.uniform(1.0, 10.0, (200, 2))
    y = rng.uniform(1.0, 10.0, (200, 1))
    dea_serial = ns.dea(x, y).to_pandas()["efficiency"].to_numpy()
    # Malmquist runs on a worker thread that polls for Ctrl-C (the interruptible helper).
    unit, period = np.tile(np.arange(100), 2), np.repeat([2020, 2021], 100)
    malmquist_serial = ns.malmquist(unit, period, x, y).to_pandas()["tfpch"].to_numpy()
    calls = [
        lambda: ns.growth_accounting_panel(entity, year, *data, labour_share=0.6).to_dict()["tfp_growth"],
        lambda: ns.dea(x, y).to_pandas()["efficiency"].to_numpy(),
        lambda: ns.malmquist(unit, period, x, y).to_pandas()["tfpch"].to_numpy(),
    ]
    expected = [serial, dea_serial, malmquist_serial]
    results: list[Any] = [None] * 9

    def work(i: int) -> None:
        results[i] = calls[i % 3]()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(9)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for i, r in enumerate(results):
        np.testing.assert_array_equal(r, expected[i % 3])


def test_dates_are_not_years_silently():
    with pytest.raises(ex.InvalidParameterError):
        accounting(year=[datetime.date(2020, 1, 1), datetime.date(2021, 1, 1)])
