"""The theming workspace: coding answers one by one and in bulk, editing the codebook and
re-theming, approving quotes (re-anonymised and re-screened), and two coders' agreement."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select, update

from tests.results.conftest import add_child
from tests.staff.conftest import PASSWORD, sign_in, token_of
from voice.answers.models import Answer, TextAnalysis
from voice.results.models import Quote, ThemeDecision

BASE = "/staff/workspace/your-voice-matters/make_better"
WRITTEN = [
    "more buses in the evening so we can get to the youth club",
    "the park needs lights because it is scary at night",
    "stop bullying on snapchat and in the group chats",
    "a skate park and more football pitches",
    "bus fares are too expensive for young people",
    "more police walking around the town centre",
]


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:400]
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def written(app, make_session) -> list[str]:
    session = make_session("secondary", school="Hill Academy", year=9)
    return [add_child(app, session, {"make_better": text}) for text in WRITTEN]


def rows_of(page: BeautifulSoup) -> dict[str, BeautifulSoup]:
    return {tr.select_one(".answer-text").text: tr for tr in page.select("tr[data-answer]")}


def chips(row) -> dict[str, str]:
    return {li.select_one("span").text: li.select_one(".chip-state").text for li in row.select(".chip")}


def analysed(app, submission_id: str) -> list[str]:
    with app.state.voice.engine.connect() as conn:
        return json.loads(conn.execute(select(TextAnalysis.themes).where(
            TextAnalysis.submission_id == submission_id)).scalar())


def test_answers_show_suggestions_and_sentiment(app, written, signed_in) -> None:
    page = soup(signed_in("analyst").get(BASE))
    rows = rows_of(page)
    assert len(rows) == 6
    bus = rows[WRITTEN[0]]
    assert chips(bus).get("Transport") == "suggested"
    assert "sentiment" in bus.text


def test_confirm_reject_and_add_one_by_one(app, written, signed_in) -> None:
    analyst = signed_in("analyst")
    token = token_of(analyst)
    key = f"{written[0]}|make_better"
    # htmx: the row comes back on its own, updated.
    row = analyst.post(f"{BASE}/decide", data={"answer": key, "theme": "transport",
                                               "decision": "yes", "csrf_token": token},
                       headers={"HX-Request": "true", "X-CSRF-Token": token})
    fragment = BeautifulSoup(row.text, "html.parser")
    assert fragment.select_one("tr")["data-answer"] == key
    assert chips(fragment)["Transport"] == "confirmed by you"
    analyst.post(f"{BASE}/decide", data={"answer": key, "theme": "places_to_go", "decision": "yes",
                                         "csrf_token": token})
    analyst.post(f"{BASE}/decide", data={"answer": key, "theme": "transport", "decision": "no",
                                         "csrf_token": token})
    row = rows_of(soup(analyst.get(BASE)))[WRITTEN[0]]
    assert chips(row)["Transport"] == "rejected by you"
    assert chips(row)["Places to go and things to do"].startswith("confirmed")
    refused = analyst.post(f"{BASE}/decide", data={"answer": key, "theme": "made_up",
                                                   "decision": "yes", "csrf_token": token})
    assert refused.status_code == 400


def test_bulk_confirm(app, written, signed_in) -> None:
    analyst = signed_in("analyst")
    keys = [f"{written[0]}|make_better", f"{written[4]}|make_better"]
    analyst.post(f"{BASE}/bulk", data={"answers": keys, "theme": "money_and_cost", "decision": "yes",
                                       "csrf_token": token_of(analyst)})
    with app.state.voice.engine.connect() as conn:
        decided = conn.execute(select(ThemeDecision.submission_id).where(
            ThemeDecision.theme == "money_and_cost", ThemeDecision.decision.is_(True))).scalars().all()
    assert sorted(decided) == sorted([written[0], written[4]])
    nothing = analyst.post(f"{BASE}/bulk", data={"theme": "money_and_cost", "decision": "yes",
                                                 "csrf_token": token_of(analyst)})
    assert nothing.status_code == 400 and "Tick the answers" in nothing.text


def test_a_new_theme_re_themes_answers(app, written, signed_in) -> None:
    analyst = signed_in("analyst")
    assert "skateparks" not in analysed(app, written[3])
    added = analyst.post("/staff/workspace/your-voice-matters/codebook", data={
        "action": "add", "name": "skateparks", "label": "Skate parks and pitches",
        "description": "skate parks, football pitches, courts and places to do sport outside",
        "examples": "build a skate park\nmore football pitches", "not_text": "",
        "csrf_token": token_of(analyst)})
    assert "Suggestions were made again for 6 answers" in added.text
    assert "skateparks" in analysed(app, written[3])
    assert "skateparks" not in analysed(app, written[2])


def test_rename_merge_and_retire(app, written, signed_in) -> None:
    analyst = signed_in("analyst")
    url = "/staff/workspace/your-voice-matters/codebook"
    analyst.get(url)
    token = token_of(analyst)
    analyst.post(f"{BASE}/decide", data={"answer": f"{written[5]}|make_better", "theme": "policing",
                                         "decision": "yes", "csrf_token": token})
    renamed = analyst.post(url, data={"action": "edit", "name": "policing", "label": "The police",
                                      "description": "police, PCSOs, patrols", "examples": "",
                                      "not_text": "", "csrf_token": token})
    assert soup(renamed).select_one("tr[data-theme=policing] th").text.startswith("The police")
    analyst.post(url, data={"action": "merge", "source": "policing",
                            "target": "feeling_safe_outdoors", "csrf_token": token})
    with app.state.voice.engine.connect() as conn:
        moved = conn.execute(select(ThemeDecision.theme).where(
            ThemeDecision.submission_id == written[5])).scalars().all()
    assert moved == ["feeling_safe_outdoors"]
    assert "policing" not in analysed(app, written[5])
    page = soup(analyst.get(url))
    assert "Merged into" in page.select_one("tr[data-theme=policing]").text
    analyst.post(url, data={"action": "retire", "name": "transport", "csrf_token": token})
    assert "transport" not in analysed(app, written[0])
    assert "Retired" in soup(analyst.get(url)).select_one("tr[data-theme=transport]").text
    bad = analyst.post(url, data={"action": "add", "name": "Bad Name!", "label": "x",
                                  "description": "y", "csrf_token": token})
    assert bad.status_code == 400


def test_quotes_are_re_anonymised_and_re_screened(app, make_session, signed_in) -> None:
    session = make_session("secondary", school="Hill Academy", year=9)
    ok = add_child(app, session, {"make_better": "more youth clubs that are free"})
    flagged = add_child(app, session, {"make_better": "nothing, my stepdad hits me every night"})
    # An answer stored before the anonymiser learned a pattern: a quote must not carry it.
    with app.state.voice.engine.begin() as conn:
        conn.execute(update(Answer.__table__).where(Answer.submission_id == ok).values(
            value=json.dumps("more youth clubs like the one Kacper Nowak runs, call 07700 900123")))
    analyst = signed_in("analyst")
    token = token_of(analyst)
    analyst.post(f"{BASE}/quote", data={"answer": f"{ok}|make_better", "action": "approve",
                                        "csrf_token": token})
    refused = analyst.post(f"{BASE}/quote", data={"answer": f"{flagged}|make_better",
                                                  "action": "approve", "csrf_token": token})
    assert refused.status_code == 400 and "safeguarding concern" in refused.text
    with app.state.voice.engine.connect() as conn:
        quotes = conn.execute(select(Quote.submission_id, Quote.text, Quote.status)).all()
    assert [(q.submission_id, q.status) for q in quotes] == [(ok, "approved")]
    assert "Kacper" not in quotes[0].text and "07700" not in quotes[0].text
    assert "[phone]" in quotes[0].text
    assert "approved quote" in rows_of(soup(analyst.get(BASE)))[
        "more youth clubs like the one Kacper Nowak runs, call 07700 900123"].text
    analyst.post(f"{BASE}/quote", data={"answer": f"{ok}|make_better", "action": "withdraw",
                                        "csrf_token": token})
    with app.state.voice.engine.connect() as conn:
        assert conn.execute(select(Quote.status)).scalar() == "withdrawn"


def test_two_coders_and_their_kappa(app, make_session, signed_in, staff_accounts) -> None:
    """10 answers, theme transport. Coder A says yes to answers 0-4, coder B to 0-3 and 5-6:
    both yes 4, A only 1, B only 2, both no 3. Observed 0.7; A yes 0.5, B yes 0.6, expected
    0.5 x 0.6 + 0.5 x 0.4 = 0.5; kappa (0.7 - 0.5) / 0.5 = 0.40."""
    session = make_session("secondary", school="Hill Academy", year=9)
    ids = [add_child(app, session, {"make_better": f"answer number {n} about things"})
           for n in range(10)]
    app.state.voice.accounts.create(email="second@example.org", role="analyst", password=PASSWORD)
    first = signed_in("analyst")
    from starlette.testclient import TestClient

    with TestClient(app, follow_redirects=True) as second:
        sign_in(second, "second@example.org")
        for client, yes in ((first, range(0, 5)), (second, [0, 1, 2, 3, 5, 6])):
            token = token_of(client)
            keys = [f"{i}|make_better" for i in ids]
            client.post(f"{BASE}/bulk", data={"answers": [keys[n] for n in yes], "theme": "transport",
                                              "decision": "yes", "csrf_token": token})
            client.post(f"{BASE}/bulk", data={"answers": [keys[n] for n in range(10) if n not in yes],
                                              "theme": "transport", "decision": "no",
                                              "csrf_token": token})
        second_id = app.state.voice.accounts.by_email("second@example.org").id
    page = soup(first.get(f"{BASE}/agreement?first={staff_accounts['analyst']}&second={second_id}"))
    assert "10 answers coded by both" in page.text
    row = page.select_one("tr[data-theme=transport]")
    assert [td.text for td in row.select("td")] == ["4", "1", "2", "3", "70%", "0.40"]


def test_only_analysts_and_admins(app, written, signed_in) -> None:
    for role in ("facilitator", "partner", "safeguarding"):
        assert signed_in(role).get(BASE).status_code == 403
    assert signed_in("admin").get(BASE).status_code == 200
    assert signed_in("analyst").get("/staff/workspace/your-voice-matters/nope").status_code == 404


def test_an_edited_codebook_themes_new_answers_after_a_restart(app, settings, written,
                                                                signed_in) -> None:
    from voice.web.app import create_app

    analyst = signed_in("analyst")
    analyst.post("/staff/workspace/your-voice-matters/codebook", data={
        "action": "add", "name": "skateparks", "label": "Skate parks and pitches",
        "description": "skate parks, football pitches, courts and places to do sport outside",
        "examples": "build a skate park\nmore football pitches", "not_text": "",
        "csrf_token": token_of(analyst)})
    restarted = create_app(settings)
    try:
        names = {t.name for t in restarted.state.voice.codebooks["your-voice-matters"].themes}
        assert "skateparks" in names
    finally:
        restarted.state.voice.close()
