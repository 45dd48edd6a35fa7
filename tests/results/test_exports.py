"""Exports: answers and submissions row by row, theme counts with small numbers suppressed, the
codebook; CSV read back with the csv module and XLSX opened with openpyxl; formula neutralising
on hostile cells; the `voice export` command."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import insert, update

from tests.answers.child import Child
from tests.results.conftest import add_child
from voice.answers.models import ANSWERED, Submission, TextAnalysis
from voice.cli import main
from voice.results import exports
from voice.results.exports import export, neutralise
from voice.results.models import SurveyTheme, ThemeDecision
from voice.staff.models import StaffUser

SLUG = "your-voice-matters"
HOSTILE = ["=HYPERLINK(\"http://evil.example\",\"click me\")", "+1", "-2+3", "@SUM(1)", "\t=1",
           "  =1+2", "\r=1"]


def read(app, kind: str, fmt: str, tmp_path: Path, *, slug: str = SLUG,
         small_number: int = 10) -> list[list[Any]]:
    """Export to a file and read it back: every row, header first."""
    voice = app.state.voice
    out = tmp_path / f"{kind}.{fmt}"
    export(voice.engine, voice.catalogue, slug, kind, fmt, out, small_number=small_number)
    if fmt == "csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
        return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    book = openpyxl.load_workbook(out)
    rows: list[list[Any]] = []
    for number, sheet in enumerate(book.worksheets):
        sheet_rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), "a formula cell"
        rows.extend(sheet_rows if number == 0 else sheet_rows[1:])
    return rows


def as_dicts(rows: list[list[Any]]) -> list[dict[str, Any]]:
    """Rows by column name; an empty XLSX cell reads as "" as in CSV."""
    header = rows[0]
    return [{k: "" if v is None else v for k, v in zip(header, row, strict=True)}
            for row in rows[1:]]


def cell_id(submission_id: str) -> str:
    """A submission id as exported: a random id can start with "-", so it too gets a quote."""
    return neutralise(submission_id)


def coder(app) -> int:
    with app.state.voice.engine.begin() as conn:
        return conn.execute(insert(StaffUser.__table__).values(  # type: ignore[attr-defined]
            email="coder@example.invalid", role="analyst", password_hash="x",
            created_at=datetime(2026, 11, 1)).returning(StaffUser.id)).scalar_one()  # type: ignore[arg-type]


def decide(app, staff_id: int, submission_id: str, question_id: str, theme: str,
           yes: bool) -> None:
    with app.state.voice.engine.begin() as conn:
        conn.execute(insert(ThemeDecision.__table__).values(  # type: ignore[attr-defined]
            submission_id=submission_id, question_id=question_id, theme=theme, coder_id=staff_id,
            decision=yes, decided_at=datetime(2026, 11, 2)))


def suggest(app, submission_id: str, question_id: str, themes: list[str]) -> None:
    """Pin the suggested themes of a free-text answer (the suggester's own choice varies)."""
    table = TextAnalysis.__table__  # type: ignore[attr-defined]
    with app.state.voice.engine.begin() as conn:
        conn.execute(update(table).where(table.c.submission_id == submission_id,
                                         table.c.question_id == question_id)
                     .values(themes=json.dumps(themes)))


@pytest.fixture
def survey_data(app, make_session):
    primary = make_session("primary", school="Oak Primary", year=5)
    secondary = make_session("secondary", school="Hill Academy", year=9)
    first = add_child(app, primary, {
        "trusted_adult": "yes", "safe_area": "very", "worries": ["bullying", "online"],
        "priorities": ["bullying", "online_safety"], "places_to_go": "SKIP",
        "make_better": "more buses to the youth club please"})
    second = add_child(app, secondary, {"trusted_adult": "not_sure", "safe_area": "RNS"})
    unsent = add_child(app, secondary, {"trusted_adult": "no"}, sent=False)
    return {"primary": primary, "secondary": secondary, "first": first, "second": second,
            "unsent": unsent}


# -- formula neutralising ------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_risky_text_gets_a_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["", "Fine", "I said = is fine", "1+1", "a-b", "'=1",
                                  " more buses", "email me@x"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert neutralise(text) == text


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_cells_are_neutralised_in_both_formats(app, make_session, tmp_path, fmt) -> None:
    info = make_session("secondary", school="=cmd|' /C calc'!A0 Academy")
    store = app.state.voice.store
    ids = []
    for text in HOSTILE:
        submission_id = add_child(app, info, {"trusted_adult": "yes"})
        # Stored as given: the export must neutralise whatever the database holds.
        store.save(submission_id=submission_id, question_id="anything_else", status=ANSWERED,
                   value=text)
        ids.append(submission_id)
    rows = as_dicts(read(app, "answers", fmt, tmp_path))
    written = {r["answer"] for r in rows if r["question"] == "anything_else"}
    assert written == {"'" + text for text in HOSTILE}
    assert {r["school"] for r in rows} == {"'=cmd|' /C calc'!A0 Academy"}
    wide = as_dicts(read(app, "submissions", fmt, tmp_path))
    assert {r["anything_else"] for r in wide} == {"'" + text for text in HOSTILE}
    if fmt == "xlsx":  # inline strings only: no cell can hold a formula
        with zipfile.ZipFile(tmp_path / "answers.xlsx") as book:
            sheet = book.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>" not in sheet and "<f " not in sheet
        assert 't="inlineStr"><is><t>\'=HYPERLINK(' in sheet


# -- answers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_answers_one_row_per_answer_readably(app, survey_data, tmp_path, fmt) -> None:
    rows = read(app, "answers", fmt, tmp_path)
    assert rows[0] == [c.title for c in exports.ANSWER_COLUMNS]
    answers = as_dicts(rows)
    assert len(answers) == 6 + 2 + 1  # every stored answer, sent or not
    first = {r["question"]: r for r in answers if r["submission"] == cell_id(survey_data["first"])}
    assert list(first) == ["places_to_go", "safe_area", "trusted_adult", "worries",
                           "make_better", "priorities"]  # the survey's order
    row = first["trusted_adult"]
    assert row["school"] == "Oak Primary" and row["band"] == "primary"
    assert row["year group"] == (5 if fmt == "xlsx" else "5")
    assert row["question text"] == ("If you were worried, is there a grown-up you trust who you "
                                    "could talk to?")  # as primary reads it
    assert row["answer"] == "Yes" and row["status"] == "answered" and row["sent"] == "yes"
    assert first["safe_area"]["answer"] == "Very safe"
    assert first["worries"]["answer"] == ("Being bullied or left out; "
                                          "Things that happen online or in games")
    assert first["priorities"]["answer"] == ("1st: Stopping bullying; "
                                             "2nd: Keeping children safe online")
    assert first["places_to_go"]["status"] == "skipped"
    assert first["places_to_go"]["answer"] in ("", None)
    text = first["make_better"]
    assert text["answer"] == "more buses to the youth club please"
    assert "Transport" in text["suggested themes"]
    assert -1 <= float(text["sentiment"]) <= 1
    assert first["safe_area"]["sentiment"] in ("", None)  # only free text has one
    second = {r["question"]: r for r in answers if r["submission"] == cell_id(survey_data["second"])}
    assert second["safe_area"]["status"] == "rather_not_say"
    assert second["trusted_adult"]["answer"] == "Not sure"
    assert second["trusted_adult"]["question text"] == (
        "If you were worried about something, is there an adult you trust who you could talk to?")
    unsent = [r for r in answers if r["submission"] == cell_id(survey_data["unsent"])]
    assert [r["sent"] for r in unsent] == ["no"]
    # No class code anywhere in the file.
    codes = {survey_data["primary"].code, survey_data["secondary"].code}
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert not any(code in flat for code in codes)


def test_confirmed_themes_sit_beside_the_suggested(app, survey_data, tmp_path) -> None:
    staff = coder(app)
    suggest(app, survey_data["first"], "make_better", ["transport", "places_to_go"])
    decide(app, staff, survey_data["first"], "make_better", "transport", True)
    decide(app, staff, survey_data["first"], "make_better", "places_to_go", False)
    decide(app, staff, survey_data["first"], "make_better", "being_listened_to", True)
    row = next(r for r in as_dicts(read(app, "answers", "csv", tmp_path))
               if r["question"] == "make_better")
    assert row["suggested themes"] == "Transport; Places to go and things to do"
    assert row["confirmed themes"] == "Being listened to; Transport"


def test_an_answer_through_the_journey_is_exported_anonymised(app, client, make_session,
                                                             tmp_path) -> None:
    info = make_session("secondary")
    child = Child(client, app.state.voice.catalogue.surveys[SLUG].for_band("secondary"))
    child.start(info.code)
    while child.question is not None:
        if child.question.id == "make_better":
            child.answer_with("ask Jessica Smith on 07700 900123 about the buses")
        else:
            child.answer_typical()
    child.submit()
    rows = read(app, "answers", "xlsx", tmp_path)
    flat = " ".join(str(cell) for row in rows for cell in row)
    assert "Jessica" not in flat and "07700" not in flat
    assert "ask [name] on [phone] about the buses" in flat
    assert {r["sent"] for r in as_dicts(rows)} == {"yes"}


# -- submissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_submissions_one_row_per_child_one_column_per_question(app, survey_data, tmp_path,
                                                                fmt) -> None:
    rows = read(app, "submissions", fmt, tmp_path)
    survey = app.state.voice.catalogue.surveys[SLUG]
    assert rows[0][:8] == ["submission", "school", "year group", "band", "session opens",
                           "survey version", "started (UTC)", "completed (UTC)"]
    assert rows[0][8:] == [q.id for q in survey.questions]
    children = {r["submission"]: r for r in as_dicts(rows)}
    assert len(children) == 3
    first = children[cell_id(survey_data["first"])]
    assert first["trusted_adult"] == "Yes" and first["safe_area"] == "Very safe"
    assert first["places_to_go"] == "(skipped)"
    assert first["priorities"] == "1st: Stopping bullying; 2nd: Keeping children safe online"
    assert first["worries"] == "Being bullied or left out; Things that happen online or in games"
    assert first["make_better"] == "more buses to the youth club please"
    assert first["anything_else"] in ("", None)
    assert first["completed (UTC)"]
    assert children[cell_id(survey_data["second"])]["safe_area"] == "(rather not say)"
    unsent = children[cell_id(survey_data["unsent"])]
    assert unsent["completed (UTC)"] == "" and unsent["trusted_adult"] == "No"


def test_a_mission_team_is_exported_with_its_work(app, make_session, tmp_path) -> None:
    pack = app.state.voice.catalogue.packs["takeover-challenge-primary"]
    info = make_session("primary", survey=pack.slug)
    mission = next(m for m in pack.missions if any(r.type == "dot_vote" for r in m.responses))
    response = next(r for r in mission.responses if r.type == "dot_vote")
    option = response.options[0]
    engine = app.state.voice.engine
    now = datetime(2026, 11, 3, 10)
    with engine.begin() as conn:
        conn.execute(insert(Submission.__table__).values(  # type: ignore[attr-defined]
            id="team-sub", session_id=info.id, survey_version=pack.version, started_at=now,
            completed_at=None, team="group-3"))
        conn.execute(insert(exports.answers_t).values(
            submission_id="team-sub", question_id=mission.answer_id(response), status=ANSWERED,
            value=json.dumps({option.value: 3}), updated_at=now))
    row = as_dicts(read(app, "answers", "csv", tmp_path, slug=pack.slug))[0]
    assert row["team"] == "Group 3"
    assert row["question"] == mission.answer_id(response)
    assert row["question text"] == f"{mission.title['primary']}: {response.text['primary']}"
    assert row["answer"] == f"{option.label['primary']}: 3"
    wide = as_dicts(read(app, "submissions", "xlsx", tmp_path, slug=pack.slug))[0]
    assert wide["team"] == "Group 3" and wide[mission.answer_id(response)] == row["answer"]


def test_a_big_export_runs_on_over_several_sheets(app, survey_data, tmp_path,
                                                  monkeypatch) -> None:
    monkeypatch.setattr(exports, "XLSX_MAX_ROWS", 4)  # a header and three rows a sheet
    book = openpyxl.load_workbook(
        _export_to(app, "answers", "xlsx", tmp_path / "big.xlsx"))
    assert book.sheetnames == ["answers", "answers 2", "answers 3"]
    assert [sheet.max_row for sheet in book.worksheets] == [4, 4, 4]
    assert all(sheet.cell(1, 1).value == "submission" for sheet in book.worksheets)


def _export_to(app, kind: str, fmt: str, out: Any) -> Any:
    voice = app.state.voice
    export(voice.engine, voice.catalogue, SLUG, kind, fmt, out, small_number=10)
    return out


def test_exports_write_to_streams(app, survey_data) -> None:
    binary = _export_to(app, "answers", "csv", io.BytesIO())
    assert binary.getvalue().startswith(b"\xef\xbb\xbfsubmission,")
    text = _export_to(app, "answers", "csv", io.StringIO())
    assert text.getvalue().startswith("submission,") and len(text.getvalue().splitlines()) == 10
    book = _export_to(app, "submissions", "xlsx", io.BytesIO())
    book.seek(0)
    assert openpyxl.load_workbook(book).active.max_row == 4


def test_a_failed_export_leaves_no_file(app, survey_data, tmp_path, monkeypatch) -> None:
    def broken(*args: Any) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(exports, "readable", broken)
    folder = tmp_path / "exports"
    folder.mkdir()
    for fmt in ("csv", "xlsx"):
        with pytest.raises(RuntimeError):
            _export_to(app, "answers", fmt, folder / f"out.{fmt}")
    assert list(folder.iterdir()) == []  # not the file, nor a temporary one


def test_an_unknown_survey_kind_or_format_is_refused(app) -> None:
    voice = app.state.voice
    for slug, kind, fmt, words in (("nope", "answers", "csv", "There is no survey 'nope'"),
                                   (SLUG, "everything", "csv", "kind of export"),
                                   (SLUG, "answers", "pdf", "format")):
        with pytest.raises(exports.ExportError, match=words):
            export(voice.engine, voice.catalogue, slug, kind, fmt, io.BytesIO(), small_number=10)


# -- themes: suppressed counts -------------------------------------------------------------------


@pytest.fixture
def themed(app, make_session):
    """make_better: 3 primary answers themed transport; 12 secondary, 10 transport and 2 that
    an analyst recoded as bullying; 1 unsent (never counted)."""
    primary = make_session("primary", school="Oak Primary", year=5)
    secondary = make_session("secondary", school="Hill Academy", year=9)
    staff = coder(app)
    for _ in range(3):
        sid = add_child(app, primary, {"make_better": "more buses please"})
        suggest(app, sid, "make_better", ["transport"])
    for n in range(12):
        sid = add_child(app, secondary, {"make_better": "more buses please"})
        suggest(app, sid, "make_better", ["transport"])
        if n < 2:
            decide(app, staff, sid, "make_better", "transport", False)
            decide(app, staff, sid, "make_better", "bullying", True)
    sid = add_child(app, secondary, {"make_better": "more buses please"}, sent=False)
    suggest(app, sid, "make_better", ["transport"])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_theme_counts_suppress_small_numbers(app, themed, tmp_path, fmt) -> None:
    rows = read(app, "themes", fmt, tmp_path)
    assert rows[0] == ["question", "question text", "theme", "theme label", "primary",
                       "secondary", "post16", "all bands"]
    lines = {(r["question"], r["theme"]): r for r in as_dicts(rows)}
    assert set(lines) == {("make_better", ""), ("make_better", "transport"),
                          ("make_better", "bullying")}

    def cells(key: tuple[str, str]) -> list[Any]:  # numbers as numbers, in CSV too
        row = lines[key]
        return [int(row[c]) if str(row[c]).isdigit() else row[c]
                for c in ("primary", "secondary", "post16", "all bands")]

    hidden = "fewer than 10"
    # 15 sent answers: primary's 3 is hidden, and secondary's 12 with it, since the total shows.
    assert cells(("make_better", "")) == [hidden, hidden, 0, 15]
    # Transport: 3 in primary (hidden), 10 in secondary (hidden as its complement), 13 in all.
    assert cells(("make_better", "transport")) == [hidden, hidden, 0, 13]
    # Bullying, confirmed by an analyst on 2 answers: fewer than 10 in all, so nothing shows.
    assert cells(("make_better", "bullying")) == [hidden, hidden, hidden, hidden]
    assert lines[("make_better", "transport")]["theme label"] == "Transport"


def test_theme_counts_follow_the_threshold(app, themed, tmp_path) -> None:
    rows = as_dicts(read(app, "themes", "csv", tmp_path, small_number=3))
    transport = next(r for r in rows if r["theme"] == "transport")
    assert [transport[c] for c in ("primary", "secondary", "post16", "all bands")] == \
        ["3", "10", "0", "13"]
    bullying = next(r for r in rows if r["theme"] == "bullying")
    # 2 in all: below the threshold, so even the bands with none are hidden.
    assert [bullying[c] for c in ("primary", "secondary", "post16", "all bands")] == \
        ["fewer than 3"] * 4


def test_theme_counts_follow_merges_in_the_working_codebook(app, themed, tmp_path) -> None:
    with app.state.voice.engine.begin() as conn:
        conn.execute(insert(SurveyTheme.__table__), [  # type: ignore[attr-defined]
            theme_row("getting_about", "Getting about", position=0),
            theme_row("transport", "Transport", status="merged", merged_into="getting_about",
                      position=1),
            theme_row("bullying", "Bullying", position=2)])
    rows = as_dicts(read(app, "themes", "csv", tmp_path, small_number=3))
    assert [r["theme"] for r in rows] == ["", "getting_about", "bullying"]
    assert rows[1]["theme label"] == "Getting about" and rows[1]["all bands"] == "13"


def theme_row(name: str, label: str, **values: Any) -> dict[str, Any]:
    return {"survey_slug": SLUG, "name": name, "label": label, "description": "",
            "examples": "[]", "not_text": "", "status": "active", "merged_into": None,
            "position": 0, **values}


# -- codebook ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_codebook_is_the_file_one_until_it_is_edited(app, tmp_path, fmt) -> None:
    codebook = app.state.voice.codebooks[SLUG]
    rows = as_dicts(read(app, "codebook", fmt, tmp_path))
    assert [r["name"] for r in rows] == [t.name for t in codebook.themes]
    first = codebook.themes[0]
    assert rows[0]["label"] == first.label and rows[0]["status"] == "active"
    assert rows[0]["examples"].split("\n") == list(first.examples)
    with app.state.voice.engine.begin() as conn:
        conn.execute(insert(SurveyTheme.__table__), [  # type: ignore[attr-defined]
            theme_row("buses", "Buses", description="Bus routes",
                      examples=json.dumps(["no bus after 6", "=cheaper fares"]),
                      not_text="Trains", position=0),
            theme_row("trains", "Trains", status="merged", merged_into="buses", position=1)])
    rows = as_dicts(read(app, "codebook", fmt, tmp_path))
    assert [(r["name"], r["status"], r["merged into"]) for r in rows] == [
        ("buses", "active", ""), ("trains", "merged", "buses")]
    assert rows[0]["examples"] == "no bus after 6\n=cheaper fares"  # not at the cell's start
    assert rows[0]["not"] == "Trains" and rows[0]["description"] == "Bus routes"


# -- the command ---------------------------------------------------------------------------------


@pytest.fixture
def cli_env(cli_env, monkeypatch):
    monkeypatch.setenv("VOICE_SMALL_NUMBER", "3")


def test_voice_export_writes_each_kind(app, survey_data, cli_env, tmp_path, capsys) -> None:
    for kind in exports.KINDS:
        for fmt in exports.FORMATS:
            out = tmp_path / f"{kind}.{fmt}"
            assert main(["export", "--survey", SLUG, "--format", fmt, "--kind", kind,
                         "--out", str(out)]) == 0
            assert out.stat().st_size > 0
    assert "wrote 9 answers row(s)" in capsys.readouterr().err
    rows = list(csv.reader(io.StringIO((tmp_path / "submissions.csv").read_text("utf-8-sig"))))
    assert len(rows) == 4
    # The small-number setting reaches the command: 1 sent make_better answer, under 3.
    themes = list(csv.DictReader(io.StringIO((tmp_path / "themes.csv").read_text("utf-8-sig"))))
    assert themes[0]["all bands"] == "fewer than 3"


def test_voice_export_to_standard_output(app, survey_data, cli_env, capsysbinary) -> None:
    assert main(["export", "--survey", SLUG, "--format", "csv", "--kind", "codebook",
                 "--out", "-"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"\xef\xbb\xbfname,label,")


def test_voice_export_refuses_an_unknown_survey_or_option(app, cli_env, tmp_path,
                                                          capsys) -> None:
    out = tmp_path / "x.csv"
    assert main(["export", "--survey", "nope", "--format", "csv", "--kind", "answers",
                 "--out", str(out)]) == 2
    assert "there is no survey 'nope'" in capsys.readouterr().err
    for bad in (["--format", "pdf", "--kind", "answers"], ["--format", "csv", "--kind", "all"]):
        with pytest.raises(SystemExit) as exit_:
            main(["export", "--survey", SLUG, *bad, "--out", str(out)])
        assert exit_.value.code == 2
    assert main(["export", "--survey", SLUG, "--format", "csv", "--kind", "answers",
                 "--out", str(tmp_path / "missing" / "x.csv")]) == 2
    assert main(["export", "--survey", SLUG, "--format", "csv", "--kind", "answers",
                 "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("give a file in a folder that exists") == 2
    assert not out.exists()
