"""Exports of a survey's (or mission pack's) results as CSV or XLSX, for analysts and board papers.

Four kinds:

- ``answers``: one row per answer, with the class's school, year group and band, the question as
  that band read it, the answer as readable text (labels, not stored values), its suggested and
  confirmed themes and its sentiment. Never a class code. Answers of a journey the child never
  sent are included, marked "sent: no".
- ``submissions``: one row per child (or mission team), one column per question; an unsent one
  has no "completed" time.
- ``themes``: how many sent answers have each theme, per question and band (confirmed themes
  where an analyst has coded the answer, else the suggested ones), with the number of sent answers
  to each question. These figures leave the analyst's screen, so every count goes through
  `voice.results.stats.suppress`.
- ``codebook``: the survey's working codebook.

Row-level exports carry no counts. Every text cell that a spreadsheet would run as a formula
(starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, also after leading spaces)
is written with a ``'`` in front (OWASP, "CSV injection"), in CSV and XLSX alike.

XLSX is written here by a small streaming writer, not by XlsxWriter: 100,000 submissions make
about 1.2 million answer rows (18 million cells), and XlsxWriter takes about 7 µs a cell (over two
minutes) where this writer takes well under one. It writes text only as inline strings and numbers
only as numbers; it has no way to write a formula. Rows are streamed from the database (a
server-side cursor on PostgreSQL) and never held in memory; the sheet is compressed on a second
thread while the next rows are formatted.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import io
import itertools
import json
import operator
import os
import queue
import re
import tempfile
import threading
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sqlalchemy import String, cast, select
from sqlalchemy.engine import Connection, Engine

from voice.answers.models import ANSWERED, Answer, Submission, TextAnalysis
from voice.errors import VoiceError
from voice.missions.model import MissionPack, team_label
from voice.results.coding import confirmed_themes
from voice.results.models import SurveyTheme
from voice.results.stats import SUPPRESSED, suppress
from voice.sessions.models import ClassSession
from voice.surveys.loader import Catalogue
from voice.surveys.model import Survey

if TYPE_CHECKING:
    from voice.listening.theme import Codebook

__all__ = ["FORMATS", "KINDS", "ExportError", "export", "neutralise", "working_codebook"]

KINDS = ("answers", "submissions", "themes", "codebook")
FORMATS = ("csv", "xlsx")

answers_t = Answer.__table__  # type: ignore[attr-defined]
submissions_t = Submission.__table__  # type: ignore[attr-defined]
sessions_t = ClassSession.__table__  # type: ignore[attr-defined]
analyses_t = TextAnalysis.__table__  # type: ignore[attr-defined]
themes_t = SurveyTheme.__table__  # type: ignore[attr-defined]

ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")
STREAM_ROWS = 5000  # rows fetched from the database at a time
NO_THEME = "(no theme)"

Cell = str | int | float | None
Row = Sequence[Cell]


class ExportError(VoiceError):
    title = "We couldn't make that export"


# -- formula neutralising ------------------------------------------------------------------------

_FORMULA_START = frozenset("=+-@\t\r")


def neutralise(text: str) -> str:
    """Text a spreadsheet will show as text: a ``'`` goes in front of anything it would run.

    A cell is risky when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return,
    or does so after leading spaces (spreadsheets skip them).
    """
    if not text:
        return text
    first = text[0]
    if first in _FORMULA_START:
        return "'" + text
    if first.isspace():
        rest = text.lstrip()
        lead = text[: len(text) - len(rest)]
        if "\t" in lead or "\r" in lead or (rest and rest[0] in _FORMULA_START):
            return "'" + text
    return text


# -- writers -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 14  # XLSX column width, in characters


class _Target:
    """Where an export goes: a path (written to a temporary file, then renamed into place, so a
    failed export leaves nothing half-written) or an open stream."""

    def __init__(self, out: str | os.PathLike[str] | IO[Any]) -> None:
        self.path = None if hasattr(out, "write") else Path(out)  # type: ignore[arg-type]
        self.stream = out if self.path is None else None
        self.temporary: Path | None = None

    @contextlib.contextmanager
    def binary(self) -> Iterator[IO[bytes]]:
        if self.path is None:
            stream = self.stream
            if isinstance(stream, io.TextIOBase):
                stream = stream.buffer  # type: ignore[attr-defined]
            yield stream  # type: ignore[misc]
            return
        handle, name = tempfile.mkstemp(prefix=".export-", dir=self.path.parent or ".")
        self.temporary = Path(name)
        try:
            with os.fdopen(handle, "wb") as file:
                yield file
            os.replace(self.temporary, self.path)
        finally:
            if self.temporary.exists():
                self.temporary.unlink()


class _Cells(dict[Any, Any]):
    """Each distinct cell value, made safe once: a dict lookup per cell instead of a function
    call (an export repeats the same schools, labels and ids hundreds of thousands of times).
    Long unique text is made safe each time it is met and not kept."""

    LIMIT = 100_000  # entries: tens of megabytes at most

    def __init__(self, make: Callable[[str], Any], other: Callable[[Any], Any]) -> None:
        super().__init__()
        self._make = make
        self._other = other

    def __missing__(self, value: Any) -> Any:
        made = self._make(value) if value.__class__ is str else self._other(value)
        if len(self) >= self.LIMIT:
            self.clear()
        if value.__class__ is not str or len(value) <= 120:
            self[value] = made
        return made


_CSV_QUOTE = re.compile('[,"\r\n]')


def _csv_text(value: str) -> str:
    """A text field as RFC 4180 writes it (quoted when it holds a comma, quote or line break)."""
    value = neutralise(value)
    if _CSV_QUOTE.search(value) is not None:
        return '"' + value.replace('"', '""') + '"'
    return value


def _csv_number(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"cannot write {type(value).__name__} to a CSV field")
    return repr(value)


class _CsvWriter:
    """UTF-8 CSV (RFC 4180: commas, CRLF, fields quoted only when they must be) with a
    byte-order mark, so Excel reads accents and emoji correctly.

    Fields are formatted here rather than by the csv module: with each distinct value formatted
    once, a row is a dict lookup per field and one join, about three times faster.
    """

    CHUNK_ROWS = 2000

    def __init__(self, out: IO[Any], columns: Sequence[Column]) -> None:
        self._out = out
        self._binary = not isinstance(out, io.TextIOBase)
        if self._binary:
            out.write(codecs.BOM_UTF8)
        self._put(",".join(_csv_text(column.title) for column in columns) + "\r\n")

    def _put(self, text: str) -> None:
        self._out.write(text.encode("utf-8", "replace") if self._binary else text)

    def write(self, rows: Iterable[Row]) -> int:
        field = _Cells(_csv_text, _csv_number).__getitem__
        join = ",".join
        lines: list[str] = []
        count = 0
        chunk = self.CHUNK_ROWS
        for row in rows:
            lines.append(join(map(field, row)))
            count += 1
            if count % chunk == 0:
                lines.append("")
                self._put("\r\n".join(lines))
                lines.clear()
        if lines:
            lines.append("")
            self._put("\r\n".join(lines))
        return count

    def close(self, failed: bool = False) -> None:
        self._out.flush()


# Characters XML 1.0 cannot carry (written as Excel's _xHHHH_ escapes), text Excel would read as
# such an escape (kept literal with _x005F_), the three markup characters and carriage returns.
_XML_SPECIAL = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
# A carriage return as a reference: XML readers turn a literal one into a line feed.
_XML_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
XLSX_MAX_ROWS = 1_048_576  # including the header row
XLSX_MAX_TEXT = 32_767


def _xml_escape(match: re.Match[str]) -> str:
    found = match.group()
    if len(found) > 1:
        return "_x005F" + found
    escaped = _XML_ESCAPES.get(found)
    if escaped is not None:
        return escaped
    code = ord(found)
    if 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return f"_x{code:04X}_"


def _column_letters(count: int) -> list[str]:
    letters = []
    for index in range(1, count + 1):
        name = ""
        while index:
            index, remainder = divmod(index - 1, 26)
            name = chr(65 + remainder) + name
        letters.append(name)
    return letters


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "{sheets}</Types>"
)
_SHEET_TYPE = ('<Override PartName="/xl/worksheets/sheet{n}.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>{title}</dc:title><dc:creator>Voice</dc:creator></cp:coreProperties>"
)
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Voice</Application></Properties>"
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    "<sheets>{sheets}</sheets></workbook>"
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{sheets}"
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/></Relationships>'
)
_SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
    '<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData>'
)
_SHEET_END = "</sheetData></worksheet>"


class _XlsxWriter:
    """A streaming XLSX writer: one table over as many sheets as it needs (a sheet holds at most
    1,048,576 rows), the header on each, text as inline strings, numbers as numbers."""

    CHUNK_ROWS = 2000
    # Deflate's fastest level: a third of level 6's time for files about half as big again
    # (1.2 million answers: ~50 MB instead of ~33 MB), so the compressing thread keeps up.
    LEVEL = 1

    def __init__(self, out: IO[bytes], columns: Sequence[Column], title: str) -> None:
        self._zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED,
                                    compresslevel=self.LEVEL)
        self._columns = list(columns)
        self._letters = _column_letters(len(columns))
        self._title = title
        self._sheets: list[str] = []
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    # Compression (zlib releases the GIL) runs on a second thread while rows are formatted.
    def _open_sheet(self) -> None:
        number = len(self._sheets) + 1
        self._sheets.append(self._title if number == 1 else f"{self._title} {number}")
        entry = self._zip.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True)

        def pump() -> None:
            try:
                while (chunk := self._queue.get()) is not None:
                    entry.write(chunk)
                entry.close()
            except BaseException as error:  # noqa: BLE001 - reported on the writing thread
                self._error = error
                while self._queue.get() is not None:
                    pass

        self._thread = threading.Thread(target=pump, name="xlsx-deflate", daemon=True)
        self._thread.start()
        cols = "".join(f'<col min="{i}" max="{i}" width="{c.width:g}" customWidth="1"/>'
                       for i, c in enumerate(self._columns, start=1))
        header = "".join(
            f'<c r="{letter}1" t="inlineStr" s="1"><is><t>{self._text(neutralise(c.title))}</t></is></c>'
            for letter, c in zip(self._letters, self._columns, strict=True))
        self._put(_SHEET_START.format(cols=cols) + f'<row r="1">{header}</row>')

    def _put(self, text: str) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(text.encode("utf-8"))

    def _close_sheet(self) -> None:
        self._put(_SHEET_END)
        self._queue.put(None)
        assert self._thread is not None
        self._thread.join()
        self._thread = None
        if self._error is not None:
            raise self._error

    def _text(self, text: str) -> str:
        if len(text) > XLSX_MAX_TEXT:
            text = text[: XLSX_MAX_TEXT - 1] + "…"
        if _XML_SPECIAL.search(text) is not None:
            text = _XML_SPECIAL.sub(_xml_escape, text)
        return text

    def _string(self, value: str) -> str:
        """A whole inline-string cell, neutralised and escaped. Cells carry no reference ("r"):
        the format allows it (ECMA-376 §18.3.1.4) and Excel, LibreOffice and Google Sheets
        place each cell after the one before, so a repeated value is one dict lookup."""
        if not value:
            return "<c/>"
        text = self._text(neutralise(value))
        if text[0].isspace() or text[-1].isspace():
            return f'<c t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
        return f'<c t="inlineStr"><is><t>{text}</t></is></c>'

    @staticmethod
    def _number(value: Any) -> str:
        if value is None:
            return "<c/>"
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"cannot write {type(value).__name__} to a spreadsheet cell")
        return f"<c><v>{value!r}</v></c>"

    def write(self, rows: Iterable[Row]) -> int:
        cell = _Cells(self._string, self._number).__getitem__
        join = "".join
        put = self._put
        count = 0
        row_number = 1
        limit = XLSX_MAX_ROWS
        chunk = self.CHUNK_ROWS
        parts: list[str] = []
        self._open_sheet()
        for row in rows:
            if row_number == limit:
                put(join(parts))
                parts.clear()
                self._close_sheet()
                self._open_sheet()
                row_number = 1
            row_number += 1
            count += 1
            parts.append(f'<row r="{row_number}">{join(map(cell, row))}</row>')
            if count % chunk == 0:
                put(join(parts))
                parts.clear()
        put(join(parts))
        self._close_sheet()
        return count

    def close(self, failed: bool = False) -> None:
        if self._thread is not None:  # a failed write: stop the compressing thread
            self._queue.put(None)
            self._thread.join()
            self._thread = None
        if failed:
            with contextlib.suppress(Exception):
                self._zip.close()
            return
        if not self._sheets:  # nothing was written: an empty table with its header
            self.write(())
        names = self._sheets
        sheet_types = "".join(_SHEET_TYPE.format(n=n) for n in range(1, len(names) + 1))
        sheets = "".join(f'<sheet name="{self._text(name)}" sheetId="{n}" r:id="rId{n}"/>'
                         for n, name in enumerate(names, start=1))
        rels = "".join(
            f'<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>'
            for n in range(1, len(names) + 1))
        self._zip.writestr("[Content_Types].xml", _CONTENT_TYPES.format(sheets=sheet_types))
        self._zip.writestr("_rels/.rels", _ROOT_RELS)
        self._zip.writestr("docProps/core.xml", _CORE.format(title=self._text(self._title)))
        self._zip.writestr("docProps/app.xml", _APP)
        self._zip.writestr("xl/workbook.xml", _WORKBOOK.format(sheets=sheets))
        self._zip.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(sheets=rels))
        self._zip.writestr("xl/styles.xml", _STYLES)
        self._zip.close()


# -- what the rows say ---------------------------------------------------------------------------


# Answers whose stored values repeat (choices, rankings, dot votes): each distinct value is made
# readable once per question and band. Free text is unique, so it is not remembered.
_REPEATING = frozenset({"single", "multiple", "scale", "yes_no", "ranking", "dot_vote"})


class _Question:
    """A question as one band reads it: its wording, type, choice labels and place in the file."""

    def __init__(self, text: str, kind: str, labels: dict[str, str], position: int) -> None:
        self.text = text
        self.type = kind
        self.labels = labels
        self.position = position
        self.readable: Callable[[str], str] = self._readable
        if kind in _REPEATING:
            self.readable = _Remembered(self._readable).__getitem__

    def _readable(self, stored: str) -> str:
        return readable(self, json.loads(stored))


class _Remembered(dict[str, str]):
    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, key: str) -> str:
        made = self[key] = self._make(key)
        return made


class _Wording:
    """Question wording and choice labels by (band, question id), for surveys and mission packs."""

    def __init__(self, survey: Survey | MissionPack) -> None:
        self.survey = survey
        self._cache: dict[tuple[str, str], _Question] = {}
        if isinstance(survey, MissionPack):
            self.ids = [m.answer_id(r) for m in survey.missions for r in m.responses]
        else:
            self.ids = [q.id for q in survey.questions]
        self.position = {qid: n for n, qid in enumerate(self.ids)}

    def band(self, band: str) -> dict[str, _Question]:
        """Every question of the file as `band` reads it, by id (others are added by `get`)."""
        return {qid: self.get(band, qid) for qid in self.ids}

    def get(self, band: str, question_id: str) -> _Question:
        key = (band, question_id)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._build(band, question_id)
        return found

    def _build(self, band: str, question_id: str) -> _Question:
        survey = self.survey
        position = self.position.get(question_id, len(self.ids))
        if isinstance(survey, MissionPack):
            found = survey.response(question_id)
            if found is None:
                return _Question("", "", {}, position)
            mission, response = found
            band = band if band in mission.title else next(iter(mission.title))
            labels = {o.value: o.label.get(band, o.value) for o in response.options}
            return _Question(f"{mission.title[band]}: {response.text.get(band, '')}",
                             response.type, labels, position)
        question = next((q for q in survey.questions if q.id == question_id), None)
        if question is None:  # answered in an earlier wave, gone from this file
            return _Question("", "", {}, position)
        if band not in question.text:
            band = question.bands[0]
        view = survey.for_band(band).question(question_id)
        if view is None:
            return _Question(question.text[band], question.type, {}, position)
        return _Question(view.text, view.type, {c.value: c.label for c in view.choices},
                         position)

    def text(self, question_id: str) -> str:
        """One wording for a column or a theme table: the first band's that asks it."""
        for band in self.survey.bands:
            found = self.get(band, question_id)
            if found.text:
                return found.text
        return ""


def readable(question: _Question, value: Any) -> str:
    """An answer as a person reads it: labels for choices, "1st: …; 2nd: …" for rankings."""
    if value is None:
        return ""
    labels = question.labels
    kind = question.type
    if isinstance(value, str):
        return labels.get(value, value) if labels else value
    if isinstance(value, list):
        if kind == "ranking":
            return "; ".join(f"{ORDINALS[i] if i < len(ORDINALS) else i + 1}: {labels.get(v, v)}"
                             for i, v in enumerate(value))
        if kind == "leader_questions":
            return "; ".join(f"{i}. {v}" for i, v in enumerate(value, start=1))
        if all(isinstance(v, str) for v in value):
            return "; ".join(labels.get(v, v) for v in value)
    if isinstance(value, dict) and kind == "dot_vote":
        return "; ".join(f"{labels.get(k, k)}: {n}" for k, n in value.items())
    if isinstance(value, dict) and kind == "upload":
        caption = value.get("caption") or ""
        return ("[picture] " if value.get("image") else "") + caption
    from voice.missions.forms import texts_in  # places, "if we ran …"

    texts = texts_in(value)
    return "; ".join(texts) if texts else json.dumps(value, ensure_ascii=False)


_STATUS = {ANSWERED: "", "skipped": "(skipped)", "rather_not_say": "(rather not say)"}


@dataclass(frozen=True)
class _CodebookRow:
    name: str
    label: str
    description: str
    examples: tuple[str, ...]
    not_: str
    status: str
    merged_into: str | None


def file_codebook(survey: Survey | MissionPack) -> Codebook:
    from voice.listening.theme import Codebook  # (TextBlob: loaded only when needed)

    return Codebook.load(survey.codebook) if survey.codebook else Codebook.default()


def working_codebook(conn: Connection, survey: Survey | MissionPack) -> list[_CodebookRow]:
    """The survey's working codebook: its SurveyTheme rows if any, else its file (or default)."""
    rows = conn.execute(
        select(themes_t.c.name, themes_t.c.label, themes_t.c.description, themes_t.c.examples,
               themes_t.c.not_text, themes_t.c.status, themes_t.c.merged_into)
        .where(themes_t.c.survey_slug == survey.slug)
        .order_by(themes_t.c.position, themes_t.c.id)).all()
    if rows:
        return [_CodebookRow(name, label, description or "", tuple(_json_list(examples)),
                             not_text or "", status, merged_into)
                for name, label, description, examples, not_text, status, merged_into in rows]
    return [_CodebookRow(t.name, t.label, t.description, t.examples, t.not_, "active", None)
            for t in file_codebook(survey).themes]


def _json_list(text: str | None) -> list[str]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []


class _Themes:
    """Theme labels and where merged themes went, from the working codebook."""

    def __init__(self, rows: list[_CodebookRow]) -> None:
        self.rows = rows
        self.label = {row.name: row.label for row in rows}
        self._into = {row.name: row.merged_into for row in rows if row.merged_into}

    def current(self, name: str) -> str:
        """A theme's name now: merged themes count as the theme they were merged into."""
        seen = {name}
        while (target := self._into.get(name)) is not None and target not in seen:
            seen.add(target)
            name = target
        return name

    def labels(self, names: Iterable[str]) -> str:
        get = self.label.get
        return "; ".join(get(name, name) for name in names)


# -- the queries ---------------------------------------------------------------------------------


def _stream(conn: Connection, statement: Any) -> Iterator[Any]:
    """Rows a few thousand at a time (a server-side cursor where the database has one), flattened
    in C: a generator here would cost a second a million rows."""
    result = conn.execution_options(stream_results=True).execute(statement)
    batches = iter(functools.partial(result.fetchmany, STREAM_ROWS), [])
    return itertools.chain.from_iterable(batches)


def _time(column: Any) -> Any:
    # Read as text ("YYYY-MM-DD HH:MM:SS[.ffffff]" on SQLite and PostgreSQL alike): parsing a
    # million datetimes only to print them again would cost seconds.
    return cast(column, String)


@dataclass(frozen=True)
class _Class:
    """What an export says about a class session: never its code."""

    school: str
    year_group: int
    band: str
    opens: str


class _Classes(dict[int, _Class]):
    """The survey's class sessions by id, read once; one created while the export runs (each
    PostgreSQL statement sees the latest commits) is read when its first row arrives."""

    def __init__(self, conn: Connection, slug: str) -> None:
        super().__init__()
        self._conn = conn
        self._slug = slug
        self._read(sessions_t.c.survey_slug == slug)

    def _read(self, where: Any) -> None:
        c = sessions_t.c
        for id_, school, year, band, opens in self._conn.execute(
                select(c.id, c.school, c.year_group, c.band, _time(c.opens_at)).where(where)):
            self[id_] = _Class(school, year, band, opens[:10])

    def __missing__(self, session_id: int) -> _Class:
        self._read(sessions_t.c.id == session_id)
        return dict.__getitem__(self, session_id)

    def bands(self, wording: _Wording) -> _Bands:
        return _Bands(wording, {k.band for k in self.values()})


class _Bands(dict[str, dict[str, "_Question"]]):
    """Every question as each band reads it (a band met late is worded when first met)."""

    def __init__(self, wording: _Wording, bands: Iterable[str]) -> None:
        super().__init__({band: wording.band(band) for band in bands})
        self._wording = wording

    def __missing__(self, band: str) -> dict[str, _Question]:
        found = self[band] = self._wording.band(band)
        return found


# -- the kinds -----------------------------------------------------------------------------------

ANSWER_COLUMNS = (
    Column("submission", 26), Column("school", 24), Column("year group", 10), Column("band", 10),
    Column("session opens", 13), Column("survey version", 10), Column("team", 14),
    Column("sent", 6), Column("question", 18), Column("question text", 50), Column("status", 14),
    Column("answer", 60), Column("suggested themes", 30), Column("confirmed themes", 30),
    Column("sentiment", 10), Column("updated (UTC)", 19),
)
_by_position = operator.itemgetter(0)


def _answers(conn: Connection, survey: Survey | MissionPack, small_number: int) -> tuple[
        list[Column], Iterator[Row]]:
    wording = _Wording(survey)
    themes = _Themes(working_codebook(conn, survey))
    confirmed = {key: "; ".join(themes.label.get(n, n) for n in names) or "(none)"
                 for key, names in confirmed_themes(conn, survey.slug).items()}
    suggested_labels = _Remembered(lambda stored: themes.labels(json.loads(stored)))
    classes = _Classes(conn, survey.slug)
    bands = classes.bands(wording)
    a, s, c, t = answers_t.c, submissions_t.c, sessions_t.c, analyses_t.c
    statement = (
        select(a.submission_id, a.question_id, a.status, a.value, _time(a.updated_at),
               s.session_id, s.survey_version, s.team, s.completed_at.is_not(None),
               t.themes, t.sentiment)
        .select_from(
            answers_t.join(submissions_t, s.id == a.submission_id)
            .join(sessions_t, c.id == s.session_id)
            .outerjoin(analyses_t, (t.submission_id == a.submission_id)
                       & (t.question_id == a.question_id)))
        .where(c.survey_slug == survey.slug)
        # Class by class, each child's answers together (put in the file's order below).
        .order_by(c.id, s.id, a.question_id))

    def rows() -> Iterator[Row]:
        group: list[tuple[int, Row]] = []
        current = None
        head: tuple[Cell, ...] = ()
        questions: dict[str, _Question] = {}
        band = ""
        for (sub_id, qid, status, value, updated, session_id, version, team, sent, suggested,
             sentiment) in _stream(conn, statement):
            if sub_id != current:
                if group:
                    group.sort(key=_by_position)
                    yield from map(_second, group)
                    group.clear()
                current = sub_id
                where = classes[session_id]
                band = where.band
                questions = bands[band]
                head = (sub_id, where.school, where.year_group, band, where.opens, version,
                        team_label(team) if team else "", "yes" if sent else "no")
            question = questions.get(qid) or wording.get(band, qid)
            group.append((question.position, head + (
                qid, question.text, status,
                "" if value is None else question.readable(value),
                suggested_labels[suggested] if suggested else "",
                confirmed.get((sub_id, qid), "") if confirmed else "",
                sentiment, updated[:19],
            )))
        group.sort(key=_by_position)
        yield from map(_second, group)

    return list(ANSWER_COLUMNS), rows()


_second = operator.itemgetter(1)


def _submissions(conn: Connection, survey: Survey | MissionPack, small_number: int) -> tuple[
        list[Column], Iterator[Row]]:
    wording = _Wording(survey)
    ids = wording.ids
    missions = isinstance(survey, MissionPack)
    fixed = [Column("submission", 26), Column("school", 24), Column("year group", 10),
             Column("band", 10), Column("session opens", 13), Column("survey version", 10)]
    if missions:
        fixed.append(Column("team", 14))
    fixed += [Column("started (UTC)", 19), Column("completed (UTC)", 19)]
    columns = fixed + [Column(qid, 24) for qid in ids]
    classes = _Classes(conn, survey.slug)
    bands = classes.bands(wording)
    width = len(ids)
    s, c, a = submissions_t.c, sessions_t.c, answers_t.c
    statement = (
        select(s.id, s.session_id, s.survey_version, s.team, _time(s.started_at),
               _time(s.completed_at), a.question_id, a.status, a.value)
        .select_from(submissions_t.join(sessions_t, c.id == s.session_id)
                     .outerjoin(answers_t, a.submission_id == s.id))
        .where(c.survey_slug == survey.slug)
        .order_by(c.id, s.id, a.question_id))

    def rows() -> Iterator[Row]:
        head: list[Cell] | None = None
        cells: list[Cell] = []
        current = None
        questions: dict[str, _Question] = {}
        for sub_id, session_id, version, team, started, completed, qid, status, value in _stream(
                conn, statement):
            if sub_id != current:
                if head is not None:
                    yield head + cells
                current = sub_id
                where = classes[session_id]
                questions = bands[where.band]
                head = [sub_id, where.school, where.year_group, where.band, where.opens, version]
                if missions:
                    head.append(team_label(team))
                head += [started[:19], completed[:19] if completed else ""]
                cells = [None] * width
            if qid is None:
                continue
            question = questions.get(qid)
            if question is None:
                continue  # a question no longer in the file: it is in the answers export
            if status == ANSWERED:
                cells[question.position] = "" if value is None else question.readable(value)
            else:
                cells[question.position] = _STATUS.get(status, status)
        if head is not None:
            yield head + cells

    return columns, rows()


def _themes(conn: Connection, survey: Survey | MissionPack, small_number: int) -> tuple[
        list[Column], Iterator[Row]]:
    wording = _Wording(survey)
    codebook = _Themes(working_codebook(conn, survey))
    confirmed = confirmed_themes(conn, survey.slug)
    bands = list(survey.bands)
    a, s, c, t = answers_t.c, submissions_t.c, sessions_t.c, analyses_t.c
    statement = (
        select(t.submission_id, t.question_id, t.themes, c.band)
        .select_from(analyses_t.join(answers_t, (a.submission_id == t.submission_id)
                                     & (a.question_id == t.question_id))
                     .join(submissions_t, s.id == t.submission_id)
                     .join(sessions_t, c.id == s.session_id))
        # Sent answers only, as on the results page: a journey left unfinished is not counted.
        .where(c.survey_slug == survey.slug, a.status == ANSWERED, s.completed_at.is_not(None)))
    answered: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(bands, 0))
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(bands, 0))

    def now_named(names: Iterable[str]) -> tuple[str, ...]:
        return tuple({codebook.current(name): None for name in names}) or (NO_THEME,)

    suggested_names = _Remembered(lambda stored: now_named(json.loads(stored or "[]")))
    for sub_id, qid, suggested, band in _stream(conn, statement):
        if band not in bands:
            continue
        coded = confirmed.get((sub_id, qid)) if confirmed else None
        answered[qid][band] += 1
        for name in suggested_names[suggested] if coded is None else now_named(coded):
            counts[(qid, name)][band] += 1

    order = {row.name: n for n, row in enumerate(codebook.rows)}
    columns = [Column("question", 18), Column("question text", 50), Column("theme", 18),
               Column("theme label", 30), *(Column(band, 12) for band in bands),
               Column("all bands", 12)]

    def line(qid: str, name: str, label: str, per_band: dict[str, int]) -> Row:
        shown = suppress(per_band, small_number)
        cells: list[Cell] = [qid, wording.text(qid), name, label]
        for band in bands:
            value = shown.counts[band]
            cells.append(shown.shown(band) if value is None else value)
        cells.append(shown.total if shown.total is not None
                     else SUPPRESSED.format(n=small_number))
        return cells

    def rows() -> Iterator[Row]:
        for qid in sorted(answered, key=lambda q: (wording.position.get(q, len(wording.ids)), q)):
            yield line(qid, "", "All answers to this question", answered[qid])
            names = sorted((name for (q, name) in counts if q == qid),
                           key=lambda n: (n == NO_THEME, order.get(n, len(order)), n))
            for name in names:
                label = NO_THEME if name == NO_THEME else codebook.label.get(name, name)
                yield line(qid, name, label, counts[(qid, name)])

    return columns, rows()


def _codebook(conn: Connection, survey: Survey | MissionPack, small_number: int) -> tuple[
        list[Column], Iterator[Row]]:
    columns = [Column("name", 18), Column("label", 30), Column("description", 60),
               Column("examples", 60), Column("not", 40), Column("status", 10),
               Column("merged into", 18)]
    rows = [(row.name, row.label, row.description, "\n".join(row.examples), row.not_,
             row.status, row.merged_into or "") for row in working_codebook(conn, survey)]
    return columns, iter(rows)


_BUILDERS: dict[str, Callable[[Connection, Any, int], tuple[list[Column], Iterator[Row]]]] = {
    "answers": _answers,
    "submissions": _submissions,
    "themes": _themes,
    "codebook": _codebook,
}


def export(
    engine: Engine,
    catalogue: Catalogue,
    slug: str,
    kind: str,
    fmt: str,
    out: str | os.PathLike[str] | IO[Any],
    *,
    small_number: int,
) -> int:
    """Write one export of survey `slug` to `out` (a path, or a binary or text stream; XLSX
    needs a binary one). Returns the number of rows written, not counting the header."""
    survey = catalogue.get(slug)
    if survey is None:
        known = ", ".join(sorted(s.slug for s in catalogue)) or "none loaded"
        raise ExportError(f"There is no survey '{slug}' (known: {known}).")
    if kind not in _BUILDERS:
        raise ExportError(f"The kind of export must be one of {', '.join(KINDS)}, not '{kind}'.")
    if fmt not in FORMATS:
        raise ExportError(f"The format must be one of {', '.join(FORMATS)}, not '{fmt}'.")
    if small_number < 2:
        raise ExportError("The small-number threshold must be at least 2.")
    target = _Target(out)
    with engine.connect() as conn, target.binary() if (
            fmt == "xlsx" or target.path is not None) else contextlib.nullcontext(out) as stream:
        columns, rows = _BUILDERS[kind](conn, survey, small_number)
        count = write_table(stream, fmt, columns, rows, title=kind)
    return count


def write_table(out: IO[bytes], fmt: str, columns: Sequence[Column], rows: Iterable[Row], *,
                title: str = "table") -> int:
    """Write any small table (e.g. the evidence trail) with the same writers and the same
    formula neutralising as the exports. Returns the number of rows."""
    if fmt not in FORMATS:
        raise ExportError(f"The format must be one of {', '.join(FORMATS)}, not '{fmt}'.")
    writer: _CsvWriter | _XlsxWriter = (
        _CsvWriter(out, columns) if fmt == "csv" else _XlsxWriter(out, columns, title))
    try:
        count = writer.write(rows)
    except BaseException:
        writer.close(failed=True)
        raise
    writer.close()
    return count
