"""Every step of the child's journey over plain HTTP (no JavaScript), read as the child sees it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import text
from starlette.testclient import TestClient

from tests.answers.child import Child
from tests.conftest import page, text_of
from voice.clock import utcnow

SURVEY = "your-voice-matters"


def child_for(client: TestClient, app, band: str = "secondary") -> Child:
    survey = app.state.voice.catalogue.get(SURVEY).for_band(band)
    return Child(client, survey)


def rows(app, sql: str, **params):
    with app.state.voice.engine.connect() as connection:
        return connection.execute(text(sql), params).all()


# -- joining -------------------------------------------------------------------------------------


def test_join_page_has_a_labelled_class_code_box(client: TestClient) -> None:
    soup = page(client.get("/"))
    box = soup.find("input", {"name": "code"})
    label = soup.find("label", {"for": box["id"]})
    assert label.get_text(strip=True) == "Class code"
    assert soup.find("form")["method"] == "post"


@pytest.mark.parametrize("path", ["/", "/join/NOPE123", "/check", "/no-such-page"])
def test_help_is_on_every_page(client: TestClient, path: str) -> None:
    words = text_of(client.get(path))
    assert "Talk to an adult you trust" in words
    assert "Childline" in words and "0800 1111" in words


def test_code_is_accepted_in_any_case_and_spacing(client, app, make_session) -> None:
    code = make_session().code
    typed = f" {code[:3].lower()} - {code[3:].lower()} "
    response = client.post("/join", data={"code": typed})
    assert response.url.path == f"/join/{code}"
    assert "Do you want to take part?" in text_of(response)


def test_unknown_code_gets_a_friendly_message(client: TestClient) -> None:
    response = client.post("/join", data={"code": "ACDEFHJ"})
    assert response.status_code == 400
    soup = page(response)
    assert "We can't find a class with that code" in soup.find(class_="error-message").get_text()
    assert soup.find("input", {"name": "code"})["aria-invalid"] == "true"


def test_empty_code_asks_for_the_code(client: TestClient) -> None:
    response = client.post("/join", data={"code": "  "})
    assert "Please type the class code your teacher gave you" in text_of(response)


def test_closed_session_says_it_has_closed(client, make_session) -> None:
    past = utcnow() - timedelta(days=3)
    code = make_session(opens_at=past, closes_at=past + timedelta(days=1)).code
    response = client.post("/join", data={"code": code})
    assert "This survey has closed" in text_of(response)


def test_session_not_open_yet_says_when_it_opens(client, make_session) -> None:
    soon = utcnow() + timedelta(days=2)
    code = make_session(opens_at=soon).code
    words = text_of(client.post("/join", data={"code": code}))
    assert "isn't open yet" in words and "It opens on" in words


def test_code_entry_is_rate_limited(client, make_session, app) -> None:
    code = make_session().code
    limit = app.state.voice.settings.code_attempts
    for _ in range(limit):
        assert client.post("/join", data={"code": "ACDEFHJ"}).status_code == 400
    blocked = client.post("/join", data={"code": "ACDEFHJ"})
    assert blocked.status_code == 429
    assert "Please wait" in text_of(blocked)
    # Once limited, even the right code waits: otherwise guessing could carry on unseen.
    assert client.post("/join", data={"code": code}).status_code == 429
    assert client.get(f"/join/{code}").status_code == 429


def test_welcome_page_explains_who_why_and_when_an_adult_reads(client, app, make_session) -> None:
    code = make_session("primary").code
    words = text_of(client.get(f"/join/{code}"))
    for heading in ("Who is asking?", "Why are we asking?", "What happens to your answers?",
                    "When would an adult read what I write?", "Do you want to take part?"):
        assert heading in words
    about = app.state.voice.catalogue.get(SURVEY).for_band("primary").about
    assert about["when_adult_reads"][:40] in words


def test_saying_no_saves_nothing(client, app, make_session) -> None:
    child = child_for(client, app).join(make_session().code).take_part("no")
    assert "You don't have to take part" in text_of(child.response)
    assert rows(app, "select count(*) from submission")[0][0] == 0


# -- answering -----------------------------------------------------------------------------------


def test_first_question_shows_progress_and_all_buttons(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    soup = child.soup
    total = len(child.survey.visible({}))
    assert soup.find(class_="progress-text").get_text(strip=True) == f"Question 1 of {total}"
    buttons = {b.get_text(strip=True) for b in soup.find_all("button", {"name": "action"})}
    assert {"Next", "Skip this question", "I'd rather not say"} <= buttons
    assert "Back to the last question" not in buttons  # nothing to go back to yet
    assert soup.find("h1").get_text(strip=True) == child.survey.questions[0].text


def test_answers_are_saved_as_you_go(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    first = child.question
    child.answer_typical()
    saved = rows(app, "select question_id, status from answer")
    assert saved == [(first.id, "answered")]


def test_back_returns_to_the_previous_answer_prefilled(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    first = child.question
    chosen = first.choices[1].value
    child.answer_with(chosen)
    assert child.question.id != first.id
    child.post("back")
    assert child.question.id == first.id
    checked = child.soup.find("input", {"checked": True})
    assert checked["value"] == chosen
    assert "Back to the last question" not in text_of(child.response)


def test_skip_and_rather_not_say_are_recorded_differently(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    first, second = child.survey.questions[0], child.survey.questions[1]
    child.post("skip", answer=first.choices[0].value)  # a skip discards what was chosen
    child.post("rather_not_say")
    saved = dict(rows(app, "select question_id, status from answer"))
    assert saved == {first.id: "skipped", second.id: "rather_not_say"}
    assert rows(app, "select value from answer where question_id = :q", q=first.id)[0][0] is None


def test_next_with_nothing_chosen_counts_as_skipped(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    first = child.question
    child.post("next")
    assert child.question.id != first.id
    assert rows(app, "select status from answer")[0][0] == "skipped"


def test_an_answer_not_on_the_page_is_refused_kindly(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    first = child.question
    child.post(answer="<script>alert(1)</script>")
    assert child.response.status_code == 400
    assert "Please choose one of the answers shown" in text_of(child.response)
    assert child.question.id == first.id
    assert rows(app, "select count(*) from answer")[0][0] == 0


def walk_to(child: Child, question_id: str) -> Child:
    for _ in range(30):
        if child.question is not None and child.question.id == question_id:
            return child
        child.answer_typical()
    raise AssertionError(f"never reached {question_id}")


def conditional(app):
    """The survey's first follow-up question, its parent, an answer that opens it and one that doesn't."""
    survey = app.state.voice.catalogue.get(SURVEY).for_band("secondary")
    follow_up = next(q for q in survey.questions if q.show_if is not None)
    parent = survey.question(follow_up.show_if.question)
    trigger = sorted(follow_up.show_if.answers)[0]
    other = next(c.value for c in parent.choices if c.value not in follow_up.show_if.answers)
    return follow_up, parent.id, trigger, other


def test_follow_up_is_asked_only_when_its_condition_holds(client, app, make_session) -> None:
    follow_up, parent, trigger, other = conditional(app)

    child = walk_to(child_for(client, app).start(make_session().code), parent)
    child.answer_with(trigger)
    assert child.question.id == follow_up.id

    child2 = walk_to(child_for(TestClient(app), app).start(make_session().code), parent)
    child2.answer_with(other)
    assert child2.question.id != follow_up.id


def test_multiple_choice_keeps_every_choice(client, app, make_session) -> None:
    survey = app.state.voice.catalogue.get(SURVEY).for_band("secondary")
    multiple = next(q for q in survey.questions if q.type == "multiple" and q.show_if is None)
    picks = [multiple.choices[0].value, multiple.choices[2].value]
    child = walk_to(child_for(client, app).start(make_session().code), multiple.id)
    child.answer_with(picks)
    stored = rows(app, "select value from answer where question_id = :q", q=multiple.id)[0][0]
    assert json.loads(stored) == picks


def test_ranking_refuses_the_same_choice_twice(client, app, make_session) -> None:
    survey = app.state.voice.catalogue.get(SURVEY).for_band("secondary")
    ranking = next(q for q in survey.questions if q.type == "ranking")
    child = walk_to(child_for(client, app).start(make_session().code), ranking.id)
    same = ranking.choices[0].value
    child.answer_with([same, same])
    assert child.response.status_code == 400
    assert "more than once" in text_of(child.response)
    # What the child chose stays on the page for them to fix.
    assert child.soup.find("select", {"name": "rank_1"}).find("option", selected=True)["value"] == same
    order = [c.value for c in ranking.choices[: ranking.pick]]
    child.answer_with(order)
    stored = rows(app, "select value from answer where question_id = :q", q=ranking.id)[0][0]
    assert json.loads(stored) == order


def test_too_long_text_is_refused_with_the_limit(client, app, make_session) -> None:
    survey = app.state.voice.catalogue.get(SURVEY).for_band("secondary")
    free = next(q for q in survey.questions if q.type == "text")
    child = walk_to(child_for(client, app).start(make_session().code), free.id)
    child.answer_with("a" * (free.max_length + 1))
    assert child.response.status_code == 400
    assert f"under {free.max_length} characters" in text_of(child.response)
    assert child.soup.find("textarea").get_text() == "a" * (free.max_length + 1)


def test_primary_scale_shows_faces_with_words(client, app, make_session) -> None:
    survey = app.state.voice.catalogue.get(SURVEY).for_band("primary")
    scale = next(q for q in survey.questions if q.type == "scale")
    child = walk_to(child_for(client, app, "primary").start(make_session("primary").code),
                    scale.id)
    labels = child.soup.select(".faces .choice label")
    assert len(labels) == len(scale.choices)
    for label, choice in zip(labels, scale.choices, strict=True):
        assert label.find(class_="face")["aria-hidden"] == "true"
        assert choice.label in label.get_text()


def test_older_bands_get_words_not_faces(client, app, make_session) -> None:
    survey = app.state.voice.catalogue.get(SURVEY).for_band("post16")
    scale = next(q for q in survey.questions if q.type == "scale")
    child = walk_to(child_for(client, app, "post16").start(make_session("post16").code), scale.id)
    assert child.soup.select(".face") == []


# -- check, send, thank you ------------------------------------------------------------------


@pytest.mark.parametrize("band", ["primary", "secondary", "post16"])
def test_complete_journey_in_each_band(client, app, make_session, band: str) -> None:
    child = child_for(client, app, band).start(make_session(band).code).answer_all()
    assert child.path == "/check"
    assert "Check your answers" in text_of(child.response)
    child.submit()
    assert child.path.startswith("/thanks/")
    words = text_of(child.response)
    assert "Thank you!" in words and "What happens next" in words
    assert rows(app, "select count(*) from submission where completed_at is not null")[0][0] == 1


def test_check_page_lists_answers_with_change_links(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    first = child.question
    child.post("rather_not_say")
    child.client.get("/check")
    child.response = child.client.get("/check")
    soup = child.soup
    first_row = soup.find("dt", string=first.text).parent
    assert "I'd rather not say" in first_row.get_text()
    link = first_row.find("a")
    assert link["href"] == f"/answer/{first.id}?return=check"
    # Changing an answer from the check page comes straight back to it.
    child.response = child.client.get(link["href"])
    child.answer_with(first.choices[0].value)
    assert child.path == "/check"
    assert first.choices[0].label in child.soup.find("dt", string=first.text).parent.get_text()


def test_submit_twice_makes_one_submission(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code).answer_all()
    cookie = client.cookies.get("voice_journey")
    child.submit()
    # A double tap: the second request still carries the cookie it was sent with.
    client.cookies.clear()
    client.cookies.set("voice_journey", cookie)
    again = client.post("/submit")
    assert again.url.path.startswith("/thanks/")
    assert rows(app, "select count(*) from submission")[0][0] == 1
    completed = rows(app, "select completed_at from submission")[0][0]
    client.cookies.clear()
    client.cookies.set("voice_journey", cookie)
    client.post("/submit")
    assert rows(app, "select completed_at from submission")[0][0] == completed


def test_pressing_yes_twice_starts_one_submission(client, app, make_session) -> None:
    code = make_session().code
    soup = page(client.get(f"/join/{code}"))
    token = soup.find("input", {"name": "token"})["value"]
    for _ in range(3):
        client.post(f"/join/{code}/start", data={"token": token, "take_part": "yes"})
    assert rows(app, "select count(*) from submission")[0][0] == 1


def test_a_forged_start_token_is_not_trusted(client, app, make_session) -> None:
    code = make_session().code
    response = client.post(f"/join/{code}/start", data={"token": "made-up", "take_part": "yes"})
    assert response.url.path == f"/join/{code}"
    assert rows(app, "select count(*) from submission")[0][0] == 0


def test_answers_cannot_change_after_sending(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code).answer_all()
    cookie = client.cookies.get("voice_journey")
    first = child.survey.questions[0]
    before = rows(app, "select status, value from answer where question_id = :q", q=first.id)
    child.submit()
    client.cookies.clear()
    client.cookies.set("voice_journey", cookie)
    response = client.post(f"/answer/{first.id}", data={"action": "skip"})
    assert response.url.path.startswith("/thanks/")
    assert rows(app, "select status, value from answer where question_id = :q",
                q=first.id) == before


def test_thank_you_forgets_the_journey_on_this_device(client, app, make_session) -> None:
    child_for(client, app).start(make_session().code).answer_all().submit()
    assert "voice_journey" not in client.cookies
    response = client.get("/check")
    assert "If you already sent your answers, they are safe with us" in text_of(response)


def test_hidden_follow_up_answers_are_dropped_on_submit(client, app, make_session) -> None:
    follow_up, parent, trigger, other = conditional(app)
    child = walk_to(child_for(client, app).start(make_session().code), parent)
    child.answer_with(trigger)
    child.answer_typical()  # answers the follow-up
    child.response = client.get(f"/answer/{parent}?return=check")
    child.answer_with(other)  # now the follow-up no longer applies
    child.response = client.get("/check")
    assert follow_up.text not in text_of(child.response)
    child.submit()
    assert rows(app, "select count(*) from answer where question_id = :q", q=follow_up.id) == [(0,)]


# -- resume ------------------------------------------------------------------------------------


def test_resume_on_the_same_device_after_the_bell(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    child.answer_typical().answer_typical()
    where = child.question.id
    # Next lesson: the browser comes back to the front page with its cookie.
    soup = page(client.get("/"))
    carry_on = soup.find("a", id="carry-on")
    assert carry_on is not None and "Carry on" in carry_on.get_text()
    child.response = client.get(carry_on["href"])
    assert child.question.id == where  # straight back to the first question not yet answered
    # Everything answered but not sent: carry on at "check your answers".
    child.answer_all()
    soup = page(client.get("/"))
    assert soup.find("a", id="carry-on")["href"] == "/check"


def test_a_tampered_cookie_is_treated_as_no_journey(client, app, make_session) -> None:
    child_for(client, app).start(make_session().code)
    cookie = client.cookies.get("voice_journey")
    payload, _, signature = cookie.rpartition(".")
    forged = payload + "." + ("x" * len(signature))
    client.cookies.clear()
    client.cookies.set("voice_journey", forged)
    response = client.get("/check")
    assert response.status_code == 400
    assert "We couldn't find your answers" in text_of(response)
    assert page(client.get("/")).find(id="carry-on") is None


def test_closing_a_session_stops_new_answers_but_keeps_saved_ones(client, app, make_session) -> None:
    info = make_session()
    child = child_for(client, app).start(info.code)
    child.answer_typical()
    with app.state.voice.engine.begin() as connection:
        connection.execute(text("update class_session set closes_at = :t"),
                           {"t": utcnow() - timedelta(seconds=1)})
    app.state.voice.sessions.forget(info.code)
    response = client.get("/check")
    assert "This survey has now closed. The answers you already gave are saved" in text_of(response)
    assert rows(app, "select count(*) from answer")[0][0] == 1


# -- htmx ------------------------------------------------------------------------------------


def test_htmx_requests_get_a_fragment_with_the_title(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    path = child.path
    response = client.get(path, headers={"HX-Request": "true"})
    assert response.headers["HX-Push-Url"] == path
    soup = page(response)
    assert soup.find("html") is None and soup.find("footer") is None
    assert soup.find("title").get_text().startswith("Question 1 of")
    assert soup.find("form", class_="question") is not None


def test_every_question_page_works_without_javascript(client, app, make_session) -> None:
    child = child_for(client, app).start(make_session().code)
    for _ in range(20):
        if child.question is None:
            break
        form = child.soup.find("form", class_="question")
        assert form["method"] == "post" and form["action"].startswith("/answer/")
        assert child.soup.find("button", {"value": "next"})["type"] == "submit"
        child.answer_typical()
    assert child.path == "/check"
