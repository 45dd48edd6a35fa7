"""Class codes are easy to copy, hard to guess, and guessing is limited."""

from __future__ import annotations

import math

from voice.sessions.codes import (
    ALPHABET,
    CODE_LENGTH,
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


def _limiter(app, attempts: int = 3):
    from voice.ratelimit import AttemptLimiter

    voice = app.state.voice
    return AttemptLimiter(voice.engine, "code", attempts, 60, voice.settings.secret_key)


def test_only_wrong_codes_count_and_the_window_slides(app) -> None:
    from datetime import datetime, timedelta

    limiter = _limiter(app)
    start = datetime(2026, 11, 22, 9, 0, 0)
    for second in (0, 1, 2):
        moment = start + timedelta(seconds=second)
        assert limiter.retry_after("school", now=moment) == 0
        limiter.record_failure("school", now=moment)
    assert limiter.retry_after("school", now=start + timedelta(seconds=3)) == 58
    assert limiter.retry_after("another school", now=start + timedelta(seconds=3)) == 0
    assert limiter.retry_after("school", now=start + timedelta(seconds=61)) == 0


def test_the_limit_holds_across_app_processes(app, settings) -> None:
    """Two apps on one database (as two server processes): failures in one count in the other."""
    from voice.web.app import create_app

    other = create_app(settings)
    try:
        for _ in range(settings.code_attempts):
            app.state.voice.limiter.record_failure("10.0.0.7")
        assert other.state.voice.limiter.retry_after("10.0.0.7") > 0
        assert other.state.voice.sign_in_limiter.retry_after("10.0.0.7") == 0  # its own bucket
    finally:
        other.state.voice.close()


def test_the_limiter_keeps_no_readable_address(app) -> None:
    from sqlalchemy import select

    from voice.ratelimit import RateLimitEvent

    _limiter(app).record_failure("203.0.113.9")
    with app.state.voice.engine.connect() as conn:
        stored = conn.execute(select(RateLimitEvent.client)).scalars().all()
    assert len(stored) == 1 and "203" not in stored[0] and len(stored[0]) == 32


def test_a_child_who_reached_the_welcome_page_can_still_say_yes_when_the_network_is_limited(
        app, client, make_session, settings) -> None:
    """A school shares one address: when classmates' typos use up its wrong-code allowance, a
    child already on the welcome page (with its signed start token) can still start. A request
    without a valid token counts as trying a code, and is refused."""
    import re

    code = make_session().code
    page = client.get(f"/join/{code}")
    token = re.search(r'name="token"\s+value="([^"]*)"', page.text).group(1)
    for _ in range(settings.code_attempts):
        app.state.voice.limiter.record_failure("testclient")
    refused = client.get(f"/join/{code}")
    assert refused.status_code == 429 and "Lots of wrong codes" in refused.text
    started = client.post(f"/join/{code}/start", data={"token": token, "take_part": "yes"},
                          follow_redirects=False)
    assert started.status_code == 303 and started.headers["location"].startswith("/answer/")
    forged = client.post(f"/join/{code}/start", data={"token": token[:-2] + "xx", "take_part": "yes"},
                         follow_redirects=False)
    assert forged.status_code == 429
