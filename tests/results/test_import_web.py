"""Importing a CSV in the browser's forms: upload, map the columns, import; and every way it is
refused with nothing half-imported."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from sqlalchemy import func, select

from tests.staff.conftest import token_of
from voice.answers.models import Answer, Submission
from voice.safeguarding.models import ConcernFlag

URL = "/staff/results/your-voice-matters/import"
GOOD = ('Timestamp,Name,"If you were worried about something, is there an adult you trust who '
        'you could talk to?",make_better\n'
        "2026-10-01 09:00,Jessica Smith,Yes,more buses to the youth club please\n"
        "2026-10-01 09:05,Tom Jones,no,my name is Jessica Smith and my number is 07700 900123\n"
        "2026-10-01 09:07,Amy Lee,Not sure,my step dad hits me when he is drunk\n")


def upload(client, text: str, **values: str):
    data = {"csrf_token": token_of(client), "school": "Riverside Academy", "year": "9",
            "band": "secondary", "collected": "2026-10-01T09:00", **values}
    return client.post(URL, data=data, files={"file": ("answers.csv", text.encode(), "text/csv")})


def mapping_form(response) -> tuple[str, dict[str, str]]:
    page = BeautifulSoup(response.text, "html.parser")
    form = page.select_one("form[action*='/import/']")
    assert form is not None, response.text[:500]
    fields = {i["name"]: i.get("value", "") for i in form.select("input[type=hidden]")}
    for select_ in form.select("select"):
        chosen = select_.select_one("option[selected]")
        fields[select_["name"]] = chosen["value"] if chosen else ""
    return form["action"], fields


def counts(app) -> tuple[int, int, int]:
    with app.state.voice.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar()
                     for t in (Submission.__table__, Answer.__table__, ConcernFlag.__table__))


def test_upload_map_and_import(app, signed_in) -> None:
    analyst = signed_in("analyst")
    action, fields = mapping_form(upload(analyst, GOOD))
    # Guessed from the header: the question's wording and its id; names are never guessed.
    assert fields["map_2"] == "trusted_adult" and fields["map_3"] == "make_better"
    assert fields["map_0"] == "" and fields["map_1"] == ""
    done = analyst.post(action, data=fields)
    assert done.status_code == 200
    status = BeautifulSoup(done.text, "html.parser").select_one("[role=status]").text
    assert "3 submissions with 6 answers" in status and "1 answer was flagged" in status
    assert counts(app) == (3, 6, 1)
    with app.state.voice.engine.connect() as conn:
        stored = " ".join(conn.execute(select(Answer.value)).scalars())
    assert "Jessica" not in stored and "07700" not in stored and "[phone]" in stored
    # The same upload cannot be imported twice.
    again = analyst.post(action, data=fields)
    assert again.status_code == 400 and "expired" in again.text and counts(app) == (3, 6, 1)


def test_a_bad_row_imports_nothing_and_lists_every_problem(app, signed_in) -> None:
    analyst = signed_in("analyst")
    bad = GOOD + "2026-10-01 09:09,X,Maybe,fine\n2026-10-01 09:10,Y,Perhaps,ok\n"
    action, fields = mapping_form(upload(analyst, bad))
    refused = analyst.post(action, data=fields)
    assert refused.status_code == 400
    problems = [li.text for li in BeautifulSoup(refused.text, "html.parser").select("ul.problems li")]
    assert len(problems) == 2 and problems[0].startswith("row 5") and problems[1].startswith("row 6")
    assert counts(app) == (0, 0, 0)
    # The mapping is kept, so it can be fixed and tried again.
    assert re.search(r'<option value="trusted_adult" selected', refused.text)


def test_bad_files_are_refused_clearly(app, signed_in) -> None:
    analyst = signed_in("analyst")
    empty = upload(analyst, "")
    assert empty.status_code == 400 and "error-summary" in empty.text
    nothing = analyst.post(URL, data={"csrf_token": token_of(analyst)})
    assert nothing.status_code == 400 and "Choose a CSV file" in nothing.text
    action, fields = mapping_form(upload(analyst, GOOD))
    wrong_school = analyst.post(action, data={**fields, "school": "Nowhere High"})
    assert wrong_school.status_code == 400 and "Choose the school" in wrong_school.text
    unmapped = analyst.post(action, data={k: ("" if k.startswith("map_") else v)
                                          for k, v in fields.items()})
    assert unmapped.status_code == 400 and "at least one" in unmapped.text
    assert counts(app) == (0, 0, 0)


def test_only_analysts_and_admins(app, signed_in) -> None:
    assert signed_in("facilitator").get(URL).status_code == 403
    assert signed_in("admin").get(URL).status_code == 200


def test_downloading_exports(app, signed_in) -> None:
    import csv
    import io

    from openpyxl import load_workbook

    analyst = signed_in("analyst")
    action, fields = mapping_form(upload(analyst, GOOD))
    analyst.post(action, data=fields)
    answers = analyst.get("/staff/results/your-voice-matters/export?kind=answers&format=csv")
    assert answers.status_code == 200 and answers.headers["content-type"].startswith("text/csv")
    assert "attachment" in answers.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(answers.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 6 and "Jessica" not in answers.text
    book = analyst.get("/staff/results/your-voice-matters/export?kind=themes&format=xlsx")
    sheet = load_workbook(io.BytesIO(book.content), read_only=True).active
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any("fewer than 10" in c for c in cells)  # three children: every count is hidden
    assert analyst.get("/staff/results/your-voice-matters/export?kind=raw&format=csv").status_code == 404
    assert signed_in("facilitator").get(
        "/staff/results/your-voice-matters/export?kind=answers&format=csv").status_code == 403
