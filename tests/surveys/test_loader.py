"""Survey files: the shipped survey, and one test per kind of mistake a file can have."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from voice.settings import PROJECT_ROOT
from voice.surveys.loader import SurveyLoadError, load_catalogue
from voice.surveys.model import BANDS, FACES

GOOD = """
slug = "test-survey"
title = "Test survey"
version = "1"
bands = ["primary", "secondary"]

[about]
who = "Us"
why = "To learn"
what_happens = "We read them"
when_adult_reads = "If we are worried"
next = "We tell you"

[[questions]]
id = "safe"
type = "scale"
text = { primary = "Do you feel safe?", secondary = "How safe do you feel?" }
labels = [
  { value = "not", label = "Not safe" },
  { value = "bit", label = "A bit safe" },
  { value = "very", label = "Very safe" },
]

[[questions]]
id = "adult"
type = "yes_no"
text = "Do you have an adult to talk to?"
not_sure = true

[[questions]]
id = "who"
type = "single"
text = "Who would you like to talk to?"
show_if = { question = "adult", answer = ["no", "not_sure"] }
options = [{ value = "teacher", label = "A teacher" }, { value = "family", label = "Family" }]
"""


def write(tmp_path: Path, body: str, name: str = "test.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return path


def problems_for(tmp_path: Path, body: str) -> list[str]:
    path = write(tmp_path, body)
    with pytest.raises(SurveyLoadError) as caught:
        load_catalogue([path])
    messages = [str(problem) for problem in caught.value.problems]
    assert all(message.startswith(str(path)) for message in messages), messages
    return messages


def replace_in_good(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def test_a_good_file_loads_with_band_wording_and_conditions(tmp_path: Path) -> None:
    catalogue = load_catalogue([write(tmp_path, GOOD)])
    survey = catalogue.get("test-survey")
    assert survey is not None
    primary = survey.for_band("primary")
    assert primary.question("safe").text == "Do you feel safe?"
    assert survey.for_band("secondary").question("safe").text == "How safe do you feel?"
    assert [c.face for c in primary.question("safe").choices] == list(FACES[3])
    assert [c.value for c in primary.question("adult").choices] == ["yes", "no", "not_sure"]
    assert [q.id for q in primary.visible({"adult": "yes"})] == ["safe", "adult"]
    assert [q.id for q in primary.visible({"adult": "no"})] == ["safe", "adult", "who"]


# One test per kind of mistake: each names the file, the question (where there is one) and what.

def test_invalid_toml_is_reported_with_the_file(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, GOOD + "\nthis is = = not toml\n")
    assert "is not valid TOML" in message


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(GOOD.encode("utf-8") + "\n# caf\xe9\n".encode("latin-1"))
    with pytest.raises(SurveyLoadError) as caught:
        load_catalogue([path])
    assert "is not UTF-8 text" in str(caught.value)


def test_missing_slug(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('slug = "test-survey"\n', ""))
    assert "'slug' must be lowercase words joined by hyphens" in message


def test_badly_formed_slug(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('"test-survey"', '"Test Survey"'))
    assert "'slug'" in message


def test_missing_version(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('version = "1"\n', ""))
    assert "'version'" in message


def test_unknown_band(tmp_path: Path) -> None:
    messages = problems_for(tmp_path, replace_in_good('"secondary"]', '"infants"]'))
    assert any("'bands' has 'infants'" in m for m in messages)


def test_unknown_top_level_key(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, 'colour = "blue"\n' + GOOD)
    assert "unknown key 'colour'" in message


def test_missing_about_entry(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('when_adult_reads = "If we are worried"\n',
                                                        ""))
    assert "[about] 'when_adult_reads' is missing" in message


def test_no_questions(tmp_path: Path) -> None:
    body = GOOD.split("[[questions]]")[0]
    (message,) = problems_for(tmp_path, body)
    assert "there are no [[questions]]" in message


def test_unknown_question_type(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('type = "yes_no"', 'type = "slider"'))
    assert "question 'adult'" in message and "'slider' is not one of" in message


def test_wording_missing_for_a_band(tmp_path: Path) -> None:
    body = replace_in_good(', secondary = "How safe do you feel?"', "")
    (message,) = problems_for(tmp_path, body)
    assert "question 'safe'" in message and "'text' has no wording for secondary" in message


def test_missing_question_text(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('text = "Do you have an adult to talk to?"\n',
                                                        ""))
    assert "question 'adult': 'text' is missing" in message


def test_duplicate_question_id(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('id = "who"', 'id = "safe"'))
    assert "question 'safe': the id is used twice" in message


def test_badly_formed_question_id(tmp_path: Path) -> None:
    messages = problems_for(tmp_path, replace_in_good('id = "who"', 'id = "Who Else"'))
    assert any("question 'Who Else': 'id' must start with a letter" in m for m in messages)


def test_choice_question_without_options(tmp_path: Path) -> None:
    body = replace_in_good(
        'options = [{ value = "teacher", label = "A teacher" }, { value = "family", label = "Family" }]\n',
        "")
    (message,) = problems_for(tmp_path, body)
    assert "question 'who': single questions need 'options'" in message


def test_option_value_used_twice(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('value = "family"', 'value = "teacher"'))
    assert "question 'who'" in message and "the value 'teacher' is used twice" in message


def test_option_value_with_bad_characters(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('value = "family"', 'value = "My Family"'))
    assert "'value' must use only a-z, 0-9 and _" in message


def test_scale_with_too_few_labels(tmp_path: Path) -> None:
    body = replace_in_good('  { value = "bit", label = "A bit safe" },\n', "")
    (message,) = problems_for(tmp_path, body)
    assert "question 'safe': scale questions need 'labels': a list of 3 to 5" in message


def test_ranking_pick_more_than_options(tmp_path: Path) -> None:
    body = GOOD + textwrap.dedent("""
    [[questions]]
    id = "first"
    type = "ranking"
    text = "What first?"
    pick = 3
    options = [{ value = "a", label = "A" }, { value = "b", label = "B" }]
    """)
    (message,) = problems_for(tmp_path, body)
    assert "question 'first': 'pick' is 3 but there are only 2 options" in message


def test_condition_on_a_later_question(tmp_path: Path) -> None:
    body = replace_in_good('text = { primary = "Do you feel safe?"',
                           'show_if = { question = "adult", answer = ["yes"] }\n'
                           'text = { primary = "Do you feel safe?"')
    (message,) = problems_for(tmp_path, body)
    assert "question 'safe': 'show_if' refers to 'adult', which is not an earlier question" in message


def test_condition_on_an_answer_that_does_not_exist(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good('answer = ["no", "not_sure"]',
                                                        'answer = ["maybe"]'))
    assert "question 'who': 'show_if' answer 'maybe' is not a value of 'adult'" in message


def test_option_key_on_the_wrong_type(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good("not_sure = true", "pick = 2"))
    assert "question 'adult': 'pick' only applies to ranking questions" in message


def test_unknown_question_key(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, replace_in_good("not_sure = true",
                                                        "not_sure = true\nrequired = true"))
    assert "question 'adult': unknown key 'required'" in message


def test_the_same_slug_in_two_files(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "a.toml")
    write(tmp_path, GOOD, "b.toml")
    with pytest.raises(SurveyLoadError) as caught:
        load_catalogue([tmp_path])
    assert "slug 'test-survey' is already used by" in str(caught.value)


def test_every_problem_in_a_file_is_reported_at_once(tmp_path: Path) -> None:
    body = replace_in_good('type = "yes_no"', 'type = "slider"').replace('version = "1"\n', "")
    assert len(problems_for(tmp_path, body)) >= 2


def test_a_broken_file_never_half_loads(tmp_path: Path) -> None:
    write(tmp_path, GOOD, "good.toml")
    write(tmp_path, replace_in_good('"test-survey"', '"other"').replace('type = "yes_no"',
                                                                       'type = "slider"'),
          "bad.toml")
    with pytest.raises(SurveyLoadError):
        load_catalogue([tmp_path])


# -- the shipped survey ------------------------------------------------------------------------


def test_the_shipped_survey_is_a_real_survey() -> None:
    survey = load_catalogue([PROJECT_ROOT / "surveys"]).get("your-voice-matters")
    assert survey is not None
    assert survey.bands == BANDS
    assert 10 <= len(survey.questions) <= 15
    types = {q.type for q in survey.questions}
    assert {"scale", "yes_no", "multiple", "text", "ranking"} <= types
    core = {"safe_home", "safe_school", "safe_online", "safe_area", "trusted_adult",
            "listened_to", "worries", "make_better", "priorities"}
    ids = {q.id for q in survey.questions}
    assert core <= ids, core - ids
    for question in survey.questions:
        if question.id in core:
            assert question.bands == BANDS, f"{question.id} must be comparable across bands"
    assert any(q.show_if is not None for q in survey.questions)


CODEBOOK = """
[[themes]]
name = "food"
label = "Food"
description = "School dinners, snacks, being hungry, healthy food"
examples = ["better school dinners", "free breakfast club"]
not = "Money in general"
"""


def test_a_survey_can_name_its_own_codebook(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(CODEBOOK)
    survey = load_catalogue([write(tmp_path, 'codebook = "mine.toml"\n' + GOOD)]).get("test-survey")
    assert survey is not None and survey.codebook == tmp_path / "mine.toml"


def test_a_codebook_that_cannot_be_loaded(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, 'codebook = "missing.toml"\n' + GOOD)
    assert "'codebook' 'missing.toml' cannot be used" in message
