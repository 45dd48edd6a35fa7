"""Check a mission pack file (`kind = "missions"` in `surveys/`), reporting every problem at once."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from voice.missions.model import (
    AGENCIES,
    FOCUSES,
    RESPONSE_TYPES,
    TEAM_KINDS,
    Mission,
    MissionPack,
    Response,
    TeacherNotes,
)
from voice.surveys.checks import ID_RE, Checker, Problem

PACK_KEYS = {"kind", "slug", "title", "version", "bands", "minutes", "about", "missions", "codebook"}
MISSION_KEYS = {"id", "title", "focus", "by", "minutes", "brief", "teacher", "responses"}
TEACHER_KEYS = ("timing", "materials", "how", "if_a_child_discloses")
RESPONSE_KEYS = {"id", "type", "text", "help", "options", "dots", "pick", "agencies", "rows", "max",
                 "max_length"}
# Which extra keys each response type takes.
TYPE_KEYS: dict[str, set[str]] = {
    "text": {"max_length"},
    "dot_vote": {"options", "dots"},
    "ranking": {"options", "pick"},
    "ran_for_a_day": {"agencies"},
    "places": {"rows"},
    "leader_questions": {"max"},
    "upload": set(),
}
MAX_ID = 30  # "mission.response" must fit an answer's 64-character question id


def parse_pack(
    data: Mapping[str, Any], name: str, path: Path | None = None
) -> tuple[MissionPack | None, list[Problem]]:
    checker = _PackChecker(name)
    pack = checker.pack(data, path)
    if checker.problems:
        return None, checker.problems
    return pack, []


class _PackChecker(Checker):
    def pack(self, data: Mapping[str, Any], path: Path | None) -> MissionPack | None:
        header = self.header(data, path, PACK_KEYS)
        missions = self.missions(data.get("missions"), header.bands)
        if self.problems:
            return None
        return MissionPack(
            slug=header.slug, title=header.title, version=header.version, bands=header.bands,
            about=header.about, missions=missions, minutes=header.minutes, path=path,
            codebook=header.codebook,
        )

    def identifier(self, value: Any, what: str, label: str | None) -> str | None:
        if not isinstance(value, str) or not ID_RE.match(value) or len(value) > MAX_ID:
            self.problem(f"{what} must start with a letter and use only a-z, 0-9 and _ "
                         f"(at most {MAX_ID} characters)", label)
            return None
        return value

    def missions(self, value: Any, bands: tuple[str, ...]) -> tuple[Mission, ...]:
        if not isinstance(value, list) or not value:
            self.problem("there are no [[missions]]")
            return ()
        missions: list[Mission] = []
        seen: set[str] = set()
        for number, raw in enumerate(value, start=1):
            label = f"mission '{raw['id']}'" if isinstance(raw, dict) and isinstance(
                raw.get("id"), str) else f"mission #{number}"
            if not isinstance(raw, dict):
                self.problem("must be a table", label)
                continue
            mission = self.mission(raw, label, bands)
            if mission is None:
                continue
            if mission.id in seen:
                self.problem("the id is used twice in this file", label)
                continue
            seen.add(mission.id)
            missions.append(mission)
        return tuple(missions)

    def mission(self, raw: Mapping[str, Any], label: str, bands: tuple[str, ...]) -> Mission | None:
        before = len(self.problems)
        for key in sorted(set(raw) - MISSION_KEYS):
            self.problem(f"unknown key '{key}' (expected one of {', '.join(sorted(MISSION_KEYS))})",
                         label)
        mission_id = self.identifier(raw.get("id"), "'id'", label)
        title = self.wording(raw.get("title"), bands, "'title'", label)
        focus = raw.get("focus")
        if focus not in FOCUSES:
            self.problem(f"'focus' {focus!r} is not one of {', '.join(FOCUSES)}", label)
        by = self.by(raw.get("by"), label)
        minutes = self.whole_number(raw.get("minutes"), "'minutes'", 1, 120, label)
        brief = self.wording(raw.get("brief"), bands, "'brief'", label)
        teacher = self.teacher(raw.get("teacher"), label)
        responses = self.responses(raw.get("responses"), bands, label)
        if len(self.problems) > before:
            return None
        assert mission_id and title and brief and teacher and isinstance(focus, str)
        return Mission(id=mission_id, title=title, focus=focus, by=by, minutes=minutes,
                       brief=brief, teacher=teacher, responses=responses)

    def by(self, value: Any, label: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value or any(v not in TEAM_KINDS for v in value):
            self.problem(f"'by' must list who answers: any of {', '.join(TEAM_KINDS)}", label)
            return ()
        return tuple(kind for kind in TEAM_KINDS if kind in value)

    def teacher(self, value: Any, label: str) -> TeacherNotes | None:
        if not isinstance(value, dict):
            self.problem(f"[missions.teacher] is missing; it needs {', '.join(TEACHER_KEYS)}", label)
            return None
        for key in sorted(set(value) - set(TEACHER_KEYS)):
            self.problem(f"[missions.teacher] has unknown key '{key}'", label)
        notes: dict[str, str] = {}
        for key in TEACHER_KEYS:
            text = value.get(key)
            if not isinstance(text, str) or not text.strip():
                what = ("what to do if a child discloses something during the lesson"
                        if key == "if_a_child_discloses" else key)
                self.problem(f"[missions.teacher] '{key}' is missing ({what})", label)
            else:
                notes[key] = text.strip()
        if len(notes) < len(TEACHER_KEYS):
            return None
        return TeacherNotes(**notes)

    def responses(self, value: Any, bands: tuple[str, ...], label: str) -> tuple[Response, ...]:
        if not isinstance(value, list) or not value:
            self.problem("there are no [[missions.responses]]", label)
            return ()
        responses: list[Response] = []
        seen: set[str] = set()
        for number, raw in enumerate(value, start=1):
            if not isinstance(raw, dict):
                self.problem(f"response #{number} must be a table", label)
                continue
            where = f"{label}, response '{raw.get('id', f'#{number}')}'"
            response = self.response(raw, bands, where)
            if response is None:
                continue
            if response.id in seen:
                self.problem("the id is used twice in this mission", where)
                continue
            seen.add(response.id)
            responses.append(response)
        return tuple(responses)

    def response(self, raw: Mapping[str, Any], bands: tuple[str, ...], where: str) -> Response | None:
        before = len(self.problems)
        for key in sorted(set(raw) - RESPONSE_KEYS):
            self.problem(f"unknown key '{key}'", where)
        response_id = self.identifier(raw.get("id"), "'id'", where)
        rtype = raw.get("type")
        if rtype not in RESPONSE_TYPES:
            self.problem(f"'type' {rtype!r} is not one of {', '.join(RESPONSE_TYPES)}", where)
            return None
        for key in sorted((set(raw) & RESPONSE_KEYS) - {"id", "type", "text", "help"}
                          - TYPE_KEYS[rtype]):
            self.problem(f"'{key}' does not apply to {rtype} responses", where)
        text = self.wording(raw.get("text"), bands, "'text'", where)
        help_text = self.wording(raw.get("help"), bands, "'help'", where, required=False)
        extra: dict[str, Any] = {}
        if rtype in ("dot_vote", "ranking"):
            extra["options"] = self.choices(raw.get("options"), "options", 2, 12, bands, where,
                                            f"{rtype} responses")
        if rtype == "dot_vote":
            extra["dots"] = self.whole_number(raw.get("dots"), "'dots'", 1, 20, where, default=5)
        if rtype == "ranking":
            pick = self.whole_number(raw.get("pick"), "'pick'", 1, 12, where, default=3)
            if extra["options"] and pick and pick > len(extra["options"]):
                self.problem(f"'pick' is {pick} but there are only {len(extra['options'])} options",
                             where)
            extra["pick"] = pick
        if rtype == "ran_for_a_day":
            agencies = raw.get("agencies", list(AGENCIES))
            if not isinstance(agencies, list) or not agencies or any(
                    a not in AGENCIES for a in agencies) or len(set(agencies)) != len(agencies):
                self.problem(f"'agencies' must list some of {', '.join(AGENCIES)}, each once", where)
            else:
                extra["agencies"] = tuple(agencies)
        if rtype == "places":
            extra["rows"] = self.whole_number(raw.get("rows"), "'rows'", 1, 10, where, default=5)
        if rtype == "leader_questions":
            extra["max"] = self.whole_number(raw.get("max"), "'max'", 1, 10, where, default=3)
        if rtype == "text":
            extra["max_length"] = self.whole_number(raw.get("max_length"), "'max_length'", 1, 5000,
                                                    where, default=1000)
        if len(self.problems) > before:
            return None
        assert response_id and text
        return Response(id=response_id, type=rtype, text=text, help=help_text, **extra)
