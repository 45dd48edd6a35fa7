"""Class codes are easy to copy, hard to guess, and guessing is limited."""

from __future__ import annotations

import math

from voice.sessions.codes import (
    ALPHABET,
    CODE_LENGTH,
    CodeAttemptLimiter,
    display_code,
    looks_like_code,
    new_code,
    normalise_code,
)


def test_codes_avoid_characters_that_look_alike() -> None:
    for confusable in "0O1IL2Z5S8BG6":
        assert confusable not in ALPHABET


def test_codes_have_enough_entropy_to_resist_guessing() -> None:
    assert CODE_LENGTH * math.log2(len(ALPHABET)) >= 30
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(looks_like_code(code) for code in codes)


def test_typed_codes_are_normalised() -> None:
    assert normalise_code(" acd-4fh j ") == "ACD4FHJ"
    assert display_code("ACD4FHJ") == "ACD 4FHJ"


def test_only_wrong_codes_count_and_the_window_slides() -> None:
    limiter = CodeAttemptLimiter(attempts=3, window=60)
    for moment in (0, 1, 2):
        assert limiter.retry_after("school", now=moment) == 0
        limiter.record_failure("school", now=moment)
    assert limiter.retry_after("school", now=3) == 58
    assert limiter.retry_after("another school", now=3) == 0
    assert limiter.retry_after("school", now=61) == 0


def test_the_limiter_keeps_no_readable_address() -> None:
    limiter = CodeAttemptLimiter(attempts=3, window=60)
    limiter.record_failure("203.0.113.9", now=0)
    assert all(b"203.0.113.9" not in key for key in limiter._failures)
