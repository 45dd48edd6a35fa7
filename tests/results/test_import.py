"""Importing answers from a CSV file: reading it, mapping and checking every row, writing it in
one transaction through the same listening as the journey, and `voice import`."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select, text

from voice.answers.models import Answer, Submission, TextAnalysis
from voice.cli import main
from voice.results import imports
from voice.results.exports import export
from voice.results.imports import (
    ImportRefused,
    import_answers,
    plan_import,
    read_csv_upload,
)
from voice.safeguarding.models import ConcernFlag
from voice.sessions.codes import looks_like_code, normalise_code
from voice.sessions.models import ClassSession
from voice.surveys.loader import load_catalogue

SLUG = "your-voice-matters"
NAME_AND_NUMBER = "my name is Jessica Smith and my number is 07700 900123"
DISCLOSURE = "my dad hits me when he is drunk and I am scared to go home"
MAPPING = {"Trusted adult?": "trusted_adult", "Safe out and about": "safe_area",
           "Worries": "worries", "Top 3": "priorities", "Ideas": "make_better",
           "Anything else": "anything_else"}  # the timestamp column is left unmapped
FORMS_CSV = (
    "Timestamp,Trusted adult?,Safe out and about,Worries,Top 3,Ideas,Anything else\r\n"
    # Values, labels in any case, Google Forms' comma-joined ticks (one label has a comma).
    '2026/11/20 10:01,Yes,very safe,"Being bullied or left out, Money",'
    '"Stopping bullying; Keeping children safe online",more buses to the youth club,\r\n'
    f"2026/11/20 10:02,no,QUITE SAFE,,,\"{NAME_AND_NUMBER}\",{DISCLOSURE}\r\n"
    "2026/11/20 10:03,not_sure,I'd rather not say,\"Bullying, in person or online\","
    "\"1st: Stopping bullying, 2nd: Making streets, parks and buses safer\",,\r\n"
    "\r\n"  # a blank line: skipped
    "2026/11/20 10:04,,,,,,\r\n"  # nothing in any mapped column: left out
)


def count(app, model: Any) -> int:
    with app.state.voice.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model.__table__)).scalar_one()


def counts(app) -> dict[str, int]:
    return {m.__name__: count(app, m)
            for m in (ClassSession, Submission, Answer, TextAnalysis, ConcernFlag)}


def run(app, data: bytes, mapping: dict[str, str] | None = None, **details: Any):
    voice = app.state.voice
    upload = read_csv_upload(data)
    return import_answers(voice.engine, voice.catalogue, SLUG, upload,
                          MAPPING if mapping is None else mapping,
                          **{"school": "Riverside Academy", "year_group": 9,
                             "band": "secondary", **details})


def refused(call) -> list[str]:
    with pytest.raises(ImportRefused) as error:
        call()
    return [str(problem) for problem in error.value.problems]


# -- reading the file ----------------------------------------------------------------------------


def test_reads_utf8_with_or_without_a_bom_and_windows_1252() -> None:
    text = "Name,Idea\r\ncafé,“more buses” – please\r\n"
    for data, encoding in ((text.encode("utf-8"), "UTF-8"),
                           (b"\xef\xbb\xbf" + text.encode("utf-8"), "UTF-8"),
                           (text.encode("cp1252"), "Windows-1252")):
        upload = read_csv_upload(data)
        assert upload.encoding == encoding
        header, rows = upload
        assert header == ["Name", "Idea"] and rows == [["café", "“more buses” – please"]]


def test_reads_semicolons_blank_lines_and_line_breaks_in_cells() -> None:
    header, rows = read_csv_upload(b'a;b\n\n1;"two\nlines"\n3;4\n')
    assert header == ["a", "b"] and rows == [["1", "two\nlines"], ["3", "4"]]


@pytest.mark.parametrize(("data", "words"), [
    (b"", "The file is empty"),
    (b"\xef\xbb\xbf \r\n\r\n", "The file is empty"),
    (b",,\r\n,,\r\n", "The file is empty"),
    (b",Idea\r\n1,2\r\n", "column 1 has no name"),
    (b"Idea,idea\r\n1,2\r\n", "names column 'idea' twice"),
    (b"a,b,c\r\n1,2,3\r\n1,2\r\n1,2,3\r\n1,2,3,4\r\n", "row 3: has 2 cells but the header has 3"),
    (b'a,b\r\n1,"unclosed\r\n', "isn't valid CSV"),
    (b"PK\x03\x04rest-of-a-zip", "spreadsheet (XLSX) file"),
    (b"a,b\x00c\r\n", "doesn't look like a CSV file"),
    (b"a,b\r\n\x81\x8d,x\r\n", "neither UTF-8 nor Windows-1252"),
])
def test_a_bad_file_is_refused_with_a_clear_reason(data: bytes, words: str) -> None:
    problems = refused(lambda: read_csv_upload(data))
    assert any(words in problem for problem in problems), problems


def test_every_ragged_row_is_named() -> None:
    problems = refused(lambda: read_csv_upload(b"a,b,c\r\n1,2\r\n1,2,3\r\n1\r\n1,2,3,4\r\n"))
    assert problems == ["row 2: has 2 cells but the header has 3",
                        "row 4: has 1 cells but the header has 3",
                        "row 5: has 4 cells but the header has 3"]


def test_trailing_empty_cells_and_columns_are_not_ragged() -> None:
    header, rows = read_csv_upload(b"a,b,,\r\n1,2,,\r\n3,4\r\n")
    assert header == ["a", "b"] and rows == [["1", "2"], ["3", "4"]]


def test_too_many_rows_or_bytes_are_refused() -> None:
    lines = ["Idea"] + ["x"] * imports.MAX_ROWS
    assert len(read_csv_upload("\n".join(lines).encode()).rows) == imports.MAX_ROWS
    problems = refused(lambda: read_csv_upload("\n".join([*lines, "x"]).encode()))
    assert "more than 20,000 rows" in problems[0]
    big = b"Idea\r\n" + b"x" * imports.MAX_BYTES
    assert "the most we take at once is 5 MB" in refused(lambda: read_csv_upload(big))[0]


# -- mapping and checking ------------------------------------------------------------------------


def test_a_bad_mapping_is_refused_before_any_row(app) -> None:
    upload = read_csv_upload(b"Ideas,Adult\r\nmore buses,yes\r\n")
    catalogue = app.state.voice.catalogue
    problems = refused(lambda: plan_import(catalogue, SLUG, upload, {
        "Ideas": "make_better", "Colour": "trusted_adult", "Adult": "favourite_colour"},
        band="secondary"))
    assert problems[0].startswith("there is no column 'Colour' in the file (its columns: Ideas, "
                                  "Adult)")
    assert problems[1].startswith("'favourite_colour' is not a question in 'your-voice-matters'")
    twice = refused(lambda: plan_import(catalogue, SLUG, upload, {
        "Ideas": "make_better", "adult": "make_better"}, band="secondary"))
    assert twice == ["'make_better' is mapped from two columns: 'Ideas' and 'adult'"]
    assert refused(lambda: plan_import(catalogue, SLUG, upload, {}, band="secondary")) == [
        "Map at least one column of the file to a question."]


def test_a_question_not_asked_in_the_band_is_refused(tmp_path: Path) -> None:
    (tmp_path / "s.toml").write_text(SMALL_SURVEY)
    catalogue = load_catalogue([tmp_path])
    upload = read_csv_upload(b"Job\r\nvet\r\n")
    problems = refused(lambda: plan_import(catalogue, "small", upload, {"Job": "job"},
                                           band="primary"))
    assert problems == ["'job' is not asked in the primary band"]


SMALL_SURVEY = """
slug = "small"
title = "Small"
version = "1"
bands = ["primary", "secondary"]
[about]
who = "Us."
why = "To know."
what_happens = "We read it."
when_adult_reads = "If you are not safe."
next = "Thank you."
[[questions]]
id = "job"
type = "text"
text = "What job do you want?"
bands = ["secondary"]
max_length = 10
"""


def test_every_bad_row_is_reported_and_nothing_is_imported(app) -> None:
    data = (
        "Trusted adult?,Safe out and about,Worries,Top 3,Ideas\r\n"
        "yes,very,,,fine\r\n"
        "maybe,very,,,fine\r\n"  # row 3: not an answer
        "yes,,Being bullied or left out; Aliens,,\r\n"  # row 4: one unknown tick
        "yes,,,\"bullying, families, online_safety, mental_health\",\r\n"  # row 5: 4 ranked of 3
        f"yes,,,,{'x' * 1001}\r\n"  # row 6: too long
        "yes,,,\"bullying; bullying\",\r\n"  # row 7: the same choice twice
    ).encode()
    mapping = {k: v for k, v in MAPPING.items() if k != "Anything else"}
    problems = refused(lambda: run(app, data, mapping))
    assert problems == [
        "row 3, column 'Trusted adult?': 'maybe' is not one of the answers to 'trusted_adult' "
        "(Yes, No, Not sure)",
        "row 4, column 'Worries': 'Aliens' is not among the answers to 'worries' ("
        + ", ".join(o.label["secondary"] for o in _question(app, "worries").options) + ")",
        "row 5, column 'Top 3': ranks 4 answers; 'priorities' asks for the top 3",
        "row 6, column 'Ideas': is 1,001 characters long; answers to 'make_better' can be at "
        "most 1,000",
        "row 7, column 'Top 3': gives the same answer twice for 'priorities'",
    ]
    assert counts(app) == dict.fromkeys(counts(app), 0)


def _question(app, question_id: str):
    survey = app.state.voice.catalogue.surveys[SLUG]
    return next(q for q in survey.questions if q.id == question_id)


# -- writing -------------------------------------------------------------------------------------


def test_an_import_is_written_like_children_s_answers(app) -> None:
    result = run(app, FORMS_CSV.encode())
    assert (result.submissions, result.empty_rows, result.flagged) == (3, 1, 1)
    engine = app.state.voice.engine
    with engine.connect() as conn:
        session = conn.execute(select(ClassSession.__table__)).one()  # type: ignore[attr-defined]
        subs = conn.execute(select(Submission.__table__)).all()  # type: ignore[attr-defined]
        answers = {(a.submission_id, a.question_id): a for a in conn.execute(
            select(Answer.__table__))}  # type: ignore[attr-defined]
        analyses = conn.execute(select(TextAnalysis.__table__)).all()  # type: ignore[attr-defined]
        flag = conn.execute(select(ConcernFlag.__table__)).one()  # type: ignore[attr-defined]
    # A closed session for the import, marked by its code, that no child can join.
    assert session.code == result.code and session.code.startswith("IMP-")
    assert not looks_like_code(normalise_code(session.code))
    assert (session.school, session.year_group, session.band) == ("Riverside Academy", 9,
                                                                   "secondary")
    assert session.closed_at is not None and session.survey_version == "2026-27"
    assert len(subs) == 3 and all(s.completed_at is not None for s in subs)
    by_row = sorted(subs, key=lambda s: len([k for k in answers if k[0] == s.id]))
    values = {qid: (a.status, json.loads(a.value) if a.value else None)
              for (sid, qid), a in answers.items() if sid == by_row[-1].id}
    assert values == {
        "trusted_adult": ("answered", "yes"), "safe_area": ("answered", "very"),
        "worries": ("answered", ["bullying", "money"]),
        "priorities": ("answered", ["bullying", "online_safety"]),
        "make_better": ("answered", "more buses to the youth club"),
    }
    third = {qid: (a.status, json.loads(a.value) if a.value else None)
             for (sid, qid), a in answers.items()
             if json.loads(answers.get((sid, "trusted_adult")).value) == "not_sure"}
    assert third == {"trusted_adult": ("answered", "not_sure"),
                     "safe_area": ("rather_not_say", None),
                     "worries": ("answered", ["bullying"]),
                     "priorities": ("answered", ["bullying", "streets_transport"])}
    # Free text: anonymised before it was written, then screened and themed.
    stored = {json.loads(a.value) for (_, qid), a in answers.items()
              if qid in ("make_better", "anything_else")}
    assert "my name is [name] and my number is [phone]" in stored
    assert len(analyses) == 3
    assert flag.question_id == "anything_else" and flag.session_id == session.id
    assert flag.category == "physical_abuse" and flag.status == "new"
    assert flag.fingerprint == hashlib.sha256(DISCLOSURE.encode()).hexdigest()[:32]
    assert json.loads(flag.reasons)  # the trigger words


def test_no_raw_name_or_number_survives_an_import(app, settings) -> None:
    run(app, FORMS_CSV.encode())
    engine = app.state.voice.engine
    with engine.connect() as conn:
        for table in ("class_session", "submission", "answer", "text_analysis", "concern_flag"):
            for row in conn.execute(text(f"SELECT * FROM {table}")):  # noqa: S608
                assert "Jessica" not in str(row) and "07700" not in str(row), table
    if settings.database_url.startswith("sqlite"):
        engine.dispose()
        path = Path(settings.database_url.removeprefix("sqlite:///"))
        for file in path.parent.glob(path.name + "*"):
            raw = file.read_bytes()
            assert b"Jessica" not in raw and b"07700" not in raw, file


def test_the_class_school_is_taken_out_of_free_text(app) -> None:
    run(app, b"Ideas\r\nriverside academy is ok\r\n", {"Ideas": "make_better"})
    with app.state.voice.engine.connect() as conn:
        value = conn.execute(select(Answer.value)).scalar_one()  # type: ignore[call-overload]
    assert json.loads(value) == "[school] is ok"


def test_a_follow_up_the_answers_rule_out_is_left_out(app) -> None:
    label = _question(app, "trusted_adult_wish").options[0].label["secondary"]
    assert "," in label  # quoted in the file
    data = f'Adult,Wish\r\nyes,"{label}"\r\nno,"{label}"\r\n'.encode()
    result = run(app, data, {"Adult": "trusted_adult", "Wish": "trusted_adult_wish"})
    assert (result.submissions, result.answers, result.not_asked) == (2, 3, 1)


def test_our_own_submissions_export_reads_back(app, tmp_path) -> None:
    run(app, FORMS_CSV.encode())
    voice = app.state.voice
    out = tmp_path / "subs.csv"
    export(voice.engine, voice.catalogue, SLUG, "submissions", "csv", out, small_number=10)
    upload = read_csv_upload(out.read_bytes())
    mapping = {qid: qid for qid in ("trusted_adult", "safe_area", "worries", "priorities")}
    plan = plan_import(voice.catalogue, SLUG, upload, mapping, band="secondary")
    got = sorted(sorted((q, r.status, json.dumps(r.value)) for q, r in row.items())
                 for _, row in plan.rows)
    assert [("priorities", "answered", '["bullying", "streets_transport"]'),
            ("safe_area", "rather_not_say", "null"),
            ("trusted_adult", "answered", '"not_sure"'),
            ("worries", "answered", '["bullying"]')] in got


def test_a_failure_while_writing_leaves_nothing_behind(app) -> None:
    engine = app.state.voice.engine

    def fail_on_flags(conn, cursor, statement, parameters, context, executemany) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO CONCERN_FLAG"):
            raise RuntimeError("the disk is full")

    event.listen(engine, "before_cursor_execute", fail_on_flags)
    try:
        with pytest.raises(RuntimeError, match="the disk is full"):
            run(app, FORMS_CSV.encode())
    finally:
        event.remove(engine, "before_cursor_execute", fail_on_flags)
    assert counts(app) == dict.fromkeys(counts(app), 0)  # not half-imported


def test_bad_details_and_mission_packs_are_refused(app) -> None:
    data = b"Ideas\r\nmore buses\r\n"
    mapping = {"Ideas": "make_better"}
    for details, words in (({"year_group": 15}, "Year group"), ({"school": " "}, "school's name"),
                           ({"band": "toddlers"}, "band must be one of")):
        with pytest.raises(imports.VoiceError, match=words):
            run(app, data, mapping, **details)
    voice = app.state.voice
    with pytest.raises(imports.VoiceError, match="mission pack"):
        import_answers(voice.engine, voice.catalogue, "takeover-challenge-primary",
                       read_csv_upload(data), mapping, school="A", year_group=5, band="primary")
    assert "no answers in the mapped columns" in refused(
        lambda: run(app, b"Ideas,Other\r\n,x\r\n", mapping))[0]
    assert counts(app) == dict.fromkeys(counts(app), 0)


# -- the command ---------------------------------------------------------------------------------




def _cli(file: Path, *extra: str) -> int:
    return main(["import", str(file), "--survey", SLUG, "--school", "Riverside Academy",
                 "--year", "9", "--band", "secondary", *extra])


def test_voice_import(app, cli_env, tmp_path, capsys) -> None:
    file = tmp_path / "forms.csv"
    file.write_bytes(FORMS_CSV.encode("cp1252", errors="replace"))
    maps = [f"--map={column}={question}" for column, question in MAPPING.items()]
    assert _cli(file, *maps, "--check") == 0
    assert capsys.readouterr().out.startswith("ok: 3 row(s) would be imported")
    assert count(app, Submission) == 0
    assert _cli(file, *maps, "--opens", "2026-11-20T10:00") == 0
    out = capsys.readouterr().out
    assert out.startswith("imported 3 submission(s) with ") and "session IMP-" in out
    assert "1 possible disclosure(s)" in out and "left out 1 row(s) without answers" in out
    assert count(app, Submission) == 3 and count(app, ConcernFlag) == 1


def test_voice_import_with_a_map_file(app, cli_env, tmp_path, capsys) -> None:
    file = tmp_path / "forms.csv"
    file.write_bytes(FORMS_CSV.encode())
    map_file = tmp_path / "map.json"
    map_file.write_text(json.dumps({"Trusted adult?": "trusted_adult", "Ideas": "make_better"}))
    assert _cli(file, "--map-file", str(map_file)) == 0
    assert count(app, Answer) == 5  # 3 trusted adult, 2 ideas


def test_voice_import_reports_every_problem_and_imports_nothing(app, cli_env, tmp_path,
                                                               capsys) -> None:
    file = tmp_path / "bad.csv"
    file.write_bytes(b"Adult\r\nyes\r\nmaybe\r\nperhaps\r\n")
    assert _cli(file, "--map", "Adult=trusted_adult") == 1
    err = capsys.readouterr().err
    assert "error: row 3, column 'Adult': 'maybe'" in err
    assert "error: row 4, column 'Adult': 'perhaps'" in err
    assert "2 problem(s) in" in err and "nothing was imported" in err
    assert counts(app) == dict.fromkeys(counts(app), 0)
    file.write_bytes(b"")
    assert _cli(file, "--map", "Adult=trusted_adult") == 1
    assert "error: The file is empty." in capsys.readouterr().err


def test_voice_import_refuses_bad_options(app, cli_env, tmp_path, capsys) -> None:
    file = tmp_path / "forms.csv"
    file.write_bytes(FORMS_CSV.encode())
    assert main(["import", str(file), "--survey", "nope", "--school", "A", "--year", "9",
                 "--band", "secondary", "--map", "Ideas=make_better"]) == 2
    assert "There is no survey 'nope'" in capsys.readouterr().err
    assert _cli(file, "--map", "Ideas") == 2
    assert "--map wants COLUMN=QUESTION" in capsys.readouterr().err
    assert _cli(tmp_path / "missing.csv", "--map", "Ideas=make_better") == 2
    assert "cannot read" in capsys.readouterr().err
    (tmp_path / "map.json").write_text("[1, 2]")
    assert _cli(file, "--map-file", str(tmp_path / "map.json")) == 2
    with pytest.raises(SystemExit) as exit_:
        _cli(file, "--band", "toddlers")
    assert exit_.value.code == 2
    assert counts(app) == dict.fromkeys(counts(app), 0)


def test_row_numbers_are_the_spreadsheet_s_with_blank_lines_counted(app) -> None:
    upload = read_csv_upload(b"\r\nAdult\r\nyes\r\n\r\nmaybe\r\n")
    assert list(upload.numbered()) == [(3, ["yes"]), (5, ["maybe"])]
    assert refused(lambda: run(app, b"\r\nAdult\r\nyes\r\n\r\nmaybe\r\n",
                               {"Adult": "trusted_adult"})) == [
        "row 5, column 'Adult': 'maybe' is not one of the answers to 'trusted_adult' "
        "(Yes, No, Not sure)"]
    assert refused(lambda: read_csv_upload(b"a,b\r\n\r\n1\r\n")) == [
        "row 3: has 1 cells but the header has 2"]
