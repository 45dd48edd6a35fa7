"""Act and Feedback over HTTP: statements, partners answering only for their own organisation,
sanitising, review states, preview links, and what the public pages may and may not show."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import insert, select, update
from starlette.testclient import TestClient

from tests.results.conftest import add_child
from tests.staff.conftest import PASSWORD, sign_in, token_of
from voice.clock import utcnow
from voice.feedback.models import PartnerResponse, Rating, Statement
from voice.results.models import Quote
from voice.staff.models import Organisation

SLUG = "your-voice-matters"
HARD = ("The partnership's multi-agency safeguarding arrangements necessitate comprehensive "
        "reconsideration of transportation infrastructure accessibility considerations.")


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


@pytest.fixture
def orgs(app, staff_accounts) -> dict[str, int]:
    voice = app.state.voice
    with voice.engine.begin() as conn:
        conn.execute(insert(Organisation.__table__).values(name="County Council", kind="council",
                                                            created_at=utcnow()))
        ids = {r.name: r.id for r in conn.execute(select(Organisation.__table__))}
    voice.accounts.create(email="council@example.org", role="partner", password=PASSWORD,
                          organisation="County Council")
    return ids


@pytest.fixture
def quote_ids(app, make_session, staff_accounts) -> list[int]:
    session = make_session("secondary")
    sub = add_child(app, session, {"make_better": "more buses after 6 so we can get to clubs"})
    sub2 = add_child(app, session, {"make_better": "buses are too expensive"})
    with app.state.voice.engine.begin() as conn:
        ids = []
        for s, text in ((sub, "more buses after 6 so we can get to clubs"),
                        (sub2, "buses are too expensive")):
            ids.append(conn.execute(insert(Quote.__table__).values(
                survey_slug=SLUG, submission_id=s, question_id="make_better", text=text,
                status="approved", approved_by=staff_accounts["analyst"],
                approved_at=utcnow()).returning(Quote.id)).scalar_one())
    return ids


def make_statement(client, orgs, quote_ids, *, children: int = 3, to=("Lincs Police",)) -> int:
    page = client.post("/staff/statements", data={
        "csrf_token": token_of(client), "survey": SLUG, "theme": "transport",
        "title": "Buses after school", "said": "Many said buses stop too early to get to clubs.",
        "child_primary": "You said the buses stop too soon.",
        "child_secondary": "You said buses stop too early for clubs.",
        "child_post16": "You said buses stop too early to get to college and clubs.",
        "children": str(children), "quotes": [str(q) for q in quote_ids],
        "orgs": [str(orgs[name]) for name in to]})
    assert page.url.path.startswith("/staff/statements/"), page.text[:400]
    return int(page.url.path.rsplit("/", 1)[1])


def respond(client, statement_id: int, action: str = "submit", **extra: str):
    data = {"csrf_token": token_of(client), "action": action, "status": "will",
            "owner": "Inspector Reed", "due": "2027-03-01",
            "body": "<p>We will ask the bus company for later buses.</p>",
            "child_primary": "We will ask for buses later in the day.",
            "child_secondary": "We will ask the bus company for later buses.",
            "child_post16": "We will ask the bus company to run buses later.", **extra}
    return client.post(f"/staff/partner/statements/{statement_id}", data=data)


def test_a_partner_sees_and_changes_only_their_own(app, orgs, quote_ids, signed_in) -> None:
    statement = make_statement(signed_in("analyst"), orgs, quote_ids)
    police = signed_in("partner")
    assert [a.text for a in soup(police.get("/staff/partner")).select("a.mission-link")] == [
        "Buses after school"]
    with TestClient(app, follow_redirects=True) as council:
        sign_in(council, "council@example.org")
        assert soup(council.get("/staff/partner")).select("a.mission-link") == []
        assert council.get(f"/staff/partner/statements/{statement}").status_code == 404
        assert respond(council, statement).status_code == 404
    with app.state.voice.engine.connect() as conn:
        assert conn.execute(select(PartnerResponse.__table__)).all() == []
    assert signed_in("facilitator").get("/staff/statements").status_code == 403
    assert police.get("/staff/statements").status_code == 403


def test_partner_html_is_sanitised(app, orgs, quote_ids, signed_in) -> None:
    statement = make_statement(signed_in("analyst"), orgs, quote_ids)
    police = signed_in("partner")
    respond(police, statement, action="save",
            body='<p onclick="steal()">Later buses <script>alert(1)</script>'
                 '<a href="javascript:alert(1)">here</a> <a href="https://bus.example">timetable</a></p>')
    with app.state.voice.engine.connect() as conn:
        body = conn.execute(select(PartnerResponse.body_html)).scalar()
    assert "<script" not in body and "onclick" not in body and "javascript:" not in body
    assert 'href="https://bus.example"' in body and "Later buses" in body


def test_review_states_and_what_the_public_sees(app, orgs, quote_ids, signed_in) -> None:
    lead = signed_in("analyst")
    statement = make_statement(lead, orgs, quote_ids, children=3)
    police = signed_in("partner")
    public = TestClient(app, follow_redirects=True)
    respond(police, statement, action="save")
    assert public.get(f"/you-said-we-did/{SLUG}/secondary").status_code == 200
    assert "Buses after school" not in public.get(f"/you-said-we-did/{SLUG}/secondary").text
    respond(police, statement)  # submitted
    review = soup(lead.get(f"/staff/statements/{statement}"))
    assert "Waiting for approval" in review.text
    refused = lead.post(f"/staff/statements/{statement}", data={
        "csrf_token": token_of(lead), "response": "1", "decision": "return", "note": ""})
    assert refused.status_code == 400 and "Say what needs changing" in refused.text
    lead.post(f"/staff/statements/{statement}", data={
        "csrf_token": token_of(lead), "response": "1", "decision": "return",
        "note": "Please say when you will ask."})
    returned = soup(police.get(f"/staff/partner/statements/{statement}"))
    assert "Please say when you will ask." in returned.text
    assert "Buses after school" not in public.get(f"/you-said-we-did/{SLUG}/secondary").text
    respond(police, statement)
    lead.post(f"/staff/statements/{statement}", data={
        "csrf_token": token_of(lead), "response": "1", "decision": "approve", "note": ""})
    page = soup(public.get(f"/you-said-we-did/{SLUG}/secondary"))
    item = page.select_one("section.statement")
    assert item.h2.text == "Buses after school"
    assert "We will ask the bus company for later buses." in item.text
    assert "fewer than 10 of you said this" in item.text  # 3 children: suppressed
    assert "3 of you" not in item.text
    assert len(item.select("blockquote.quote")) == 2
    # A quote withdrawn later disappears from the public page.
    with app.state.voice.engine.begin() as conn:
        conn.execute(update(Quote.__table__).where(Quote.id == quote_ids[1]).values(
            status="withdrawn"))
    page = soup(public.get(f"/you-said-we-did/{SLUG}/secondary"))
    assert [q.text for q in page.select("blockquote.quote")] == [
        "“more buses after 6 so we can get to clubs”"]
    # Edits after approval wait for the next approval: the published copy stays.
    respond(police, statement, action="save", child_secondary="We changed our minds.")
    assert "We changed our minds" not in public.get(f"/you-said-we-did/{SLUG}/secondary").text
    # Each version shows its own words; adults see the full response.
    assert "We will ask for buses later in the day." in public.get(
        f"/you-said-we-did/{SLUG}/primary").text
    adults = soup(public.get(f"/you-said-we-did/{SLUG}/adults"))
    assert "Inspector Reed" in adults.text and adults.select_one(".response-body p")
    public.close()


def test_a_big_enough_count_is_shown(app, orgs, quote_ids, signed_in) -> None:
    lead = signed_in("analyst")
    statement = make_statement(lead, orgs, quote_ids, children=42)
    respond(signed_in("partner"), statement)
    lead.post(f"/staff/statements/{statement}", data={
        "csrf_token": token_of(lead), "response": "1", "decision": "approve", "note": ""})
    with TestClient(app) as public:
        assert "42 children and young people said this" in public.get(
            f"/you-said-we-did/{SLUG}/adults").text


def test_reading_level_warning(app, orgs, quote_ids, signed_in) -> None:
    statement = make_statement(signed_in("analyst"), orgs, quote_ids)
    page = respond(signed_in("partner"), statement, action="save", child_primary=HARD)
    warning = soup(page).select_one(".warning")
    assert warning is not None and "ages 7 to 11 version reads at grade" in warning.text
    assert "Saved, but check" in warning.text
    plain = respond(signed_in("partner"), statement, action="save")
    assert str(plain.url).endswith("?saved=1") and soup(plain).select_one(".warning") is None


def test_cant_needs_a_reason_and_dates_need_an_owner(app, orgs, quote_ids, signed_in) -> None:
    statement = make_statement(signed_in("analyst"), orgs, quote_ids)
    police = signed_in("partner")
    assert "Say why you can't" in soup(respond(police, statement, status="cant")).text
    assert "owner and a due date" in soup(respond(police, statement, owner="")).text
    missing = respond(police, statement, child_post16="")
    assert missing.status_code == 400 and "ages 16 to 25" in soup(missing).text


def test_preview_links(app, orgs, quote_ids, signed_in) -> None:
    from voice.feedback import service as fb

    statement = make_statement(signed_in("analyst"), orgs, quote_ids)
    police = signed_in("partner")
    respond(police, statement, action="save")
    shown = respond(police, statement, action="preview")
    link = soup(shown).select_one(".card a")["href"]
    assert link.startswith("/you-said-we-did/preview/")
    with TestClient(app) as outsider:
        page = outsider.get(link)
        assert page.status_code == 200 and "Preview of a draft" in page.text
        assert "We will ask the bus company" in page.text
        assert outsider.get(link[:-3] + "abc").status_code == 404  # tampered
        token = link.rsplit("/", 1)[1]
        with pytest.raises(fb.FeedbackError, match="expired"):  # older than any allowed age
            fb.read_preview(app.state.voice.engine, app.state.voice.settings.secret_key, token,
                            max_age=-1)
        respond(police, statement, action="save", owner="Sergeant Lee")  # the draft changes
        assert "has changed" in outsider.get(link).text


def test_feed_rating_poster_and_classroom_links(app, orgs, quote_ids, signed_in, make_session,
                                                staff_accounts) -> None:
    lead = signed_in("analyst")
    statement = make_statement(lead, orgs, quote_ids)
    respond(signed_in("partner"), statement)
    lead.post(f"/staff/statements/{statement}", data={
        "csrf_token": token_of(lead), "response": "1", "decision": "approve", "note": ""})
    from voice.feedback.routes import forget_published

    forget_published()
    with TestClient(app, follow_redirects=True) as public:
        feed = public.get(f"/you-said-we-did/{SLUG}/feed.atom")
        assert feed.headers["content-type"].startswith("application/atom+xml")
        root = ElementTree.fromstring(feed.content)
        ns = {"a": "http://www.w3.org/2005/Atom"}
        assert [e.find("a:title", ns).text for e in root.findall("a:entry", ns)] == [
            "Lincs Police: Buses after school"]
        page = public.get(f"/you-said-we-did/{SLUG}/primary")
        token = soup(page).select_one("input[name=token]")["value"]
        rated = public.post(f"/you-said-we-did/{SLUG}/primary/rating",
                            data={"token": token, "rating": "partly"})
        assert "Thank you for telling us" in rated.text
        public.post(f"/you-said-we-did/{SLUG}/primary/rating", data={"token": "forged",
                                                                     "rating": "no"})
        with app.state.voice.engine.connect() as conn:
            assert [r.value for r in conn.execute(select(Rating.__table__))] == ["partly"]
        poster = soup(public.get(f"/you-said-we-did/{SLUG}/poster?version=primary&school=Oak"))
        assert poster.h1.text == "You said, we did" and "for Oak" in poster.text
        assert poster.select_one(".poster-qr img")["src"].endswith("qr.svg?version=primary")
        # Back in the classroom: the welcome and thank-you pages link to the page.
        session = make_session("primary")
        welcome = soup(public.get(f"/join/{session.code}"))
        assert welcome.select_one(f"a[href='/you-said-we-did/{SLUG}/primary']") is not None
    teacher = signed_in("facilitator")
    with app.state.voice.engine.begin() as conn:
        from voice.staff.models import SessionOwner

        conn.execute(insert(SessionOwner.__table__).values(session_id=session.id,
                                                           staff_id=staff_accounts["facilitator"]))
    teacher.follow_redirects = False
    link = teacher.get(f"/staff/sessions/{session.id}/poster").headers["location"]
    assert link.startswith(f"/you-said-we-did/{SLUG}/poster?version=primary&school=")


def test_evidence_trail(app, orgs, quote_ids, signed_in) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    lead = signed_in("analyst")
    statement = make_statement(lead, orgs, quote_ids, to=("Lincs Police", "County Council"))
    respond(signed_in("partner"), statement)
    lead.post(f"/staff/statements/{statement}", data={
        "csrf_token": token_of(lead), "response": "1", "decision": "approve", "note": ""})
    page = soup(lead.get(f"/staff/evidence/{SLUG}"))
    assert "Lincs Police" in page.text and "County Council" in page.text
    book = load_workbook(BytesIO(lead.get(f"/staff/evidence/{SLUG}/evidence.xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Statement" and len(rows) == 3
    assert {r[5] for r in rows[1:]} == {"Lincs Police", "County Council"}
    with app.state.voice.engine.connect() as conn:
        assert json.loads(conn.execute(select(Statement.quote_ids)).scalar()) == sorted(quote_ids)


def test_a_statement_starts_from_a_theme_and_its_count(app, orgs, quote_ids, signed_in) -> None:
    page = soup(signed_in("analyst").get(f"/staff/statements?survey={SLUG}&theme=transport"))
    assert page.select_one("#title")["value"] == "Transport"
    assert page.select_one("#children")["value"] == "2"  # both bus answers carry the theme
    assert {i.text for i in page.select("label[for^=quote-]")} == {
        "more buses after 6 so we can get to clubs", "buses are too expensive"}
    assert {i.text for i in page.select("label[for^=org-]")} == {"County Council", "Lincs Police"}


def test_dated_updates_are_published_when_approved(app, orgs, quote_ids, signed_in) -> None:
    lead = signed_in("analyst")
    statement = make_statement(lead, orgs, quote_ids)
    police = signed_in("partner")
    respond(police, statement)
    approve = {"csrf_token": token_of(lead), "response": "1", "decision": "approve", "note": ""}
    lead.post(f"/staff/statements/{statement}", data=approve)
    police.post(f"/staff/partner/statements/{statement}", data={
        "csrf_token": token_of(police), "action": "update", "on": "2027-02-10",
        "update": "<p>We met the bus company.</p>", "update_child_primary": "We met the bus people.",
        "update_child_secondary": "We met the bus company.", "update_child_post16": "We met them."})
    with TestClient(app) as public:
        assert "We met the bus people" not in public.get(f"/you-said-we-did/{SLUG}/primary").text
        assert "Waiting for approval" in soup(lead.get(f"/staff/statements/{statement}")).text
        lead.post(f"/staff/statements/{statement}", data={**approve, "csrf_token": token_of(lead)})
        update_item = soup(public.get(f"/you-said-we-did/{SLUG}/primary")).select_one(".updates li")
        assert update_item.get_text(" ", strip=True) == "2027-02-10 : We met the bus people."
