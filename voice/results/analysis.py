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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import add

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Engine

from voice.answers.models import ANSWERED, RATHER_NOT_SAY, SKIPPED, Answer, Submission
from voice.results.stats import Interval, wilson
from voice.sessions.models import ClassSession
from voice.surveys.model import Survey

answers = Answer.__table__  # type: ignore[attr-defined]
submissions = Submission.__table__  # type: ignore[attr-defined]
sessions = ClassSession.__table__  # type: ignore[attr-defined]

SPLITS = {"": "Everyone", "band": "Age band", "school": "School", "year_group": "Year group",
          "survey_version": "Survey version (wave)"}
BAND_NAMES = {"primary": "Primary", "secondary": "Secondary", "post16": "Post-16"}
STATUSES = (ANSWERED, SKIPPED, RATHER_NOT_SAY)


class Layout:
    """Where each count sits in a session's vector of counts, for one survey: per question, its
    three statuses, each option chosen and, for a ranking, each option chosen first."""

    def __init__(self, survey: Survey) -> None:
        self.index: dict[tuple[str, str, str], int] = {}
        for question in survey.questions:
            for status in STATUSES:
                self.index[("s", question.id, status)] = len(self.index)
            for option in question.options:
                self.index[("c", question.id, option.value)] = len(self.index)
                if question.type == "ranking":
                    self.index[("f", question.id, option.value)] = len(self.index)
        self.size = len(self.index)
        self.text_ids = {q.id for q in survey.questions if q.type == "text"}


@dataclass
class SessionCounts:
    """What one class session's sent submissions said, as a vector laid out by `Layout`."""

    info: dict[str, object]  # band, school, year_group, opens_at, survey_version
    sent: int
    vector: list[int]


class ResultsCache:
    """Per-session counts for each survey, refreshed only where there are new sent submissions.

    A cheap stamp (how many submissions are sent, the latest sending time, how many sessions the
    survey has) tells whether anything changed at all; only then are the sessions compared, and
    only the changed ones read again. Views already worked out for the current stamp are kept.
    """

    MEMO = 64

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._lock = threading.Lock()
        self._by_slug: dict[str, dict[int, SessionCounts]] = {}
        self._layouts: dict[str, Layout] = {}
        self._stamps: dict[str, tuple[object, ...]] = {}
        self._memo: dict[str, dict[Filters, Results]] = {}
        s, sub = sessions.c, submissions.c
        self._stamp = select(func.count(sub.id), func.max(sub.completed_at)).where(
            sub.completed_at.is_not(None))
        self._survey_stamp = select(func.count(s.id), func.max(s.id)).where(
            s.survey_slug == bindparam("slug"))
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

    def layout(self, survey: Survey) -> Layout:
        key = f"{survey.slug}@{survey.version}"
        if key not in self._layouts:
            self._layouts[key] = Layout(survey)
        return self._layouts[key]

    def counts(self, survey: Survey) -> tuple[tuple[object, ...], dict[int, SessionCounts]]:
        """The stamp the counts are for, and each session's counts."""
        with self._lock:
            layout = self.layout(survey)
            known = self._by_slug.setdefault(survey.slug, {})
            with self.engine.connect() as conn:
                stamp = (*conn.execute(self._stamp).one(),
                         *conn.execute(self._survey_stamp, {"slug": survey.slug}).one())
                if self._stamps.get(survey.slug) == stamp:
                    return stamp, known
                self._memo.pop(survey.slug, None)
                stale: list[int] = []
                for sid, band, school, year, opens, version, sent in conn.execute(
                        self._sent, {"slug": survey.slug}):
                    entry = known.get(sid)
                    if entry is None or entry.sent != sent:
                        known[sid] = SessionCounts({"band": band, "school": school,
                                                    "year_group": year, "opens_at": opens,
                                                    "survey_version": version}, sent,
                                                   [0] * layout.size)
                        if sent:
                            stale.append(sid)
                index = layout.index
                for start in range(0, len(stale), 500):
                    chunk = stale[start:start + 500]
                    for sid, qid, status, value, n in conn.execute(self._counts, {"ids": chunk}):
                        vector = known[sid].vector
                        slot = index.get(("s", qid, status))
                        if slot is not None:
                            vector[slot] += n
                        if status != ANSWERED or value is None or qid in layout.text_ids:
                            continue
                        decoded = json.loads(value)
                        for chosen in decoded if isinstance(decoded, list) else [decoded]:
                            slot = index.get(("c", qid, str(chosen)))
                            if slot is not None:
                                vector[slot] += n
                        if isinstance(decoded, list) and decoded:  # a ranking's first choice
                            slot = index.get(("f", qid, str(decoded[0])))
                            if slot is not None:
                                vector[slot] += n
                self._stamps[survey.slug] = stamp
            return stamp, known

    def remembered(self, survey: Survey, filters: Filters) -> Results | None:
        return self._memo.get(survey.slug, {}).get(filters)

    def remember(self, survey: Survey, filters: Filters, stamp: tuple[object, ...],
                 results: Results) -> None:
        with self._lock:
            if self._stamps.get(survey.slug) != stamp:
                return
            memo = self._memo.setdefault(survey.slug, {})
            if len(memo) >= self.MEMO:
                memo.clear()
            memo[filters] = results


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
    stamp, per_session = cache.counts(survey)
    known = cache.remembered(survey, filters)
    if known is not None:
        return known
    layout = cache.layout(survey)
    sums: dict[str, list[int]] = {}
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
        column = columns.get(key)
        if column is None:
            column = columns[key] = Column(key, _column_label(key, filters.split))
            sums[key] = [0] * layout.size
        column.sent += entry.sent
        sums[key] = list(map(add, sums[key], entry.vector))
    ordered = _order_columns(list(columns.values()), filters.split, survey)
    band = filters.band or (survey.bands[0] if len(survey.bands) == 1 else "")
    questions = [_question(q, band or _first_band(survey, q.bands), ordered, sums, layout.index)
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
    results = Results(survey, filters, ordered, questions, headlines, sorted(schools),
                      sorted(years), sorted(versions))
    cache.remember(survey, filters, stamp, results)
    return results


def _first_band(survey: Survey, bands: Iterable[str]) -> str:
    return next(iter(bands), survey.bands[0])


def _order_columns(columns: list[Column], split: str, survey: Survey) -> list[Column]:
    if split == "band":
        order = {band: i for i, band in enumerate(survey.bands)}
        return sorted(columns, key=lambda c: order.get(c.key, 99))
    if split == "year_group":
        return sorted(columns, key=lambda c: int(c.key))
    return sorted(columns, key=lambda c: c.key)


def _question(question, band, columns, sums, index) -> QuestionResult:  # type: ignore[no-untyped-def]
    wording = question.text.get(band) or next(iter(question.text.values()))

    def per_column(kind: str, value: str) -> dict[str, int]:
        slot = index[(kind, question.id, value)]
        return {c.key: sums[c.key][slot] for c in columns}

    rows, first = [], []
    for option in question.options:
        label = option.label.get(band) or next(iter(option.label.values()))
        rows.append(Row(option.value, label, per_column("c", option.value)))
        if question.type == "ranking":
            first.append(Row(option.value, label, per_column("f", option.value)))
    return QuestionResult(question.id, question.type, wording, rows, per_column("s", ANSWERED),
                          per_column("s", SKIPPED), per_column("s", RATHER_NOT_SAY), first)
