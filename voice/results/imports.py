"""Importing answers collected elsewhere (a school's forms tool, a paper survey typed up) from CSV.

Three steps, so a web page can show each one: read the file (`read_csv_upload`), map its columns
to the survey's questions and check every row (`plan_import`), then write it (`import_answers`).
Every problem found is reported at once, with the spreadsheet row it is on (the header is row 1),
and nothing is written unless there are none.

What is written goes the way a child's answers do: each piece of free text through `listen`
(anonymised before it is stored, screened, themed), so nothing raw is ever kept, and a possible
disclosure reaches the safeguarding queue as a concern flag, written as the journey writes it.
The whole import is one transaction: a class session for it (closed, with a code starting "IMP-"
that no child can type, so it is plain which sessions were imported), then every row as a
completed submission with its answers. A failure anywhere leaves nothing behind.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import secrets
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from voice.answers.journey import clean_text
from voice.answers.models import (
    ANSWERED,
    RATHER_NOT_SAY,
    SKIPPED,
    Answer,
    Submission,
    TextAnalysis,
)
from voice.answers.service import analysis_values, flag_values
from voice.clock import utcnow
from voice.errors import VoiceError
from voice.listening.pipeline import Listened, listen
from voice.listening.theme import Codebook
from voice.safeguarding.models import ConcernFlag
from voice.sessions.codes import new_code
from voice.sessions.models import ClassSession
from voice.sessions.service import checked_class
from voice.staff.accounts import KnownSchools
from voice.surveys.loader import Catalogue
from voice.surveys.model import BANDS, Question, Survey

__all__ = ["MAX_BYTES", "MAX_ROWS", "CsvUpload", "ImportRefused", "ImportResult", "Plan",
           "Problem", "import_answers", "plan_import", "read_csv_upload"]

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
CODE_PREFIX = "IMP-"  # an imported session's code: never a code a child can type (see codes.py)
SHOW_PROBLEMS = 20  # in a summary message; `problems` holds them all

session_table = ClassSession.__table__  # type: ignore[attr-defined]
submission_table = Submission.__table__  # type: ignore[attr-defined]
answer_table = Answer.__table__  # type: ignore[attr-defined]
analysis_table = TextAnalysis.__table__  # type: ignore[attr-defined]
flag_table = ConcernFlag.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file, its mapping or a row. `row` is the spreadsheet's row
    number (the header is row 1); `column` is the file's column name."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}" if where else self.message


class ImportRefused(VoiceError):
    """The file cannot be imported; `problems` lists every reason. Nothing was written."""

    title = "We couldn't import that file"

    def __init__(self, problems: Iterable[Problem | str]) -> None:
        self.problems = [p if isinstance(p, Problem) else Problem(p) for p in problems]
        shown = "; ".join(str(p) for p in self.problems[:SHOW_PROBLEMS])
        more = len(self.problems) - SHOW_PROBLEMS
        if more > 0:
            shown += f"; and {more} more"
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} (nothing was imported): "
                         f"{shown}")


# -- reading the file ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvUpload:
    """A CSV file's header and rows (every row as long as the header), and how it was read.

    `numbers` holds each row's number as a spreadsheet shows the file (blank lines count)."""

    header: list[str]
    rows: list[list[str]]
    encoding: str = "UTF-8"
    delimiter: str = ","
    numbers: list[int] | None = None

    def __iter__(self) -> Iterator[Any]:  # header, rows = read_csv_upload(data)
        return iter((self.header, self.rows))

    def numbered(self) -> Iterator[tuple[int, list[str]]]:
        numbers = self.numbers or range(2, len(self.rows) + 2)
        return zip(numbers, self.rows, strict=True)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
        try:
            return data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            raise ImportRefused(["The file says it is UTF-8 but isn't. Save it again as "
                                 "'CSV UTF-8' and upload that."]) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ImportRefused(["The file's text can't be read. Save it as 'CSV UTF-8'."]) from None
    if data.startswith(b"PK\x03\x04"):
        raise ImportRefused(["This is a spreadsheet (XLSX) file, not CSV. Open it and save it "
                             "as 'CSV UTF-8', then upload that."])
    if b"\x00" in data[:4096]:
        raise ImportRefused(["This doesn't look like a CSV file. Save your answers as "
                             "'CSV UTF-8' and upload that."])
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:  # what Excel on Windows writes for "CSV" (not "CSV UTF-8")
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        raise ImportRefused(["The file's text is neither UTF-8 nor Windows-1252. Save it as "
                             "'CSV UTF-8' and upload that."]) from None


def _delimiter(first_line: str) -> str:
    """Comma, unless the header plainly uses semicolons (European Excel) or tabs."""
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def read_csv_upload(data: bytes) -> CsvUpload:
    """Read an uploaded CSV file. Raises ImportRefused, saying what is wrong, for an empty file,
    one with no header, rows of the wrong length, more than MAX_ROWS rows or MAX_BYTES bytes.
    Blank lines are skipped."""
    if len(data) > MAX_BYTES:
        raise ImportRefused([f"The file is {len(data) / 1024 / 1024:.1f} MB; the most we take "
                             f"at once is {MAX_BYTES // 1024 // 1024} MB. Split it into smaller "
                             "files."])
    text, encoding = _decode(data)
    if not text.strip():
        raise ImportRefused(["The file is empty."])
    delimiter = _delimiter(text.lstrip("\r\n").split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[tuple[int, list[str]]] = []  # (the spreadsheet's row number, cells)
    number = 0
    try:
        for number, record in enumerate(reader, start=1):
            if not any(cell.strip() for cell in record):
                continue  # a blank line
            if len(records) > MAX_ROWS:
                raise ImportRefused([f"The file has more than {MAX_ROWS:,} rows of answers; the "
                                     "most we take at once is that many. Split it into smaller "
                                     "files."])
            records.append((number, record))
    except csv.Error as error:
        raise ImportRefused([Problem(f"the file isn't valid CSV here ({error}). Check for a "
                                     "stray quote mark.", row=number + 1)]) from None
    if not records:
        raise ImportRefused(["The file is empty."])
    header = [unicodedata.normalize("NFC", cell.strip()) for cell in records[0][1]]
    while header and not header[-1]:
        header.pop()  # trailing empty columns, as some tools write
    header_row = records[0][0]
    problems: list[Problem] = []
    for position, name in enumerate(header, start=1):
        if not name:
            problems.append(Problem(f"column {position} has no name in the header row",
                                    row=header_row))
    seen: set[str] = set()
    for name in header:
        key = name.casefold()
        if name and key in seen:
            problems.append(Problem(f"the header names column '{name}' twice", row=header_row))
        seen.add(key)
    rows: list[list[str]] = []
    numbers: list[int] = []
    for row_number, record in records[1:]:
        cells = list(record)
        while len(cells) > len(header) and not cells[-1].strip():
            cells.pop()  # trailing empty cells
        if len(cells) != len(header):
            problems.append(Problem(f"has {len(cells)} cells but the header has {len(header)}",
                                    row=row_number))
            continue
        rows.append(cells)
        numbers.append(row_number)
    if problems:
        raise ImportRefused(problems)
    return CsvUpload(header, rows, encoding, delimiter, numbers)


# -- mapping and checking ------------------------------------------------------------------------


def _key(text: str) -> str:
    """How a typed choice is compared: case, curly quotes, spacing and a final full stop ignored."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = text.replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split()).rstrip(".")


RATHER_NOT_SAY_WORDS = {_key(w) for w in ("I'd rather not say", "rather not say", "prefer not to say",
                                           "I would rather not say", "rather_not_say")}
_ORDINAL = re.compile(r"^\s*(?:\d{1,2}(?:st|nd|rd|th)?|first|second|third|fourth|fifth)\s*[:.)\-]\s*",
                      re.IGNORECASE)


@dataclass
class _Choices:
    """One question's answers by every way of writing them: value, or label in any band."""

    question: Question
    by_key: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, question: Question) -> _Choices:
        choices = cls(question)
        for option in question.options:
            choices.by_key.setdefault(_key(option.value), option.value)
            for label in option.label.values():
                choices.by_key.setdefault(_key(label), option.value)
        return choices

    def find(self, text: str) -> str | None:
        return self.by_key.get(_key(text))

    def shown(self, band: str) -> str:
        return ", ".join(option.label.get(band, option.value) for option in self.question.options)


@dataclass(frozen=True)
class _Reading:
    status: str
    value: Any = None


@dataclass(frozen=True)
class Plan:
    """A checked import, ready to write: each row's answers by question id."""

    survey: Survey
    band: str
    rows: list[tuple[int, dict[str, _Reading]]]
    empty_rows: int  # rows with nothing in any mapped column, left out
    not_asked: int  # answers to follow-up questions whose condition the row's answers rule out


def _several(choices: _Choices, text: str) -> tuple[list[str], list[str]]:
    """Values in a cell of several answers ("a; b", one a line, or "a, b"), and the pieces that
    match none. Forms tools join ticked boxes with ", " and some labels hold commas, so
    comma-separated pieces are joined back, longest first, into labels. A ranking's "1st:" and
    the like are dropped."""
    whole = choices.find(text)
    if whole is not None:
        return [whole], []
    separator = next((s for s in (";", "\n", "|") if s in text), ",")
    parts = [_ORDINAL.sub("", part).strip() for part in text.split(separator)]
    parts = [part for part in parts if part]
    if separator != ",":
        found = [choices.find(part) for part in parts]
        return ([v for v in found if v is not None],
                [part for part, v in zip(parts, found, strict=True) if v is None])
    found_values: list[str] = []
    unknown: list[str] = []
    start = 0
    while start < len(parts):
        for end in range(len(parts), start, -1):
            value = choices.find(", ".join(parts[start:end]))
            if value is not None:
                found_values.append(value)
                start = end
                break
        else:
            unknown.append(parts[start])
            start += 1
    return found_values, unknown


def _read_cell(question: Question, choices: _Choices, band: str,
               text: str) -> _Reading | str | None:
    """A cell as an answer, the reason it can't be one (in plain words), or None for nothing.

    "(skipped)" and "(rather not say)", as Voice's own submissions export writes them, are read
    back as such for any question."""
    marker = _key(text)
    if marker == "(skipped)":
        return _Reading(SKIPPED)
    if marker == "(rather not say)" or (question.type != "text" and marker in RATHER_NOT_SAY_WORDS
                                        and choices.find(text) is None):
        if not question.rather_not_say:
            return f"'{question.id}' doesn't offer \"I'd rather not say\""
        return _Reading(RATHER_NOT_SAY)
    if question.type == "text":
        cleaned = clean_text(text)
        if not cleaned:
            return None
        if len(cleaned) > question.max_length:
            return (f"is {len(cleaned):,} characters long; answers to '{question.id}' can be "
                    f"at most {question.max_length:,}")
        return _Reading(ANSWERED, cleaned)
    if question.type in ("single", "scale", "yes_no"):
        value = choices.find(text)
        if value is None:
            return f"'{text}' is not one of the answers to '{question.id}' ({choices.shown(band)})"
        return _Reading(ANSWERED, value)
    found, unknown = _several(choices, text)
    if unknown:
        listed = ", ".join(f"'{u}'" for u in unknown)
        return f"{listed} {'is' if len(unknown) == 1 else 'are'} not among the answers to " \
               f"'{question.id}' ({choices.shown(band)})"
    if len(set(found)) != len(found):
        return f"gives the same answer twice for '{question.id}'"
    if question.type == "ranking" and len(found) > question.pick:
        return f"ranks {len(found)} answers; '{question.id}' asks for the top {question.pick}"
    return _Reading(ANSWERED, found)


def _mapped(upload: CsvUpload, survey: Survey, band: str,
            mapping: Mapping[str, str]) -> tuple[list[tuple[int, str, Question]], list[Problem]]:
    """(column index, column name, question) for each mapped column, and mapping problems."""
    problems: list[Problem] = []
    if not mapping:
        return [], [Problem("Map at least one column of the file to a question.")]
    columns = {name.casefold(): index for index, name in enumerate(upload.header)}
    questions = {q.id: q for q in survey.questions}
    used: dict[str, str] = {}
    mapped: list[tuple[int, str, Question]] = []
    for column, question_id in mapping.items():
        index = columns.get(column.strip().casefold())
        question = questions.get(question_id.strip())
        if index is None:
            problems.append(Problem(f"there is no column '{column}' in the file (its columns: "
                                    f"{', '.join(upload.header)})"))
        if question is None:
            problems.append(Problem(f"'{question_id}' is not a question in '{survey.slug}' "
                                    f"(its questions: {', '.join(questions)})"))
        elif band not in question.bands:
            problems.append(Problem(f"'{question.id}' is not asked in the {band} band"))
        elif question.id in used:
            problems.append(Problem(f"'{question.id}' is mapped from two columns: "
                                    f"'{used[question.id]}' and '{column}'"))
        if index is not None and question is not None and question.id not in used:
            used[question.id] = column
            mapped.append((index, upload.header[index], question))
    return mapped, problems


def _survey(catalogue: Catalogue, slug: str) -> Survey:
    survey = catalogue.get(slug)
    if survey is None:
        known = ", ".join(sorted(s.slug for s in catalogue.surveys.values())) or "none loaded"
        raise VoiceError(f"There is no survey '{slug}' (known: {known}).")
    if not isinstance(survey, Survey) or survey.kind != "survey":
        raise VoiceError(f"'{slug}' is a mission pack: only survey answers can be imported.")
    return survey


def plan_import(catalogue: Catalogue, slug: str, upload: CsvUpload, mapping: Mapping[str, str],
                *, band: str) -> Plan:
    """Check the mapping ({file column: question id}) and every row against the survey's
    questions (a choice by its value or its label, in any case; text no longer than the
    question allows). Raises ImportRefused listing every problem."""
    survey = _survey(catalogue, slug)
    if band not in BANDS or band not in survey.bands:
        raise VoiceError(f"The band must be one of {', '.join(survey.bands)}, not '{band}'.")
    mapped, problems = _mapped(upload, survey, band, mapping)
    if problems:
        raise ImportRefused(problems)
    choices = {question.id: _Choices.of(question) for _, _, question in mapped}
    mapped_ids = {question.id for _, _, question in mapped}
    conditions = {question.id: question.show_if for _, _, question in mapped
                  if question.show_if is not None and question.show_if.question in mapped_ids}
    rows: list[tuple[int, dict[str, _Reading]]] = []
    empty = not_asked = 0
    for number, cells in upload.numbered():
        readings: dict[str, _Reading] = {}
        for index, column, question in mapped:
            text = cells[index].strip()
            if not text:
                continue
            reading = _read_cell(question, choices[question.id], band, text)
            if isinstance(reading, str):
                problems.append(Problem(reading, row=number, column=column))
            elif reading is not None:
                readings[question.id] = reading
        # A follow-up whose condition this row's answers rule out was not asked (as in the
        # journey, which drops such answers): it is left out, and counted.
        for question_id in list(readings):
            condition = conditions.get(question_id)
            if condition is None:
                continue
            earlier = readings.get(condition.question)
            if not condition.holds(earlier.value if earlier else None):
                del readings[question_id]
                not_asked += 1
        if readings:
            rows.append((number, readings))
        else:
            empty += 1
    if problems:
        raise ImportRefused(problems)
    return Plan(survey, band, rows, empty, not_asked)


# -- writing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    session_id: int
    code: str
    submissions: int
    answers: int
    flagged: int  # answers screened as a possible disclosure (each a concern flag)
    empty_rows: int
    not_asked: int


def import_answers(
    engine: Engine,
    catalogue: Catalogue,
    slug: str,
    upload: CsvUpload,
    mapping: Mapping[str, str],
    *,
    school: str,
    year_group: int,
    band: str,
    opens_at: datetime | None = None,
    codebook: Codebook | None = None,
    schools: Iterable[str] | None = None,
) -> ImportResult:
    """Check, listen to and write an import in one transaction: a closed class session for it
    (school, year group and band as given; `opens_at`, when the answers were collected, default
    now) and one completed submission per row. Raises ImportRefused (every problem) or
    VoiceError (a bad detail); in either case nothing is written."""
    survey = _survey(catalogue, slug)
    school = checked_class(school, year_group)
    now = utcnow()
    opens_at = opens_at or now
    if opens_at > now:
        raise VoiceError("The answers can't have been collected in the future: check the date.")
    plan = plan_import(catalogue, slug, upload, mapping, band=band)
    if not plan.rows:
        raise ImportRefused(["There are no answers in the mapped columns of any row."])
    if codebook is None:
        codebook = Codebook.load(survey.codebook) if survey.codebook else Codebook.default()
    heard_schools = (*(KnownSchools(engine)() if schools is None else schools), school)
    free_text = {q.id for q in survey.questions if q.type == "text"}

    submissions: list[dict[str, Any]] = []
    answers: list[dict[str, Any]] = []
    analyses: list[dict[str, Any]] = []
    flags: list[dict[str, Any]] = []  # session_id filled in when the session exists
    for _number, readings in plan.rows:
        submission_id = secrets.token_urlsafe(18)
        submissions.append({"id": submission_id, "survey_version": survey.version,
                            "started_at": opens_at, "completed_at": opens_at, "team": None})
        for question_id, reading in readings.items():
            value = reading.value
            key = {"submission_id": submission_id, "question_id": question_id}
            heard: Listened | None = None
            if question_id in free_text and isinstance(value, str):
                # Anonymised here, before anything is written; screened and themed on what is left.
                heard = listen(value, known_schools=heard_schools, codebook=codebook)
                value = heard.text
            answers.append({**key, "status": reading.status,
                            "value": None if value is None else json.dumps(value, ensure_ascii=False),
                            "updated_at": now})
            if heard is None:
                continue
            analyses.append({**key, **analysis_values([heard]), "updated_at": now})
            flag = flag_values(heard)  # exactly as the journey writes a flag
            if flag is not None:
                flags.append({**key, **flag, "flagged_at": now})

    for _ in range(5):  # a clash among billions of codes is rare; retry rather than fail
        code = CODE_PREFIX + new_code()
        try:
            with engine.begin() as conn:
                session_id = conn.execute(session_table.insert().values(
                    code=code, survey_slug=survey.slug, survey_version=survey.version, band=band,
                    school=school, year_group=year_group, opens_at=opens_at,
                    closes_at=max(now, opens_at), created_at=now, closed_at=now,
                ).returning(session_table.c.id)).scalar_one()
                conn.execute(submission_table.insert(),
                             [{**row, "session_id": session_id} for row in submissions])
                conn.execute(answer_table.insert(), answers)
                if analyses:
                    conn.execute(analysis_table.insert(), analyses)
                if flags:
                    conn.execute(flag_table.insert(),
                                 [{**flag, "session_id": session_id} for flag in flags])
        except IntegrityError:
            with engine.connect() as conn:
                taken = conn.execute(select(session_table.c.id)
                                     .where(session_table.c.code == code)).first()
            if taken is None:
                raise  # not a code clash
            continue
        return ImportResult(session_id, code, len(submissions), len(answers), len(flags),
                            plan.empty_rows, plan.not_asked)
    raise VoiceError("Could not find an unused session code; please try again.")
