"""Survey results: counts per question, filtered and split by class-session facts, with headline
indicators and their intervals.

Results count *sent* submissions only (a child may change their mind before pressing send), and
a sent submission never changes. So counts are kept per class session, each recomputed only when
that session has more sent submissions than last time; every filter and split (band, school,
year group, session dates, survey version) is a fact about the session, so any view of the
results is a sum over sessions. On 100,000 submissions a warm page sums a few thousand small
counters instead of scanning a million answers.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Engine

from voice.answers.models import ANSWERED, Answer, Submission
from voice.results.stats import Interval, wilson
from voice.sessions.models import ClassSession
from voice.surveys.model import Survey

answers = Answer.__table__  # type: ignore[attr-defined]
submissions = Submission.__table__  # type: ignore[attr-defined]
sessions = ClassSession.__table__  # type: ignore[attr-defined]

SPLITS = {"": "Everyone", "band": "Age band", "school": "School", "year_group": "Year group",
          "survey_version": "Survey version (wave)"}
BAND_NAMES = {"primary": "Primary", "secondary": "Secondary", "post16": "Post-16"}


@dataclass
class SessionCounts:
    """What one class session's sent submissions said."""

    info: dict[str, object]  # band, school, year_group, opens_at, survey_version
    sent: int = 0
    chosen: Counter[tuple[str, str]] = field(default_factory=Counter)  # (question, value)
    status: Counter[tuple[str, str]] = field(default_factory=Counter)  # (question, status)


class ResultsCache:
    """Per-session counts for each survey, refreshed only where there are new sent submissions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._by_slug: dict[str, dict[int, SessionCounts]] = {}
        s, sub = sessions.c, submissions.c
        self._sent = (
            select(s.id, s.band, s.school, s.year_group, s.opens_at, s.survey_version,
                   func.count(sub.id))
            .select_from(sessions.outerjoin(submissions, (sub.session_id == s.id)
                                            & sub.completed_at.is_not(None)))
            .where(s.survey_slug == bindparam("slug"))
            .group_by(s.id, s.band, s.school, s.year_group, s.opens_at, s.survey_version))
        self._counts = (
            select(sub.session_id, answers.c.question_id, answers.c.status, answers.c.value,
                   func.count())
            .select_from(answers.join(submissions, submissions.c.id == answers.c.submission_id))
            .where(sub.session_id.in_(bindparam("ids", expanding=True)),
                   sub.completed_at.is_not(None))
            .group_by(sub.session_id, answers.c.question_id, answers.c.status, answers.c.value))

    def counts(self, survey: Survey) -> dict[int, SessionCounts]:
        with self._lock:
            known = self._by_slug.setdefault(survey.slug, {})
            with self.engine.connect() as conn:
                stale: list[int] = []
                for sid, band, school, year, opens, version, sent in conn.execute(
                        self._sent, {"slug": survey.slug}):
                    entry = known.get(sid)
                    if entry is None or entry.sent != sent:
                        known[sid] = SessionCounts({"band": band, "school": school,
                                                    "year_group": year, "opens_at": opens,
                                                    "survey_version": version}, sent)
                        if sent:
                            stale.append(sid)
                text_ids = {q.id for q in survey.questions if q.type == "text"}
                for start in range(0, len(stale), 500):
                    chunk = stale[start:start + 500]
                    for sid, qid, status, value, n in conn.execute(self._counts, {"ids": chunk}):
                        entry = known[sid]
                        entry.status[(qid, status)] += n
                        if status != ANSWERED or value is None or qid in text_ids:
                            continue
                        decoded = json.loads(value)
                        for chosen in decoded if isinstance(decoded, list) else [decoded]:
                            entry.chosen[(qid, str(chosen))] += n
                        if isinstance(decoded, list) and decoded:  # a ranking's first choice
                            entry.chosen[(qid + "#1", str(decoded[0]))] += n
            return known


@dataclass(frozen=True)
class Filters:
    band: str = ""
    school: str = ""
    year_group: int | None = None
    opens_from: date | None = None
    opens_to: date | None = None
    version: str = ""
    split: str = ""

    def keeps(self, info: dict[str, object]) -> bool:
        opened = info["opens_at"]
        day = opened.date() if isinstance(opened, datetime) else None
        return ((not self.band or info["band"] == self.band)
                and (not self.school or info["school"] == self.school)
                and (self.year_group is None or info["year_group"] == self.year_group)
                and (self.opens_from is None or (day is not None and day >= self.opens_from))
                and (self.opens_to is None or (day is not None and day <= self.opens_to))
                and (not self.version or info["survey_version"] == self.version))


@dataclass
class Column:
    key: str
    label: str
    sent: int = 0


@dataclass
class Row:
    value: str
    label: str
    counts: dict[str, int]  # column key -> how many chose it

    def share(self, column: Column, base: int) -> float:
        return self.counts.get(column.key, 0) / base if base else 0.0


@dataclass
class QuestionResult:
    id: str
    type: str
    text: str
    rows: list[Row]
    answered: dict[str, int]  # column key -> answered
    skipped: dict[str, int]
    rather_not_say: dict[str, int]
    first_choice: list[Row] = field(default_factory=list)  # rankings


@dataclass
class HeadlineResult:
    id: str
    label: str
    intervals: dict[str, Interval]


@dataclass
class Results:
    survey: Survey
    filters: Filters
    columns: list[Column]
    questions: list[QuestionResult]
    headlines: list[HeadlineResult]
    schools: list[str]
    years: list[int]
    versions: list[str]

    @property
    def sent(self) -> int:
        return sum(column.sent for column in self.columns)


def _column_key(info: dict[str, object], split: str) -> str:
    return str(info[split]) if split else "all"


def _column_label(key: str, split: str) -> str:
    if split == "band":
        return BAND_NAMES.get(key, key)
    if split == "year_group":
        return f"Year {key}"
    return "Everyone" if not split else key


def survey_results(cache: ResultsCache, survey: Survey, filters: Filters) -> Results:
    per_session = cache.counts(survey)
    chosen: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    status: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    columns: dict[str, Column] = {}
    schools, years, versions = set(), set(), set()
    for entry in per_session.values():
        info = entry.info
        schools.add(str(info["school"]))
        years.add(int(info["year_group"]))  # type: ignore[call-overload]
        versions.add(str(info["survey_version"]))
        if not entry.sent or not filters.keeps(info):
            continue
        key = _column_key(info, filters.split)
        column = columns.setdefault(key, Column(key, _column_label(key, filters.split)))
        column.sent += entry.sent
        chosen[key].update(entry.chosen)
        status[key].update(entry.status)
    ordered = _order_columns(list(columns.values()), filters.split, survey)
    band = filters.band or (survey.bands[0] if len(survey.bands) == 1 else "")
    questions = [_question(q, band or _first_band(survey, q.bands), ordered, chosen, status)
                 for q in survey.questions]
    headlines = []
    for headline in survey.headlines:
        result = next(q for q in questions if q.id == headline.question)
        intervals = {}
        for column in ordered:
            yes = sum(row.counts.get(column.key, 0) for row in result.rows
                      if row.value in headline.answers)
            intervals[column.key] = wilson(yes, result.answered.get(column.key, 0))
        headlines.append(HeadlineResult(headline.id, headline.label, intervals))
    return Results(survey, filters, ordered, questions, headlines, sorted(schools), sorted(years),
                   sorted(versions))


def _first_band(survey: Survey, bands: Iterable[str]) -> str:
    return next(iter(bands), survey.bands[0])


def _order_columns(columns: list[Column], split: str, survey: Survey) -> list[Column]:
    if split == "band":
        order = {band: i for i, band in enumerate(survey.bands)}
        return sorted(columns, key=lambda c: order.get(c.key, 99))
    if split == "year_group":
        return sorted(columns, key=lambda c: int(c.key))
    return sorted(columns, key=lambda c: c.key)


def _question(question, band, columns, chosen, status) -> QuestionResult:  # type: ignore[no-untyped-def]
    wording = question.text.get(band) or next(iter(question.text.values()))
    answered = {c.key: status[c.key][(question.id, ANSWERED)] for c in columns}
    skipped = {c.key: status[c.key][(question.id, "skipped")] for c in columns}
    rather = {c.key: status[c.key][(question.id, "rather_not_say")] for c in columns}
    rows, first = [], []
    for option in question.options:
        label = option.label.get(band) or next(iter(option.label.values()))
        rows.append(Row(option.value, label,
                        {c.key: chosen[c.key][(question.id, option.value)] for c in columns}))
        if question.type == "ranking":
            first.append(Row(option.value, label, {
                c.key: chosen[c.key][(question.id + "#1", option.value)] for c in columns}))
    return QuestionResult(question.id, question.type, wording, rows, answered, skipped, rather,
                          first)
