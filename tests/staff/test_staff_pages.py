"""The safeguarding queue, facilitators' class sessions, admin pages and the audit log."""

from __future__ import annotations

from datetime import timedelta
from xml.etree import ElementTree

from bs4 import BeautifulSoup
from sqlalchemy import select, update
from sqlalchemy import text as sql_text
from starlette.testclient import TestClient

from tests.answers.child import Child
from tests.answers.test_listening_at_ingestion import DISCLOSURE, free_text_child
from tests.staff.conftest import PASSWORD, email_for, sign_in, token_of
from voice.clock import utcnow
from voice.safeguarding.models import ConcernFlag
from voice.staff.models import AuditEvent, SessionOwner


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def words(response) -> str:
    return " ".join(soup(response).get_text().split())


def audit(app) -> list[tuple[str, str, str]]:
    with app.state.voice.engine.connect() as conn:
        query = select(AuditEvent.actor, AuditEvent.action, AuditEvent.target)
        return [tuple(r) for r in conn.execute(query)]


# -- the safeguarding queue --------------------------------------------------------------------------


def test_a_childs_disclosure_reaches_the_queue_at_once(app, client, signed_in, make_session) -> None:
    dsl = signed_in("safeguarding")
    assert "No flags yet" in words(dsl.get("/staff/safeguarding"))
    session = make_session(school="Hillcrest Academy", year=8)
    free_text_child(client, app, session.code).answer_with(DISCLOSURE)  # the child's device
    page = dsl.get("/staff/safeguarding")
    rows = soup(page).select("#queue-rows tr")
    assert len(rows) == 1
    cells = [c.get_text(" ", strip=True) for c in rows[0].find_all("td")]
    assert cells[1] == "Physical abuse"
    assert "hits me" in cells[2]
    assert cells[3] == "Hillcrest Academy" and cells[4] == "Year 8"
    assert cells[6] == "Not reviewed yet"
    assert "Gary" not in page.text  # anonymised before it was ever stored
    # The table polls its rows; the fragment has the same row.
    fragment = dsl.get("/staff/safeguarding/rows")
    assert "Physical abuse" in fragment.text and "<html" not in fragment.text
    tbody = soup(page).find(id="queue-rows")
    assert tbody["hx-get"] == "/staff/safeguarding/rows" and "every" in tbody["hx-trigger"]


def test_newest_first_and_overdue_flags_stand_out(app, client, signed_in, make_session) -> None:
    dsl = signed_in("safeguarding")
    session = make_session()
    free_text_child(client, app, session.code).answer_with(DISCLOSURE)
    with TestClient(app) as other_child:
        free_text_child(other_child, app, session.code).answer_with("i want to die")
    with app.state.voice.engine.begin() as conn:
        conn.execute(update(ConcernFlag).where(ConcernFlag.id == 1).values(
            flagged_at=utcnow() - timedelta(hours=app.state.voice.settings.flag_review_hours + 1)))
    rows = soup(dsl.get("/staff/safeguarding")).select("#queue-rows tr")
    assert [r.find_all("td")[1].get_text(strip=True) for r in rows] == ["Suicidal thoughts", "Physical abuse"]
    assert "overdue" not in rows[0]["class"] and "overdue" in rows[1]["class"]
    assert "Overdue" in rows[1].get_text()


def test_opening_a_flag_shows_the_answer_and_is_audited(app, client, signed_in, make_session) -> None:
    dsl = signed_in("safeguarding")
    session = make_session(school="Riverside Academy")
    free_text_child(client, app, session.code).answer_with(DISCLOSURE)
    page = dsl.get("/staff/safeguarding/1")
    text = words(page)
    assert "my step dad [name] hits me when hes drunk" in text
    assert "Ms Okafor, 01234 567890" in text
    assert (email_for("safeguarding"), "flag.view", "flag 1") in audit(app)


def test_recording_an_outcome(app, client, signed_in, make_session) -> None:
    dsl = signed_in("safeguarding")
    free_text_child(client, app, make_session().code).answer_with(DISCLOSURE)
    no_note = dsl.post("/staff/safeguarding/1", data={"outcome": "school_dsl", "csrf_token": token_of(dsl)})
    assert no_note.status_code == 400 and "Add a note" in words(no_note)
    no_outcome = dsl.post("/staff/safeguarding/1", data={"note": "x", "csrf_token": token_of(dsl)})
    assert no_outcome.status_code == 400 and "Choose an outcome" in words(no_outcome)
    done = dsl.post("/staff/safeguarding/1", data={
        "outcome": "school_dsl", "note": "Phoned Ms Okafor at 10:15", "csrf_token": token_of(dsl)})
    assert done.status_code == 200
    text = words(done)
    assert "Passed to the school's DSL" in text and "Phoned Ms Okafor at 10:15" in text
    assert email_for("safeguarding") in text  # who
    row = soup(dsl.get("/staff/safeguarding")).select("#queue-rows tr")[0]
    assert row.find_all("td")[6].get_text(strip=True) == "Passed to the school's DSL"
    assert "unreviewed" not in row.get("class", [])
    assert (email_for("safeguarding"), "flag.review", "flag 1") in audit(app)


def test_an_unknown_flag_is_a_clear_404(app, signed_in) -> None:
    dsl = signed_in("safeguarding")
    assert dsl.get("/staff/safeguarding/999").status_code == 404


# -- class sessions ------------------------------------------------------------------------------------


def _new_session(client: TestClient, **overrides: str):
    data = {"survey": "your-voice-matters", "school": "Riverside Academy", "year": "6",
            "band": "primary", "opens": "", "closes": "", "csrf_token": token_of(client), **overrides}
    return client.post("/staff/sessions/new", data=data)


def test_a_facilitator_starts_a_session_and_watches_the_counts(app, client, signed_in) -> None:
    teacher = signed_in("facilitator")
    page = _new_session(teacher)
    assert page.url.path.startswith("/staff/sessions/")
    code = soup(page).find(class_="big-code").get_text(strip=True)
    assert len(code.replace(" ", "")) == 7
    counts_url = page.url.path + "/counts"
    assert soup(page).find(attrs={"hx-get": counts_url})["hx-trigger"] == "every 3s"
    # A QR code that opens the join page for this code.
    qr = teacher.get(page.url.path + "/qr.svg")
    assert qr.headers["content-type"].startswith("image/svg+xml")
    assert ElementTree.fromstring(qr.text).tag.endswith("svg")
    # A child takes part; the counts move; nothing the child wrote is shown.
    survey = app.state.voice.catalogue.get("your-voice-matters").for_band("primary")
    child = Child(client, survey).start(code.replace(" ", ""))
    started = soup(teacher.get(counts_url)).find(attrs={"data-count": "started"}).get_text()
    assert started == "1"
    child.answer_all().submit()
    counts = teacher.get(counts_url)
    assert soup(counts).find(attrs={"data-count": "completed"}).get_text() == "1"
    assert "More buses" not in counts.text and "More buses" not in teacher.get(page.url.path).text
    printable = words(teacher.get(page.url.path + "/print"))
    assert code in printable and "Childline" in printable


def test_session_form_explains_mistakes(app, signed_in) -> None:
    teacher = signed_in("facilitator")
    unknown_school = _new_session(teacher, school="Nowhere High")
    assert unknown_school.status_code == 400 and "Choose the school from the list" in words(unknown_school)
    backwards = _new_session(teacher, opens="2026-12-01T09:00", closes="2026-11-30T09:00")
    assert backwards.status_code == 400 and "close after it opens" in words(backwards)
    bad_date = _new_session(teacher, opens="next tuesday")
    assert bad_date.status_code == 400 and "not a date" in words(bad_date)


def test_facilitators_see_only_their_own_sessions(app, signed_in, staff_accounts) -> None:
    mine = signed_in("facilitator")
    path = _new_session(mine).url.path
    app.state.voice.accounts.create(email="other@example.org", role="facilitator", password=PASSWORD)
    with TestClient(app, follow_redirects=True) as other:
        sign_in(other, "other@example.org")
        assert other.get(path).status_code == 404
        assert path not in other.get("/staff/sessions").text
    admin = signed_in("admin")
    assert admin.get(path).status_code == 200


def test_closing_a_session_stops_children_joining(app, client, signed_in) -> None:
    teacher = signed_in("facilitator")
    page = _new_session(teacher)
    code = soup(page).find(class_="big-code").get_text(strip=True).replace(" ", "")
    closed = teacher.post(page.url.path + "/close", data={"csrf_token": token_of(teacher)})
    assert "Closed" in words(closed)
    assert soup(closed).find("form", action=page.url.path + "/close") is None
    joined = client.post("/join", data={"code": code})
    assert "closed" in words(joined).lower()
    assert any(action == "session.close" for _, action, _ in audit(app))


def test_sessions_made_on_the_command_line_belong_to_no_facilitator(app, signed_in, make_session) -> None:
    session = make_session()
    assert signed_in("facilitator").get(f"/staff/sessions/{session.id}").status_code == 404
    with app.state.voice.engine.connect() as conn:
        assert conn.execute(select(SessionOwner)).all() == []


# -- admin and the audit log ----------------------------------------------------------------------------


def test_an_admin_adds_staff_changes_roles_and_removes_access(app, signed_in) -> None:
    admin = signed_in("admin")
    added = admin.post("/staff/admin/users", data={
        "email": "New.Teacher@Example.org", "name": "New Teacher", "role": "facilitator",
        "password": PASSWORD, "organisation": "", "csrf_token": token_of(admin)})
    assert "new.teacher@example.org" in words(added)
    with TestClient(app, follow_redirects=True) as newcomer:
        assert sign_in(newcomer, "new.teacher@example.org").url.path == "/staff"
        assert newcomer.get("/staff/sessions").status_code == 200
        target = next(f["action"] for f in soup(admin.get("/staff/admin/users")).select("form.inline-form")
                      if "new.teacher" in f.find_parent("tr").get_text())
        admin.post(target, data={"role": "analyst", "active": "yes", "organisation_id": "",
                                 "csrf_token": token_of(admin)})
        # The change of role ends the newcomer's sign-in; signing in again gives the new role.
        assert newcomer.get("/staff").url.path == "/staff/sign-in"
        sign_in(newcomer, "new.teacher@example.org")
        assert newcomer.get("/staff/sessions").status_code == 403
        admin.post(target, data={"role": "analyst", "active": "no", "organisation_id": "",
                                 "csrf_token": token_of(admin)})
        assert sign_in(newcomer, "new.teacher@example.org").status_code == 400
    actions = [a for _, a, t in audit(app) if t == "new.teacher@example.org"]
    assert actions == ["staff.create", "staff.update", "staff.update"]


def test_admin_form_mistakes_are_explained(app, signed_in) -> None:
    admin = signed_in("admin")
    clash = admin.post("/staff/admin/users", data={"email": email_for("analyst"), "role": "analyst",
                                                   "password": PASSWORD, "csrf_token": token_of(admin)})
    assert clash.status_code == 400 and "already an account" in words(clash)
    short = admin.post("/staff/admin/users", data={"email": "x@example.org", "role": "analyst",
                                                   "password": "short", "csrf_token": token_of(admin)})
    assert short.status_code == 400 and "12 characters" in words(short)
    partner = admin.post("/staff/admin/users", data={"email": "p@example.org", "role": "partner",
                                                     "password": PASSWORD, "csrf_token": token_of(admin)})
    assert partner.status_code == 400 and "needs an organisation" in words(partner)
    me = next(f["action"] for f in soup(admin.get("/staff/admin/users")).select("form.inline-form")
              if email_for("admin") in f.find_parent("tr").get_text())
    demote = admin.post(me, data={"role": "analyst", "active": "yes", "csrf_token": token_of(admin)})
    assert demote.status_code == 400 and "own admin access" in words(demote)


def test_organisations_and_schools(app, signed_in) -> None:
    admin = signed_in("admin")
    admin.post("/staff/admin/organisations", data={"name": "NHS Lincolnshire", "kind": "nhs",
                                                    "csrf_token": token_of(admin)})
    assert "NHS Lincolnshire" in words(admin.get("/staff/admin/organisations"))
    twice = admin.post("/staff/admin/organisations", data={"name": "nhs lincolnshire", "kind": "nhs",
                                                           "csrf_token": token_of(admin)})
    assert twice.status_code == 400 and "already an organisation" in words(twice)
    admin.post("/staff/admin/schools", data={"name": "Hillcrest Academy", "dsl_contact": "Mr Shah",
                                              "csrf_token": token_of(admin)})
    assert "Mr Shah" in words(admin.get("/staff/admin/schools"))
    log = words(admin.get("/staff/audit"))
    assert "organisation.create" in log and "school.create" in log and "NHS Lincolnshire" in log


def test_the_partner_home_names_their_organisation(app, signed_in) -> None:
    assert "Lincs Police" in words(signed_in("partner").get("/staff"))


def test_staff_pages_are_never_cached(app, signed_in) -> None:
    response = signed_in("admin").get("/staff/admin/users")
    assert "no-store" in response.headers["cache-control"]


def test_schools_an_admin_adds_are_removed_from_childrens_answers(
    app, client, signed_in, make_session
) -> None:
    admin = signed_in("admin")
    admin.post("/staff/admin/schools", data={"name": "Sir John Nelthorpe School", "dsl_contact": "",
                                              "csrf_token": token_of(admin)})
    child = free_text_child(client, app, make_session(school="Riverside Academy").code)
    question = child.question.id
    child.answer_with("i got picked on at sir john nelthorpe so i moved here")
    query = sql_text("select value from answer where question_id = :q")
    with app.state.voice.engine.connect() as conn:
        stored = conn.execute(query, {"q": question}).scalar()
    assert "nelthorpe" not in stored.lower() and "[school]" in stored
