"""Every free-text answer is anonymised, screened and themed as it is saved."""

from __future__ import annotations

import json

from sqlalchemy import text
from starlette.testclient import TestClient

from tests.answers.child import Child
from tests.answers.test_journey import walk_to
from tests.conftest import text_of

DISCLOSURE = "my step dad Gary hits me when hes drunk but its fine"


def rows(app, sql: str, **params):
    with app.state.voice.engine.connect() as connection:
        return connection.execute(text(sql), params).all()


def free_text_child(client: TestClient, app, code: str, band: str = "secondary") -> Child:
    survey = app.state.voice.catalogue.get("your-voice-matters").for_band(band)
    free = next(q for q in survey.questions if q.type == "text")
    return walk_to(Child(client, survey).start(code), free.id)


def test_a_disclosure_is_flagged_the_moment_it_is_saved(client, app, make_session) -> None:
    session = make_session(school="Hillcrest Academy", year=8)
    child = free_text_child(client, app, session.code)
    question = child.question.id
    child.answer_with(DISCLOSURE)
    # Straight after the answer is acknowledged, before the survey is even sent:
    flags = rows(app, """
        select f.question_id, f.category, f.categories, f.reasons, f.status, s.school, s.year_group
        from concern_flag f join class_session s on s.id = f.session_id""")
    assert len(flags) == 1
    question_id, category, categories, reasons, status, school, year = flags[0]
    assert question_id == question and status == "new"
    assert category == "physical_abuse" and category in json.loads(categories)
    assert json.loads(reasons) and all("Gary" not in r for r in json.loads(reasons))
    assert (school, year) == ("Hillcrest Academy", 8)
    stored = rows(app, "select value from answer where question_id = :q", q=question)[0][0]
    assert "Gary" not in stored and "[name]" in stored


def test_an_ordinary_answer_is_themed_not_flagged(client, app, make_session) -> None:
    child = free_text_child(client, app, make_session().code)
    question = child.question.id
    child.answer_with("The buses stop at six so I cant get to the youth club in town")
    assert rows(app, "select count(*) from concern_flag")[0][0] == 0
    themes, sentiment, phrases = rows(
        app, "select themes, sentiment, phrases from text_analysis where question_id = :q",
        q=question)[0]
    assert "transport" in json.loads(themes)
    assert -1 <= sentiment <= 1
    assert isinstance(json.loads(phrases), list)


def test_rubbing_out_a_disclosure_keeps_the_flag(client, app, make_session) -> None:
    child = free_text_child(client, app, make_session().code)
    question = child.question
    child.answer_with(DISCLOSURE)
    child.response = client.get(f"/answer/{question.id}")
    child.answer_with(DISCLOSURE)  # a retried save: not stored twice
    child.response = client.get(f"/answer/{question.id}")
    child.answer_with("nothing really")
    assert rows(app, "select count(*) from concern_flag")[0][0] == 1
    assert rows(app, "select value from answer where question_id = :q",
                q=question.id)[0][0] == '"nothing really"'


def test_thank_you_page_adds_gentle_words_only_after_a_concern(client, app, make_session) -> None:
    child = free_text_child(client, app, make_session("primary").code, band="primary")
    child.answer_with(DISCLOSURE)
    child.answer_all().submit()
    assert child.path.startswith("/thanks/") and "?" not in str(child.response.url)
    words = text_of(child.response)
    assert "Is something worrying you?" in words and "You will not be in trouble" in words
    # Shown once: a refresh (or the next child on this device) does not see it again.
    assert "Is something worrying you?" not in text_of(client.get(child.path))

    other = free_text_child(TestClient(app), app, make_session("primary").code, band="primary")
    other.answer_with("more parks please")
    other.answer_all().submit()
    assert "Is something worrying you?" not in text_of(other.response)
    assert "Thank you!" in text_of(other.response)
