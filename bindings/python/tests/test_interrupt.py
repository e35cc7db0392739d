"""Ctrl-C stops long core calls: the core runs on a worker thread with a cancellation token
while the calling thread, the GIL released, looks for a signal every 50 ms."""

from __future__ import annotations

import _thread
import signal
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import nangsuat as ns


def _malmquist_panel(units: int, periods: int, seed: int = 3) -> tuple[Any, ...]:
    """Three inputs, two outputs."""
    rng = np.random.default_rng(seed)
    unit = np.tile(np.arange(units), periods)
    period = np.repeat(np.arange(2000, 2000 + periods), units)
    x = rng.uniform(1.0, 10.0, (units * periods, 3))
    y = rng.uniform(1.0, 10.0, (units * periods, 2))
    return unit, period, x, y


def _interrupted_after(delay: float, call: Callable[[], Any]) -> float:
    """Runs `call`, sending SIGINT (as Ctrl-C does) to the main thread after `delay` seconds
    unless the call has returned; asserts KeyboardInterrupt and returns the seconds from the
    signal to the exception."""
    done = threading.Event()
    sent: list[float] = []
    # Ctrl-C reaches Python's default handler, as in a terminal. A process started in the
    # background by a non-interactive shell inherits SIGINT ignored, and Python then installs
    # no handler (the fresh-clone CI run launched that way failed here without this).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)

    def ctrl_c() -> None:
        if not done.wait(delay):
            sent.append(time.perf_counter())
            _thread.interrupt_main()

    timer = threading.Thread(target=ctrl_c)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            call()
    finally:
        done.set()
        timer.join()
        signal.signal(signal.SIGINT, previous)
    assert sent, "the call returned before the signal: make it longer"
    return time.perf_counter() - sent[0]


def test_ctrl_c_stops_a_1000_unit_malmquist_and_the_next_call_works():
    # About 4 s on two cores without the signal (1,000 units × 24 periods, release build).
    unit, period, x, y = _malmquist_panel(1000, 24)
    latency = _interrupted_after(0.2, lambda: ns.malmquist(unit, period, x, y))
    assert latency < 2.0, f"KeyboardInterrupt came {latency:.2f} s after the signal"
    # The extension is still usable, and gives the answer it gave before.
    small = _malmquist_panel(20, 3, seed=5)
    first = ns.malmquist(*small).to_pandas()["tfpch"].to_numpy()
    again = ns.malmquist(*small).to_pandas()["tfpch"].to_numpy()
    np.testing.assert_array_equal(first, again)


def test_ctrl_c_stops_dea_and_bootstrapped_estimation():
    rng = np.random.default_rng(11)
    x = rng.uniform(1.0, 10.0, (8000, 3))
    y = rng.uniform(1.0, 10.0, (8000, 2))
    assert _interrupted_after(0.2, lambda: ns.dea(x, y, rts="vrs")) < 2.0
    firms, years = 400, 8
    firm = np.repeat(np.arange(firms), years)
    year = np.tile(np.arange(2010, 2010 + years), firms)
    k = rng.uniform(1.0, 3.0, firms * years)
    l = rng.uniform(1.0, 3.0, firms * years)
    m = 0.5 * k + 0.3 * l + rng.normal(0.0, 0.1, firms * years)
    out = 0.3 * k + 0.6 * l + 0.1 * m + rng.normal(0.0, 0.1, firms * years)

    def estimate() -> Any:
        return ns.production_function(
            firm, year, out, l, k, m, method="acf", in_logs=True, bootstrap=100_000
        )

    assert _interrupted_after(0.2, estimate) < 2.0


def test_calls_without_a_signal_are_unchanged():
    """The worker thread changes nothing in the results: DEA of DEAP's first example."""
    r = ns.dea([[2, 5], [2, 4], [6, 6], [3, 2], [6, 2]], [1, 2, 3, 1, 2])
    assert [round(float(e), 3) for e in r.efficiency] == [0.5, 1.0, 0.833, 0.714, 1.0]
