"""Every error kind of the core has its class, under NangsuatError; invalid input is a ValueError."""

from __future__ import annotations

import pytest

import nangsuat as ns
from nangsuat import _nangsuat, exceptions


def test_every_kind_has_a_class():
    kinds = _nangsuat._error_classes()
    assert [k[0] for k in kinds] == list(range(1, len(kinds) + 1))
    for _, kind, cls_name in kinds:
        cls = getattr(exceptions, cls_name)
        assert issubclass(cls, ns.NangsuatError)
        assert cls.kind == kind
        if kind == "io":
            assert issubclass(cls, OSError)
        elif kind == "interrupted":
            # Not invalid input: the caller stopped the computation.
            assert not issubclass(cls, ValueError)
        else:
            assert issubclass(cls, ValueError)
    assert set(exceptions.__all__) >= {c for _, _, c in kinds}


@pytest.mark.parametrize(
    "call, cls",
    [
        (lambda: ns.growth_accounting([2020, 2021], [1, 2], [1], [1, 1], labour_share=0.5), exceptions.LengthMismatchError),
        (lambda: ns.growth_accounting([2020, 2021], [1.0, 2.0], [1.0, 1.0], [1.0, 1.0], labour_share=0.5).period(2000, 2001), exceptions.YearNotFoundError),
        (lambda: ns.growth_accounting([2020, 2020], [1, 2], [1, 1], [1, 1], labour_share=0.5), exceptions.DuplicateYearError),
        (lambda: ns.growth_accounting([2020, 2022], [1, 2], [1, 1], [1, 1], labour_share=0.5), exceptions.MissingYearError),
        (lambda: ns.growth_accounting([2020, 2021], [1, float("inf")], [1, 1], [1, 1], labour_share=0.5), exceptions.NonFiniteError),
        (lambda: ns.growth_accounting([2020, 2021], [1, 0], [1, 1], [1, 1], labour_share=0.5), exceptions.NonPositiveError),
        (lambda: ns.growth_accounting([2020, 2021], [1, 2], [1, 1], [1, 1], labour_share=1.5), exceptions.OutOfRangeError),
        (lambda: ns.growth_accounting([2020, 2021], [1, 2], [1, 1], [1, 1], labour_share=[0.5, 0.5], profile="gso"), exceptions.InvalidParameterError),
        (lambda: ns.progress((2020, 1.0), (2021, float("nan")), (2030, 2.0)), exceptions.NonFiniteError),
        (lambda: ns.progress((2021, 1.0), [(2022, 2.0), (2021, 1.5)], (2030, 2.0)), exceptions.UnsortedYearsError),
        (lambda: ns.Plan.from_toml("schema_version = 1\nid = 3"), exceptions.ParseError),
        (lambda: ns.Plan.load("/nonexistent/plan.toml"), exceptions.NangsuatIOError),
        (lambda: ns.Observations.from_csv("scope,indicator,year,value,unit,note,source_url,evidence\nx,y,2020,1,u,n,s,rumour\n"), exceptions.ParseError),
    ],
)
def test_each_error_raises_its_class(call, cls):
    with pytest.raises(cls) as e:
        call()
    assert e.value.kind == cls.kind
    assert str(e.value)
