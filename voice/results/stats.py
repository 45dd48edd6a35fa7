"""The figures results are built from: small-number suppression, intervals, agreement.

`suppress` is the one function every figure that leaves an analyst's screen goes through
(exports of aggregates, facilitators' counts per group, published pages): a group smaller than
the threshold is never shown, nor anything that would let a reader work it out.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

SUPPRESSED = "fewer than {n}"  # how a suppressed figure is written, e.g. "fewer than 10"


@dataclass(frozen=True)
class Suppressed(Generic[K]):
    """Counts safe to show: None where a count is hidden. `total` is None when it is hidden."""

    counts: dict[K, int | None]
    total: int | None
    threshold: int

    def shown(self, key: K) -> str:
        value = self.counts.get(key)
        return SUPPRESSED.format(n=self.threshold) if value is None else str(value)

    @property
    def hidden(self) -> set[K]:
        return {key for key, value in self.counts.items() if value is None}


def suppress(counts: Mapping[K, int], threshold: int, *, total: int | None = None) -> Suppressed[K]:
    """Hide every count from 1 to threshold-1, and enough others that none can be worked out.

    Primary suppression: a count below the threshold (but not zero: "nobody" names no one) is
    hidden. Complementary suppression: when the counts add up to the total and exactly one is
    hidden, a reader could subtract, so the next smallest count is hidden too (the smallest
    non-zero one, so that the hidden pair still hides a group). If the total itself is below the
    threshold, everything is hidden. `total` defaults to the sum of the counts; pass it when the
    counts do not add up to it ("choose all that apply"), where subtracting reveals nothing.
    """
    if threshold < 2:
        raise ValueError("the threshold must be at least 2")
    whole = sum(counts.values()) if total is None else total
    if 0 < whole < threshold:
        return Suppressed({key: None for key in counts}, None, threshold)
    hidden = {key for key, value in counts.items() if 0 < value < threshold}
    if total is None and len(hidden) == 1 and len(counts) > 1:
        others = sorted((value, index, key) for index, (key, value) in enumerate(counts.items())
                        if key not in hidden)
        nonzero = [item for item in others if item[0] > 0]
        hidden.add((nonzero or others)[0][2])
    return Suppressed({key: None if key in hidden else value for key, value in counts.items()},
                      whole, threshold)


@dataclass(frozen=True)
class Interval:
    """A proportion with its 95% Wilson score interval (good at small numbers and near 0 or 1)."""

    count: int
    total: int
    low: float
    high: float

    @property
    def share(self) -> float:
        return self.count / self.total if self.total else 0.0


def wilson(count: int, total: int, z: float = 1.959964) -> Interval:
    """The Wilson score interval for count/total (Wilson 1927; Newcombe 1998)."""
    if total <= 0:
        return Interval(count, total, 0.0, 1.0)
    if not 0 <= count <= total:
        raise ValueError("count must be between 0 and total")
    p = count / total
    z2 = z * z
    centre = (p + z2 / (2 * total)) / (1 + z2 / total)
    half = z * math.sqrt(p * (1 - p) / total + z2 / (4 * total * total)) / (1 + z2 / total)
    return Interval(count, total, max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Agreement:
    """Two coders' yes/no decisions on the same answers for one theme."""

    both_yes: int
    first_only: int
    second_only: int
    both_no: int

    @property
    def total(self) -> int:
        return self.both_yes + self.first_only + self.second_only + self.both_no

    @property
    def observed(self) -> float:
        return (self.both_yes + self.both_no) / self.total if self.total else 0.0

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa; None when it is undefined (both coders gave one answer to every item)."""
        n = self.total
        if not n:
            return None
        first_yes = (self.both_yes + self.first_only) / n
        second_yes = (self.both_yes + self.second_only) / n
        expected = first_yes * second_yes + (1 - first_yes) * (1 - second_yes)
        if expected >= 1.0:
            return None
        return (self.observed - expected) / (1 - expected)


def agreement(first: Mapping[str, bool], second: Mapping[str, bool],
              items: Iterable[str] | None = None) -> Agreement:
    """Agreement over the items both coded (or `items`): each maps item -> yes/no."""
    keys = list(items) if items is not None else [k for k in first if k in second]
    counts = [0, 0, 0, 0]
    for key in keys:
        a, b = bool(first.get(key)), bool(second.get(key))
        counts[0 if a and b else 1 if a else 2 if b else 3] += 1
    return Agreement(*counts)
