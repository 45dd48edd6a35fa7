"""Suppression, intervals and agreement, against figures worked out by hand."""

from __future__ import annotations

import pytest

from voice.results.stats import agreement, suppress, wilson


def test_small_counts_are_hidden_with_a_complement() -> None:
    shown = suppress({"yes": 25, "no": 4, "not_sure": 12}, 10)
    # 4 is hidden; alone it could be worked out as 41 - 25 - 12, so the next smallest goes too.
    assert shown.counts == {"yes": 25, "no": None, "not_sure": None}
    assert shown.total == 41 and shown.hidden == {"no", "not_sure"}
    assert shown.shown("no") == "fewer than 10" and shown.shown("yes") == "25"


def test_the_complement_skips_zeros() -> None:
    shown = suppress({"a": 30, "b": 0, "c": 3, "d": 15}, 10)
    assert shown.counts == {"a": 30, "b": 0, "c": None, "d": None}


def test_two_small_counts_protect_each_other() -> None:
    assert suppress({"a": 20, "b": 3, "c": 4}, 10).counts == {"a": 20, "b": None, "c": None}


def test_a_small_total_hides_everything() -> None:
    shown = suppress({"a": 6, "b": 2}, 10)
    assert shown.counts == {"a": None, "b": None} and shown.total is None


def test_nothing_to_hide() -> None:
    assert suppress({"a": 10, "b": 0, "c": 40}, 10).counts == {"a": 10, "b": 0, "c": 40}
    assert suppress({}, 10).counts == {} and suppress({}, 10).total == 0


def test_choose_all_that_apply_needs_no_complement() -> None:
    # Counts do not add up to the number who answered, so subtracting reveals nothing.
    shown = suppress({"parks": 30, "clubs": 5, "shops": 22}, 10, total=40)
    assert shown.counts == {"parks": 30, "clubs": None, "shops": 22} and shown.total == 40


def test_threshold_is_a_setting() -> None:
    assert suppress({"a": 5, "b": 30}, 5).counts == {"a": 5, "b": 30}
    with pytest.raises(ValueError):
        suppress({"a": 1}, 1)


def test_wilson_interval_by_hand() -> None:
    # 8 of 10: p = 0.8, z = 1.96: centre = (0.8 + 0.19208) / 1.38415 = 0.71674,
    # half = 1.96 * sqrt(0.016 + 0.0096040) / 1.38415 = 0.22664 -> (0.4902, 0.9433).
    interval = wilson(8, 10)
    assert interval.share == 0.8
    assert interval.low == pytest.approx(0.4902, abs=1e-4)
    assert interval.high == pytest.approx(0.9433, abs=1e-4)
    none = wilson(0, 12)
    assert none.low == 0.0 and none.high == pytest.approx(0.2425, abs=1e-4)
    everyone = wilson(5, 5)
    assert everyone.high == 1.0 and everyone.low == pytest.approx(0.5655, abs=1e-4)
    assert wilson(0, 0).low == 0.0 and wilson(0, 0).high == 1.0


def test_kappa_worked_example() -> None:
    # 50 answers: both said yes to 20, only the first to 5, only the second to 10, neither to 15.
    # Observed 35/50 = 0.7; expected 0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa = 0.2 / 0.5 = 0.4.
    first = {f"a{i}": i < 25 for i in range(50)}
    second = {f"a{i}": (i < 20) or (25 <= i < 35) for i in range(50)}
    result = agreement(first, second)
    assert (result.both_yes, result.first_only, result.second_only, result.both_no) == (20, 5, 10, 15)
    assert result.observed == pytest.approx(0.7)
    assert result.kappa == pytest.approx(0.4)


def test_kappa_perfect_and_undefined() -> None:
    same = {"a": True, "b": False, "c": True}
    assert agreement(same, same).kappa == pytest.approx(1.0)
    assert agreement({"a": False, "b": False}, {"a": False, "b": False}).kappa is None
    # Only the answers both coded count.
    assert agreement({"a": True, "b": True}, {"a": True}).total == 1
