"""The reading-level lint: hard words for young children are flagged, plain words are not."""

from __future__ import annotations

from pathlib import Path

from voice.settings import PROJECT_ROOT
from voice.surveys.lint import reading_level_warnings
from voice.surveys.loader import load_catalogue, parse_survey

ABOUT = {k: "Text" for k in ("who", "why", "what_happens", "when_adult_reads", "next")}


def survey_with(text: dict[str, str]):
    data = {
        "slug": "lint", "title": "Lint", "version": "1", "bands": ["primary", "post16"],
        "about": ABOUT,
        "questions": [{"id": "q", "type": "text", "text": text}],
    }
    survey, problems = parse_survey(data, "lint.toml")
    assert not problems
    return survey


def test_hard_wording_for_primary_is_flagged_with_the_grade() -> None:
    survey = survey_with({
        "primary": "To what extent do you consider that statutory organisations demonstrate "
                   "meaningful engagement with children's perspectives?",
        "post16": "Do adults listen to you?",
    })
    (warning,) = reading_level_warnings(survey)
    message = str(warning)
    assert message.startswith("lint.toml: question 'q': text for primary reads at grade")
    assert "above the primary level of 4" in message


def test_plain_wording_passes() -> None:
    survey = survey_with({"primary": "Do you feel safe when you walk to school?",
                          "post16": "Do you feel safe when you travel to college or work?"})
    assert reading_level_warnings(survey) == []


def test_the_same_words_can_suit_post16_but_not_primary() -> None:
    text = "Do adults ask what you think before they make decisions that affect your life?"
    survey = survey_with({"primary": text, "post16": text})
    bands = [str(w).split("text for ")[1].split(" ")[0] for w in reading_level_warnings(survey)]
    assert bands == ["primary"]


def test_the_shipped_survey_reads_at_every_bands_level() -> None:
    for survey in load_catalogue([PROJECT_ROOT / "surveys"]):
        assert reading_level_warnings(survey) == [], survey.slug


def test_lint_works_offline(tmp_path: Path, monkeypatch) -> None:
    # textstat must not try to download a pronunciation dictionary at run time.
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    survey = survey_with({"primary": "Do you like the park near your home?",
                          "post16": "Do you like the park near your home?"})
    assert reading_level_warnings(survey) == []
