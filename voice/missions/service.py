"""Storing mission work, and reading it back: a team's work, a class's progress, a pack's results.

A team is a submission (see `Submission.team`). A mission's form is saved in one transaction:
every response, what listening made of its text, any concern flag and any picture, so a class
never sees half a mission saved.
"""

from __future__ import annotations

import json
import secrets
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from voice.answers.models import ANSWERED, Answer, Submission, TextAnalysis
from voice.answers.service import analysis_values, flag_values
from voice.clock import utcnow
from voice.db import insert_ignore_statement, upsert_statement
from voice.missions.forms import ResponseReading
from voice.missions.model import Mission, MissionPack, team_kind, team_label
from voice.missions.models import MissionImage
from voice.safeguarding.models import ConcernFlag
from voice.sessions.models import ClassSession
from voice.sessions.service import SessionInfo

submissions = Submission.__table__  # type: ignore[attr-defined]
answers = Answer.__table__  # type: ignore[attr-defined]
analyses = TextAnalysis.__table__  # type: ignore[attr-defined]
flags = ConcernFlag.__table__  # type: ignore[attr-defined]
images = MissionImage.__table__  # type: ignore[attr-defined]
sessions = ClassSession.__table__  # type: ignore[attr-defined]


# -- teams ---------------------------------------------------------------------------------------


def join_team(engine: Engine, session: SessionInfo, team: str | None,
              new_id: str | None = None) -> str:
    """The submission id for this team: a group or the class carries on its existing work (a
    second device joining as Group 2 works on Group 2's missions); a child on their own starts
    fresh, with `new_id` (the welcome page's one-use token, so a double tap makes one).

    One insert that does nothing on a clash (the same token again, or another device making
    this group a moment ago), then the team's id is read back."""
    new_id = new_id or secrets.token_urlsafe(18)
    key = ["id"] if team is None else ["session_id", "team"]
    with engine.begin() as conn:
        conn.execute(insert_ignore_statement(submissions, engine.dialect.name, key=key).values(
            id=new_id, session_id=session.id, survey_version=session.survey_version,
            started_at=utcnow(), team=team))
    if team is None:
        return new_id
    found = _team_id(engine, session.id, team)
    assert found is not None, "the insert made it or another device had"
    return found


def _team_id(engine: Engine, session_id: int, team: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(submissions.c.id).where(
            submissions.c.session_id == session_id, submissions.c.team == team)).scalar()


@dataclass
class TeamWork:
    submission_id: str
    session_id: int
    team: str | None
    saved: dict[str, Any] = field(default_factory=dict)  # decoded values by answer id

    @property
    def kind(self) -> str:
        return team_kind(self.team)

    @property
    def label(self) -> str:
        return team_label(self.team)

    def done(self, mission: Mission) -> bool:
        return any(mission.answer_id(r) in self.saved for r in mission.responses)


def team_work(engine: Engine, submission_id: str) -> TeamWork | None:
    with engine.connect() as conn:
        row = conn.execute(select(submissions.c.session_id, submissions.c.team).where(
            submissions.c.id == submission_id)).first()
        if row is None:
            return None
        work = TeamWork(submission_id, row.session_id, row.team)
        for question_id, value in conn.execute(select(answers.c.question_id, answers.c.value).where(
                answers.c.submission_id == submission_id, answers.c.status == ANSWERED)):
            work.saved[question_id] = json.loads(value) if value is not None else None
    return work


# -- saving a mission ----------------------------------------------------------------------------


def save_mission(
    engine: Engine, work: TeamWork, session: SessionInfo, mission: Mission,
    readings: list[ResponseReading],
) -> bool:
    """Save a mission's responses in one transaction. Returns whether anything was flagged.

    A response left empty this time is removed (the team cleared it); a replaced picture is
    deleted, so no unused picture of a child's work is kept.
    """
    now = utcnow()
    dialect = engine.dialect.name
    flagged = False
    sent = {reading.answer_id for reading in readings}
    with engine.begin() as conn:
        for response in mission.responses:
            answer_id = mission.answer_id(response)
            if answer_id not in sent and answer_id in work.saved:
                _drop(conn, work, answer_id)
        for reading in readings:
            value = reading.value
            if reading.image is not None:
                old = work.saved.get(reading.answer_id)
                if isinstance(old, dict) and old.get("image"):
                    conn.execute(delete(images).where(images.c.id == old["image"],
                                                      images.c.submission_id == work.submission_id))
                image_id = conn.execute(insert(images).values(
                    submission_id=work.submission_id, session_id=session.id,
                    question_id=reading.answer_id, media_type=reading.image.media_type,
                    width=reading.image.width, height=reading.image.height,
                    data=reading.image.data, uploaded_at=now, status="new",
                ).returning(images.c.id)).scalar_one()
                value = {**value, "image": image_id}
            key = {"submission_id": work.submission_id, "question_id": reading.answer_id}
            conn.execute(upsert_statement(answers, dialect, key=["submission_id", "question_id"],
                                          update=["status", "value", "updated_at"]).values(
                **key, status=ANSWERED, value=json.dumps(value, ensure_ascii=False),
                updated_at=now))
            work.saved[reading.answer_id] = value
            if reading.listened:
                conn.execute(upsert_statement(
                    analyses, dialect, key=["submission_id", "question_id"],
                    update=["themes", "sentiment", "phrases", "updated_at"]).values(
                    **key, updated_at=now, **analysis_values(reading.listened)))
            for heard in reading.listened:
                flag = flag_values(heard)
                if flag is not None:
                    flagged = True
                    conn.execute(insert_ignore_statement(
                        flags, dialect, key=["submission_id", "question_id", "fingerprint"]).values(
                        **key, **flag, session_id=session.id, flagged_at=now))
    return flagged


def _drop(conn: Connection, work: TeamWork, answer_id: str) -> None:
    old = work.saved.pop(answer_id)
    where = (answers.c.submission_id == work.submission_id) & (answers.c.question_id == answer_id)
    conn.execute(delete(answers).where(where))
    conn.execute(delete(analyses).where((analyses.c.submission_id == work.submission_id)
                                        & (analyses.c.question_id == answer_id)))
    if isinstance(old, dict) and old.get("image"):
        conn.execute(delete(images).where(images.c.id == old["image"],
                                          images.c.submission_id == work.submission_id))


# -- the facilitator's view: which teams have done which missions --------------------------------


@dataclass(frozen=True)
class TeamProgress:
    label: str
    kind: str
    done: frozenset[str]  # mission ids


@dataclass(frozen=True)
class ClassProgress:
    teams: list[TeamProgress]  # the class and groups, in order
    individuals: int  # children working on their own
    individual_done: dict[str, int]  # mission id -> how many of them have done it


def class_progress(engine: Engine, session_id: int, pack: MissionPack) -> ClassProgress:
    """Which missions each team has done: never what anyone wrote."""
    done: dict[str, set[str]] = defaultdict(set)
    teams: dict[str, str | None] = {}
    with engine.connect() as conn:
        for sub_id, team in conn.execute(select(submissions.c.id, submissions.c.team).where(
                submissions.c.session_id == session_id)):
            teams[sub_id] = team
        for sub_id, question_id in conn.execute(
                select(answers.c.submission_id, answers.c.question_id)
                .select_from(answers.join(submissions, submissions.c.id == answers.c.submission_id))
                .where(submissions.c.session_id == session_id, answers.c.status == ANSWERED)):
            done[sub_id].add(question_id.partition(".")[0])
    named = sorted((t, s) for s, t in teams.items() if t is not None)
    named.sort(key=lambda pair: (pair[0] != "class", int(pair[0].removeprefix("group-"))
                                 if pair[0].startswith("group-") else 0))
    progress = [TeamProgress(team_label(t), team_kind(t), frozenset(done[s])) for t, s in named]
    loners = [s for s, t in teams.items() if t is None]
    counts = Counter(m for s in loners for m in done[s])
    return ClassProgress(progress, len(loners), dict(counts))


# -- results per pack ----------------------------------------------------------------------------


@dataclass
class Tally:
    """Totals for one option, per band and overall."""

    value: str
    label: str
    by_band: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_band.values())


@dataclass
class PriorityResult:
    mission: Mission
    response_id: str
    kind: str  # dot_vote or ranking
    text: str
    tallies: list[Tally]
    teams_by_band: dict[str, int]


@dataclass
class PackResults:
    pack: MissionPack
    bands: list[str]
    teams_by_band: dict[str, int]
    priorities: list[PriorityResult]
    themes: list[tuple[str, dict[str, int]]]  # theme name -> count per band, most common first
    questions: list[tuple[str, str, int]]  # (question, band, year group)
    questions_held: int  # questions with a concern flag: with the safeguarding lead, not here
    images: dict[str, int]  # status -> count


def _pack_rows(conn: Connection, slug: str, columns: Iterable[Any]) -> Any:
    return conn.execute(
        select(sessions.c.band, sessions.c.year_group, *columns)
        .select_from(answers.join(submissions, submissions.c.id == answers.c.submission_id)
                     .join(sessions, sessions.c.id == submissions.c.session_id))
        .where(sessions.c.survey_slug == slug, answers.c.status == ANSWERED))


def pack_results(engine: Engine, pack: MissionPack, themes_named: dict[str, str]) -> PackResults:
    """Ranking and dot-vote totals by band, themes of the written work, and questions for leaders.

    Rankings score by place: with "pick 3", a first place scores 3, a second 2, a third 1.
    """
    kinds = {}
    for mission in pack.missions:
        for response in mission.responses:
            kinds[mission.answer_id(response)] = (mission, response)
    priorities: dict[str, PriorityResult] = {}
    teams: dict[str, set[str]] = defaultdict(set)
    theme_counts: dict[str, Counter[str]] = defaultdict(Counter)
    questions: list[tuple[str, str, int]] = []
    questions_held = 0
    with engine.connect() as conn:
        held = set(conn.execute(
            select(flags.c.submission_id, flags.c.question_id)
            .select_from(flags.join(sessions, sessions.c.id == flags.c.session_id))
            .where(sessions.c.survey_slug == pack.slug)).all())
        for band, year, sub_id, question_id, value in _pack_rows(
                conn, pack.slug, (answers.c.submission_id, answers.c.question_id, answers.c.value)):
            teams[band].add(sub_id)
            found = kinds.get(question_id)
            if found is None or value is None:
                continue
            mission, response = found
            decoded = json.loads(value)
            if response.type in ("dot_vote", "ranking"):
                result = priorities.get(question_id)
                if result is None:
                    result = priorities[question_id] = PriorityResult(
                        mission, response.id, response.type, response.text[pack.bands[0]],
                        [Tally(o.value, o.label[pack.bands[0]]) for o in response.options], {})
                result.teams_by_band[band] = result.teams_by_band.get(band, 0) + 1
                scores = (decoded if response.type == "dot_vote" else
                          {v: response.pick - place for place, v in enumerate(decoded)})
                for tally in result.tallies:
                    points = scores.get(tally.value, 0)
                    if isinstance(points, int) and points > 0:
                        tally.by_band[band] = tally.by_band.get(band, 0) + points
            elif response.type == "leader_questions":
                if (sub_id, question_id) in held:
                    questions_held += len(decoded)
                    continue
                questions.extend((q, band, year) for q in decoded)
        theme_rows = conn.execute(
            select(sessions.c.band, analyses.c.themes)
            .select_from(analyses.join(submissions, submissions.c.id == analyses.c.submission_id)
                         .join(sessions, sessions.c.id == submissions.c.session_id))
            .where(sessions.c.survey_slug == pack.slug)).all()
        image_counts = dict(conn.execute(
            select(images.c.status, func.count(images.c.id))
            .select_from(images.join(sessions, sessions.c.id == images.c.session_id))
            .where(sessions.c.survey_slug == pack.slug).group_by(images.c.status)).all())
    for band, themes_json in theme_rows:
        for name in json.loads(themes_json):
            theme_counts[name][band] += 1
    ordered = sorted(theme_counts.items(), key=lambda item: (-sum(item[1].values()), item[0]))
    for result in priorities.values():
        result.tallies.sort(key=lambda t: (-t.total, t.label))
    order = list(kinds)
    return PackResults(
        pack=pack, bands=list(pack.bands), teams_by_band={b: len(s) for b, s in teams.items()},
        priorities=[priorities[k] for k in order if k in priorities],
        themes=[(themes_named.get(name, name), dict(counts)) for name, counts in ordered],
        questions=questions, questions_held=questions_held, images=image_counts,
    )


# -- pictures ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImageRow:
    id: int
    status: str
    caption: str
    mission_title: str
    band: str
    school: str
    year_group: int
    uploaded_at: datetime
    width: int
    height: int


def pack_images(engine: Engine, pack: MissionPack, status: str | None = None) -> list[ImageRow]:
    query = (select(images.c.id, images.c.status, images.c.question_id, images.c.submission_id,
                    images.c.uploaded_at, images.c.width, images.c.height, sessions.c.band,
                    sessions.c.school, sessions.c.year_group)
             .select_from(images.join(sessions, sessions.c.id == images.c.session_id))
             .where(sessions.c.survey_slug == pack.slug)
             .order_by(images.c.uploaded_at.desc(), images.c.id.desc()))
    if status is not None:
        query = query.where(images.c.status == status)
    rows: list[ImageRow] = []
    with engine.connect() as conn:
        found = conn.execute(query).all()
        captions: dict[int, str] = {}
        if found:
            for (value,) in conn.execute(select(answers.c.value).where(
                    answers.c.submission_id.in_({r.submission_id for r in found}))):
                decoded = json.loads(value) if value else None
                if isinstance(decoded, dict) and "image" in decoded:
                    captions[decoded["image"]] = str(decoded.get("caption") or "")
    for r in found:
        located = pack.response(r.question_id)
        title = located[0].title[r.band] if located and r.band in located[0].title else ""
        rows.append(ImageRow(r.id, r.status, captions.get(r.id, ""), title, r.band, r.school,
                             r.year_group, r.uploaded_at, r.width, r.height))
    return rows


def image_data(engine: Engine, image_id: int) -> tuple[bytes, str] | None:
    with engine.connect() as conn:
        row = conn.execute(select(images.c.data, images.c.media_type).where(
            images.c.id == image_id)).first()
    return None if row is None else (bytes(row.data), row.media_type)


def review_image(engine: Engine, image_id: int, status: str, staff_id: int) -> str | None:
    """Approve or set aside a picture; returns the pack slug, or None if there is no such picture."""
    with engine.begin() as conn:
        slug = conn.execute(
            select(sessions.c.survey_slug)
            .select_from(images.join(sessions, sessions.c.id == images.c.session_id))
            .where(images.c.id == image_id)).scalar()
        if slug is None:
            return None
        conn.execute(update(images).where(images.c.id == image_id).values(
            status=status, reviewed_by=staff_id, reviewed_at=utcnow()))
    return str(slug)
