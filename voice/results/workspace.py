"""The theming workspace: a survey's working codebook, coders' decisions, agreement and quotes.

Everything here reads and writes the anonymised answers only. A quote is re-anonymised and
re-screened at the moment it is approved (the anonymiser may have improved since the answer
arrived, and a quote is about to leave the analysts' screen); an answer the screen flags is
never approved.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine

from voice.answers.models import ANSWERED, Answer, Submission, TextAnalysis
from voice.clock import utcnow
from voice.db import upsert_statement
from voice.errors import VoiceError
from voice.listening.anonymise import anonymise
from voice.listening.screen import screen
from voice.listening.theme import Codebook, Theme, theme
from voice.missions.forms import texts_in
from voice.results.coding import latest_decisions
from voice.results.models import Quote, SurveyTheme, ThemeDecision
from voice.results.stats import Agreement, agreement
from voice.sessions.models import ClassSession
from voice.staff.accounts import Staff, record
from voice.staff.models import StaffUser

themes_table = SurveyTheme.__table__  # type: ignore[attr-defined]
decisions = ThemeDecision.__table__  # type: ignore[attr-defined]
quotes = Quote.__table__  # type: ignore[attr-defined]
answers = Answer.__table__  # type: ignore[attr-defined]
analyses = TextAnalysis.__table__  # type: ignore[attr-defined]
submissions = Submission.__table__  # type: ignore[attr-defined]
sessions = ClassSession.__table__  # type: ignore[attr-defined]
staff_users = StaffUser.__table__  # type: ignore[attr-defined]

NAME_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
PAGE = 50
SAMPLE_SHARE = 5  # one answer in five is in the agreement sample (by a hash of its id)


class WorkspaceError(VoiceError):
    title = "There is a problem"


# -- the working codebook -------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkingTheme:
    name: str
    label: str
    description: str
    examples: tuple[str, ...]
    not_text: str
    status: str
    merged_into: str | None


def _working(row: Any) -> WorkingTheme:
    return WorkingTheme(row.name, row.label, row.description, tuple(json.loads(row.examples)),
                        row.not_text, row.status, row.merged_into)


def working_codebook(engine: Engine, slug: str, start: Codebook) -> list[WorkingTheme]:
    """The survey's themes as edited; seeded from its file codebook the first time."""
    with engine.begin() as conn:
        rows = conn.execute(select(themes_table).where(themes_table.c.survey_slug == slug)
                            .order_by(themes_table.c.position, themes_table.c.id)).all()
        if not rows:
            for position, item in enumerate(start.themes):
                conn.execute(insert(themes_table).values(
                    survey_slug=slug, name=item.name, label=item.label,
                    description=item.description, examples=json.dumps(list(item.examples)),
                    not_text=item.not_, status="active", position=position))
            rows = conn.execute(select(themes_table).where(themes_table.c.survey_slug == slug)
                                .order_by(themes_table.c.position, themes_table.c.id)).all()
    return [_working(r) for r in rows]


def stored_codebooks(engine: Engine) -> dict[str, Codebook]:
    """Every survey's edited codebook, for theming new answers after a restart."""
    with engine.connect() as conn:
        rows = conn.execute(select(themes_table).order_by(
            themes_table.c.survey_slug, themes_table.c.position, themes_table.c.id)).all()
    by_slug: dict[str, list[WorkingTheme]] = {}
    for r in rows:
        by_slug.setdefault(r.survey_slug, []).append(_working(r))
    return {slug: as_codebook(themes) for slug, themes in by_slug.items()}


def as_codebook(themes: Iterable[WorkingTheme]) -> Codebook:
    return Codebook(tuple(Theme(t.name, t.label, t.description, t.examples, t.not_text)
                          for t in themes if t.status == "active"))


def resolve(themes: Iterable[WorkingTheme]) -> dict[str, str]:
    """Every theme name to the name it now counts as (a merged theme to what it merged into)."""
    merged = {t.name: t.merged_into for t in themes if t.status == "merged" and t.merged_into}
    result = {}
    for t in themes:
        name, seen = t.name, set()
        while name in merged and name not in seen:
            seen.add(name)
            name = merged[name]  # type: ignore[assignment]
        result[t.name] = name
    return result


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][:30]


def add_theme(engine: Engine, slug: str, staff: Staff, *, name: str, label: str,
              description: str, examples: str, not_text: str) -> None:
    name = name.strip().lower().replace(" ", "_")
    if not NAME_RE.match(name):
        raise WorkspaceError("A theme's short name uses a-z, 0-9 and _ and starts with a letter.")
    if not label.strip() or not description.strip():
        raise WorkspaceError("Give the theme a label and a description: suggestions come from them.")
    with engine.begin() as conn:
        if conn.execute(select(themes_table.c.id).where(themes_table.c.survey_slug == slug,
                                                        themes_table.c.name == name)).first():
            raise WorkspaceError(f"There is already a theme called '{name}'.")
        position = len(conn.execute(select(themes_table.c.id).where(
            themes_table.c.survey_slug == slug)).all())
        conn.execute(insert(themes_table).values(
            survey_slug=slug, name=name, label=label.strip()[:120],
            description=description.strip()[:2000], examples=json.dumps(_lines(examples)),
            not_text=not_text.strip()[:1000], status="active", position=position))
        record(conn, staff, "codebook.add", slug, name)


def edit_theme(engine: Engine, slug: str, staff: Staff, name: str, *, label: str,
               description: str, examples: str, not_text: str) -> None:
    """Rename (the label) and rewrite a theme; its short name, which answers carry, stays."""
    if not label.strip() or not description.strip():
        raise WorkspaceError("A theme needs a label and a description.")
    with engine.begin() as conn:
        done = conn.execute(update(themes_table).where(
            themes_table.c.survey_slug == slug, themes_table.c.name == name).values(
            label=label.strip()[:120], description=description.strip()[:2000],
            examples=json.dumps(_lines(examples)), not_text=not_text.strip()[:1000]))
        if not done.rowcount:
            raise WorkspaceError("There is no such theme.")
        record(conn, staff, "codebook.edit", slug, name)


def retire_theme(engine: Engine, slug: str, staff: Staff, name: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(themes_table).where(themes_table.c.survey_slug == slug,
                                                themes_table.c.name == name)
                     .values(status="retired"))
        record(conn, staff, "codebook.retire", slug, name)


def merge_themes(engine: Engine, slug: str, staff: Staff, source: str, target: str) -> None:
    """Fold `source` into `target`: its decisions become decisions on `target` (a coder's own
    decision on `target` for the same answer wins), and it stops being suggested."""
    if source == target:
        raise WorkspaceError("Choose two different themes to merge.")
    with engine.begin() as conn:
        names = {r.name: r.status for r in conn.execute(select(
            themes_table.c.name, themes_table.c.status).where(themes_table.c.survey_slug == slug))}
        if source not in names or names.get(target) != "active":
            raise WorkspaceError("Choose a theme to merge and an active theme to merge it into.")
        ids = select(submissions.c.id).join(sessions, sessions.c.id == submissions.c.session_id) \
            .where(sessions.c.survey_slug == slug)
        moving = conn.execute(select(decisions).where(decisions.c.theme == source,
                                                      decisions.c.submission_id.in_(ids))).all()
        for row in moving:
            exists = conn.execute(select(decisions.c.decision).where(
                decisions.c.submission_id == row.submission_id,
                decisions.c.question_id == row.question_id, decisions.c.theme == target,
                decisions.c.coder_id == row.coder_id)).first()
            if exists is None:
                conn.execute(insert(decisions).values(
                    submission_id=row.submission_id, question_id=row.question_id, theme=target,
                    coder_id=row.coder_id, decision=row.decision, decided_at=row.decided_at))
        conn.execute(delete(decisions).where(decisions.c.theme == source,
                                             decisions.c.submission_id.in_(ids)))
        conn.execute(update(themes_table).where(themes_table.c.survey_slug == slug,
                                                themes_table.c.name == source)
                     .values(status="merged", merged_into=target))
        record(conn, staff, "codebook.merge", slug, f"{source} into {target}")


def rerun_suggestions(engine: Engine, slug: str, codebook: Codebook,
                      resolve_names: dict[str, str]) -> int:
    """Theme every free-text answer of the survey again with the working codebook."""
    count = 0
    now = utcnow()
    with engine.begin() as conn:
        rows = conn.execute(
            select(analyses.c.submission_id, analyses.c.question_id, answers.c.value)
            .select_from(analyses.join(answers, and_(
                answers.c.submission_id == analyses.c.submission_id,
                answers.c.question_id == analyses.c.question_id))
                .join(submissions, submissions.c.id == analyses.c.submission_id)
                .join(sessions, sessions.c.id == submissions.c.session_id))
            .where(sessions.c.survey_slug == slug)).all()
        for sub_id, qid, value in rows:
            text = " ".join(texts_in(json.loads(value))) if value else ""
            names = list(dict.fromkeys(resolve_names.get(n, n) for n in theme(text, codebook).themes))
            conn.execute(update(analyses).where(analyses.c.submission_id == sub_id,
                                                analyses.c.question_id == qid)
                         .values(themes=json.dumps(names), updated_at=now))
            count += 1
    return count


# -- answers and decisions ------------------------------------------------------------------------


@dataclass
class WorkAnswer:
    submission_id: str
    question_id: str
    text: str
    band: str
    year_group: int
    sentiment: float
    suggested: list[str]
    phrases: list[str]
    latest: dict[str, bool]  # the latest decision by anyone, per theme
    mine: dict[str, bool]  # this coder's decisions
    quoted: bool
    in_sample: bool

    @property
    def key(self) -> str:
        return f"{self.submission_id}|{self.question_id}"

    def state(self, name: str) -> str:
        """'confirmed', 'rejected', 'suggested' or '' for one theme on this answer."""
        if name in self.latest:
            return "confirmed" if self.latest[name] else "rejected"
        return "suggested" if name in self.suggested else ""

    @property
    def shown_themes(self) -> list[str]:
        names = list(self.suggested) + [n for n in self.latest if n not in self.suggested]
        return [n for n in names if self.state(n)]


def in_sample(submission_id: str, question_id: str) -> bool:
    digest = hashlib.sha256(f"{submission_id}|{question_id}".encode()).digest()
    return digest[0] % SAMPLE_SHARE == 0


def _answer_query(slug: str, question_prefix: str) -> Any:
    return (select(answers.c.submission_id, answers.c.question_id, answers.c.value,
                   sessions.c.band, sessions.c.year_group, analyses.c.themes, analyses.c.sentiment,
                   analyses.c.phrases)
            .select_from(answers.join(analyses, and_(
                analyses.c.submission_id == answers.c.submission_id,
                analyses.c.question_id == answers.c.question_id))
                .join(submissions, submissions.c.id == answers.c.submission_id)
                .join(sessions, sessions.c.id == submissions.c.session_id))
            .where(sessions.c.survey_slug == slug, answers.c.status == ANSWERED,
                   (answers.c.question_id == question_prefix)
                   | answers.c.question_id.like(question_prefix + ".%"))
            .order_by(answers.c.updated_at, answers.c.submission_id))


def work_answers(engine: Engine, slug: str, question_id: str, coder: int,
                 resolve_names: dict[str, str], *, theme_filter: str = "",
                 sample_only: bool = False, words: str = "") -> list[WorkAnswer]:
    """Every answer to a free-text question (or a mission's written parts), oldest first."""
    with engine.connect() as conn:
        latest = latest_decisions(conn, slug)
        mine: dict[tuple[str, str], dict[str, bool]] = {}
        for sub_id, qid, name, yes in conn.execute(
                select(decisions.c.submission_id, decisions.c.question_id, decisions.c.theme,
                       decisions.c.decision).where(decisions.c.coder_id == coder)):
            mine.setdefault((sub_id, qid), {})[name] = bool(yes)
        quoted = {(r.submission_id, r.question_id) for r in conn.execute(select(
            quotes.c.submission_id, quotes.c.question_id).where(
            quotes.c.survey_slug == slug, quotes.c.status == "approved"))}
        found = []
        for sub_id, qid, value, band, year, themes_json, sentiment, phrases in conn.execute(
                _answer_query(slug, question_id)):
            text = " / ".join(texts_in(json.loads(value))) if value else ""
            if not text or (words and words.casefold() not in text.casefold()):
                continue
            suggested = list(dict.fromkeys(resolve_names.get(n, n) for n in json.loads(themes_json)))
            item = WorkAnswer(sub_id, qid, text, band, year, float(sentiment), suggested,
                              json.loads(phrases), latest.get((sub_id, qid), {}),
                              mine.get((sub_id, qid), {}), (sub_id, qid) in quoted,
                              in_sample(sub_id, qid))
            if sample_only and not item.in_sample:
                continue
            if theme_filter and item.state(theme_filter) not in ("suggested", "confirmed"):
                continue
            found.append(item)
    return found


def decide(engine: Engine, coder: int, items: Iterable[tuple[str, str]], name: str,
           decision: bool | None) -> int:
    """Record one coder's yes/no for a theme on answers; None takes their decision back."""
    now = utcnow()
    dialect = engine.dialect.name
    count = 0
    with engine.begin() as conn:
        for sub_id, qid in items:
            if decision is None:
                conn.execute(delete(decisions).where(
                    decisions.c.submission_id == sub_id, decisions.c.question_id == qid,
                    decisions.c.theme == name, decisions.c.coder_id == coder))
            else:
                conn.execute(upsert_statement(
                    decisions, dialect, key=["submission_id", "question_id", "theme", "coder_id"],
                    update=["decision", "decided_at"]).values(
                    submission_id=sub_id, question_id=qid, theme=name, coder_id=coder,
                    decision=decision, decided_at=now))
            count += 1
    return count


def emergent_phrases(items: Iterable[WorkAnswer], limit: int = 15) -> list[tuple[str, int]]:
    """Phrases the codebook misses: noun phrases from answers, most common first (2 or more)."""
    counts = Counter(p for item in items for p in set(item.phrases))
    return [(p, n) for p, n in counts.most_common(limit) if n >= 2]


# -- agreement ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeAgreement:
    name: str
    label: str
    result: Agreement


def coders(engine: Engine, slug: str) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        ids = select(decisions.c.coder_id).join(
            submissions, submissions.c.id == decisions.c.submission_id).join(
            sessions, sessions.c.id == submissions.c.session_id).where(
            sessions.c.survey_slug == slug).distinct()
        return [(r.id, r.name or r.email) for r in conn.execute(
            select(staff_users.c.id, staff_users.c.name, staff_users.c.email)
            .where(staff_users.c.id.in_(ids)).order_by(staff_users.c.email))]


def theme_agreement(engine: Engine, slug: str, question_id: str, first: int, second: int,
                    themes: list[WorkingTheme]) -> tuple[int, list[ThemeAgreement]]:
    """Cohen's kappa per theme over the answers both coders coded (made any decision on)."""
    with engine.connect() as conn:
        coded: dict[int, dict[tuple[str, str], dict[str, bool]]] = {first: {}, second: {}}
        for sub_id, qid, name, yes, coder in conn.execute(
                select(decisions.c.submission_id, decisions.c.question_id, decisions.c.theme,
                       decisions.c.decision, decisions.c.coder_id)
                .where(decisions.c.coder_id.in_([first, second]),
                       (decisions.c.question_id == question_id)
                       | decisions.c.question_id.like(question_id + ".%"))):
            coded[coder].setdefault((sub_id, qid), {})[name] = bool(yes)
    both = [key for key in coded[first] if key in coded[second]]
    results = []
    for item in themes:
        if item.status != "active":
            continue
        a = {f"{k[0]}|{k[1]}": coded[first][k].get(item.name, False) for k in both}
        b = {f"{k[0]}|{k[1]}": coded[second][k].get(item.name, False) for k in both}
        results.append(ThemeAgreement(item.name, item.label, agreement(a, b)))
    return len(both), results


# -- quotes ---------------------------------------------------------------------------------------


def approve_quote(engine: Engine, slug: str, staff: Staff, submission_id: str, question_id: str,
                  known_schools: Iterable[str] = ()) -> str:
    """Re-anonymise and re-screen an answer and approve it as a quote; returns the quote text.

    Refused if the screen now flags it: those words belong with the safeguarding lead.
    """
    with engine.begin() as conn:
        row = conn.execute(
            select(answers.c.value, sessions.c.school)
            .select_from(answers.join(submissions, submissions.c.id == answers.c.submission_id)
                         .join(sessions, sessions.c.id == submissions.c.session_id))
            .where(answers.c.submission_id == submission_id, answers.c.question_id == question_id,
                   sessions.c.survey_slug == slug, answers.c.status == ANSWERED)).first()
        if row is None or row.value is None:
            raise WorkspaceError("That answer is no longer there.")
        text = " / ".join(texts_in(json.loads(row.value)))
        clean = anonymise(text, known_schools=(*known_schools, row.school)).text
        screening = screen(clean)
        if screening.concern:
            raise WorkspaceError("The screen flags this answer as a possible safeguarding "
                                 "concern, so it cannot be published as a quote.")
        if not clean.strip():
            raise WorkspaceError("There is nothing left to quote.")
        existing = conn.execute(select(quotes.c.id).where(
            quotes.c.submission_id == submission_id, quotes.c.question_id == question_id)).first()
        if existing is None:
            conn.execute(insert(quotes).values(
                survey_slug=slug, submission_id=submission_id, question_id=question_id,
                text=clean, status="approved", approved_by=staff.id, approved_at=utcnow()))
        else:
            conn.execute(update(quotes).where(quotes.c.id == existing.id).values(
                text=clean, status="approved", approved_by=staff.id, approved_at=utcnow()))
        record(conn, staff, "quote.approve", slug, question_id)
    return clean


def withdraw_quote(engine: Engine, slug: str, staff: Staff, submission_id: str,
                   question_id: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(quotes).where(quotes.c.submission_id == submission_id,
                                          quotes.c.question_id == question_id)
                     .values(status="withdrawn"))
        record(conn, staff, "quote.withdraw", slug, question_id)


@dataclass(frozen=True)
class ApprovedQuote:
    id: int
    text: str
    question_id: str
    approved_at: datetime


def approved_quotes(conn: Connection, slug: str) -> list[ApprovedQuote]:
    return [ApprovedQuote(r.id, r.text, r.question_id, r.approved_at) for r in conn.execute(
        select(quotes.c.id, quotes.c.text, quotes.c.question_id, quotes.c.approved_at)
        .where(quotes.c.survey_slug == slug, quotes.c.status == "approved")
        .order_by(quotes.c.approved_at.desc()))]
