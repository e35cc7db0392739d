"""The README's PySpark recipe (``groupBy(entity).applyInPandas`` over the in-memory
``nangsuat.growth_accounting_panel``) on a local two-thread SparkSession: the result equals the
in-memory call on the whole frame row for row, to the bit, with Spark nulls exactly where
nangsuat's masks say a value is undefined; a nangsuat error raised inside one group reaches the
driver with nangsuat's message in Spark's exception.

Needs pyspark (the ``spark`` extra) and a Java runtime (Spark 4 needs Java 17 or later). Without
pyspark the module is skipped; without Java it is skipped with a message saying so, unless
``NANGSUAT_REQUIRE_SPARK=1`` (set by ``.ci/run``), where a missing Java is a failure."""

from __future__ import annotations

import os
import re
import shutil
import struct
import sys
from typing import Any

import numpy as np
import pandas as pd
import pytest

pyspark = pytest.importorskip("pyspark")

from conftest import REPO  # noqa: E402

import nangsuat as ns  # noqa: E402
from nangsuat.exceptions import NonPositiveError  # noqa: E402


def readme_recipe() -> str:
    """The README's PySpark block ("Panels at scale"), verbatim: the test runs that text."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```text\n(.*?)```", readme, flags=re.S)
              if "applyInPandas" in b]
    assert len(blocks) == 1, "the README has one PySpark recipe"
    return blocks[0]


def run_recipe(spark_df: Any) -> dict[str, Any]:
    """Executes the recipe with ``spark_df`` bound; returns its names (``account``, ``tfp``).
    Defined by ``exec``, ``account`` belongs to no importable module, so Spark pickles it by
    value to its Python workers, as it would a function defined in a notebook or script."""
    namespace: dict[str, Any] = {"spark_df": spark_df}
    exec(compile(readme_recipe(), "README.md (PySpark recipe)", "exec"), namespace)
    return namespace


def java_available() -> bool:
    home = os.environ.get("JAVA_HOME")
    return shutil.which("java") is not None or bool(home and os.path.exists(
        os.path.join(home, "bin", "java")))


@pytest.fixture(scope="session")
def spark():
    if not java_available():
        message = ("pyspark is installed but no Java runtime was found (no `java` on PATH, no "
                   "JAVA_HOME): install one, e.g. `apt-get install default-jre-headless`")
        if os.environ.get("NANGSUAT_REQUIRE_SPARK") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from pyspark.sql import SparkSession

    # The Python workers run this interpreter (this venv, with nangsuat), not `python3` on PATH;
    # SparkContext reads the variable when it starts.
    saved = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("nangsuat-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.driver.memory", "512m")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if saved is None:
        os.environ.pop("PYSPARK_PYTHON", None)
    else:
        os.environ["PYSPARK_PYTHON"] = saved


def firm_panel(entities: int = 40, years: int = 6, seed: int = 7) -> pd.DataFrame:
    """A scrambled panel with string firm ids and per-row labour shares; firm-spread's rows
    are put at the very start and the very end of the frame, so they sit in different input
    partitions and only the groupBy shuffle brings them together."""
    rng = np.random.default_rng(seed)
    n = entities * years
    level = lambda sd: np.exp(rng.normal(0.03, sd, (entities, years)).cumsum(axis=1)).ravel()  # noqa: E731
    frame = pd.DataFrame(
        {
            "firm": np.repeat([f"firm-{i:03d}" for i in range(entities)], years),
            "year": np.tile(np.arange(2015, 2015 + years), entities),
            "va": 10 * level(0.08),
            "k": 30 * level(0.04),
            "emp": 5 * level(0.03),
            "ls": rng.uniform(0.4, 0.7, n),
        }
    )
    frame = frame.sample(frac=1.0, random_state=seed)
    spread = frame[frame["firm"] == "firm-000"].assign(firm="firm-spread")
    frame = frame[frame["firm"] != "firm-000"]
    half = len(spread) // 2
    frame = pd.concat([spread.iloc[:half], frame, spread.iloc[half:]])
    return frame.reset_index(drop=True)


def to_spark(spark: Any, pdf: pd.DataFrame) -> Any:
    """The frame as a Spark DataFrame in two input partitions, its first and its second half
    (an RDD, so the plan scans real partitions: `createDataFrame(pandas)` gives a local
    relation, which Spark may evaluate in one partition)."""
    rows = spark.sparkContext.parallelize(pdf.to_dict("records"), 2)
    return spark.createDataFrame(
        rows, "firm string, year long, va double, k double, emp double, ls double")


def bits(x: float) -> int:
    return int(struct.unpack("<q", struct.pack("<d", x))[0])


COLUMNS = ["tfp_growth", "tfp_index"]  # the recipe's selection


def test_recipe_equals_the_in_memory_call(spark):
    from pyspark.sql import functions as F

    pdf = firm_panel()
    sdf = to_spark(spark, pdf)
    where = sdf.withColumn("part", F.spark_partition_id())
    spread_parts = where.filter(F.col("firm") == "firm-spread").select("part").distinct()
    assert spread_parts.count() > 1, "firm-spread's rows sit in several input partitions"

    tfp = run_recipe(sdf)["tfp"]
    assert tfp.columns == ["firm", "year", *COLUMNS]
    got = tfp.collect()
    expected = ns.growth_accounting_panel(pdf["firm"], pdf["year"], pdf["va"], pdf["k"],
                                          pdf["emp"], labour_share=pdf["ls"], columns=COLUMNS)
    assert len(got) == len(pdf)
    rows = {(row["firm"], row["year"]): row for row in got}
    assert len(rows) == len(pdf), "one result row per (firm, year)"
    masks = {"tfp_growth": expected["growth_defined"], "tfp_index": expected["tfp_index_defined"]}
    undefined = {name: 0 for name in COLUMNS}
    for i, (firm, year) in enumerate(zip(pdf["firm"], pdf["year"])):
        row = rows[(firm, int(year))]
        for name in COLUMNS:
            if masks[name][i]:
                value = row[name]
                assert isinstance(value, float) and not np.isnan(value), (firm, year, name)
                assert bits(value) == bits(float(expected[name][i])), (firm, year, name)
            else:
                assert row[name] is None, (firm, year, name)  # null, never NaN
                undefined[name] += 1
    # Each firm's first year has no growth; the index is defined from the first year on.
    assert undefined == {"tfp_growth": pdf["firm"].nunique(), "tfp_index": 0}

    # The same through toPandas (Arrow): nulls come back as NaN in float64 columns.
    back = tfp.toPandas().set_index(["firm", "year"])
    mine = expected.to_pandas().rename(columns={"entity": "firm"}).set_index(["firm", "year"])
    for name in COLUMNS:
        a = back[name].reindex(mine.index).to_numpy(np.float64)
        b = mine[name].to_numpy(np.float64, na_value=np.nan)
        assert np.array_equal(np.isnan(a), np.isnan(b))
        assert np.array_equal(a.view(np.uint64)[~np.isnan(a)], b.view(np.uint64)[~np.isnan(b)])


def test_a_nangsuat_error_in_one_group_reaches_the_driver(spark):
    pdf = firm_panel(entities=8, seed=3)
    bad = pdf.index[pdf["firm"] == "firm-005"][2]
    pdf.loc[bad, "va"] = -1.0
    recipe = run_recipe(to_spark(spark, pdf))
    # The message nangsuat gives for that firm's rows alone (what its group sees).
    with pytest.raises(NonPositiveError) as direct:
        recipe["account"](pdf[pdf["firm"] == "firm-005"])
    message = str(direct.value)
    assert "firm-005" in message and "output" in message

    with pytest.raises(Exception) as caught:  # noqa: B017 (Spark's type is checked below)
        recipe["tfp"].collect()
    from pyspark.errors import PythonException

    assert isinstance(caught.value, PythonException)  # Spark's own type, not nangsuat's
    text = str(caught.value)
    assert "NonPositiveError" in text and message in text, text
