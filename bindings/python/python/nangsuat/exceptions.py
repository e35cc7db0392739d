"""The exceptions nangsuat raises: one class per error kind of the core, under
:class:`NangsuatError`.

Every error about the data or the parameters also subclasses :class:`ValueError`, so
``except ValueError`` works in notebooks. Exceptions carry the core's context as attributes
where it applies: ``kind`` (stable snake-case name), ``series``, ``entity``, ``year``, ``value``,
``expected``, ``parameter``, ``path``, ``line``, ``column``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

__all__ = [
    "NangsuatError",
    "InvalidInputError",
    "LengthMismatchError",
    "EmptySeriesError",
    "DuplicateYearError",
    "UnsortedYearsError",
    "MissingYearError",
    "YearNotFoundError",
    "NonFiniteError",
    "NonPositiveError",
    "OutOfRangeError",
    "InvalidParameterError",
    "InsufficientDataError",
    "ParseError",
    "NangsuatIOError",
    "InterruptedComputationError",
    "InvalidTypeError",
    "typed_errors",
]


class NangsuatError(Exception):
    """Base class of every nangsuat error."""

    kind: str = "nangsuat"
    series: str | None = None
    entity: Any = None
    year: int | None = None
    value: float | None = None


class InvalidInputError(NangsuatError, ValueError):
    """Input data or parameters that the method cannot accept."""


class LengthMismatchError(InvalidInputError):
    """Two columns that must describe the same rows have different lengths."""

    kind = "length_mismatch"


class EmptySeriesError(InvalidInputError):
    """A series holds no observation at all."""

    kind = "empty"


class DuplicateYearError(InvalidInputError):
    """The same year appears twice in one series (or for one entity of a panel)."""

    kind = "duplicate_year"


class UnsortedYearsError(InvalidInputError):
    """Years are not increasing where increasing order is required."""

    kind = "unsorted_years"


class MissingYearError(InvalidInputError):
    """A year between the first and the last is absent (see ``nan_policy``)."""

    kind = "missing_year"


class YearNotFoundError(InvalidInputError):
    """A year asked for (a base year, a period bound) is not in the data."""

    kind = "year_not_found"


class NonFiniteError(InvalidInputError):
    """NaN or ±inf where a finite number is required (see ``nan_policy``)."""

    kind = "non_finite"


class NonPositiveError(InvalidInputError):
    """Zero or a negative number where a logarithm or a ratio needs a positive one."""

    kind = "non_positive"


class OutOfRangeError(InvalidInputError):
    """A value outside the range its meaning allows (e.g. a share outside [0, 1])."""

    kind = "out_of_range"


class InvalidParameterError(InvalidInputError):
    """A parameter or combination of parameters the method does not allow."""

    kind = "invalid_parameter"


class InsufficientDataError(InvalidInputError):
    """Too few observations for the computation asked for."""

    kind = "insufficient_data"


class ParseError(InvalidInputError):
    """A plan or observation file that cannot be read as its format says."""

    kind = "parse"


class NangsuatIOError(NangsuatError, OSError):
    """A file that cannot be opened or read."""

    kind = "io"


class InterruptedComputationError(NangsuatError):
    """A long computation stopped before it finished because it was cancelled. Ctrl-C in
    Python raises :class:`KeyboardInterrupt` itself; this class is for a cancellation that
    did not come from a signal."""

    kind = "interrupted"


class InvalidTypeError(InvalidInputError, TypeError):
    """An argument of a type the function cannot take (``None`` where text is needed, a
    dict where a DataFrame is). Also a :class:`TypeError`."""

    kind = "invalid_type"


_F = TypeVar("_F", bound=Callable[..., Any])


def typed_errors(function: _F) -> _F:
    """Every failure of ``function`` is a :class:`NangsuatError`: a stray ``TypeError`` or
    ``AttributeError`` from an argument of the wrong type becomes :class:`InvalidTypeError`,
    ``OverflowError`` and ``UnicodeError`` become :class:`InvalidParameterError`, and an
    ``OSError`` from opening a file becomes :class:`NangsuatIOError` (each still the built-in
    class Python users catch). nangsuat's own errors pass through unchanged."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except NangsuatError:
            raise
        except (TypeError, AttributeError) as exc:
            raise InvalidTypeError(f"{function.__name__}: {exc}") from exc
        except (OverflowError, UnicodeError) as exc:
            raise InvalidParameterError(f"{function.__name__}: {exc}") from exc
        except OSError as exc:
            error = NangsuatIOError(f"{function.__name__}: {exc}")
            setattr(error, "path", getattr(exc, "filename", None))
            raise error from exc

    return cast(_F, wrapper)
