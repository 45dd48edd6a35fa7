"""What a Takeover Challenge mission pack is once loaded: missions, teacher notes, response forms.

A pack is a file in `surveys/` with `kind = "missions"` (see "Takeover Challenge mission packs"
in the README). A class session can be for a pack as for a survey; on joining, each device says
who is answering on it: the whole class, a group ("Group 1", never a child's name) or one child
on their own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from voice.surveys.model import Option, Wording

RESPONSE_TYPES = ("text", "dot_vote", "ranking", "ran_for_a_day", "places", "leader_questions",
                  "upload")
# Who answers a mission.
TEAM_KINDS = ("class", "group", "individual")
# The partnership's work each mission is tied to.
FOCUSES: dict[str, str] = {
    "being_heard": "Being heard by leaders",
    "having_what_you_need": "Having what you need (neglect)",
    "right_help": "The right help at the right time",
    "staying_safe": "Staying safe from exploitation and online harms",
    "safe_places": "Safe and unsafe places",
}
# "If we ran … for a day": the agencies a class can take over, as children name them.
AGENCIES: dict[str, str] = {
    "police": "the police",
    "council": "the council",
    "nhs": "the NHS (doctors, nurses and hospitals)",
    "school": "our school",
}
MAX_GROUPS = 12
PLACE_FEELINGS = {"safe": "Safe", "unsafe": "Not safe"}
PLACE_LENGTH = 80  # a place's name
ITEM_LENGTH = 400  # each "why", each question for leaders, each caption


@dataclass(frozen=True)
class TeacherNotes:
    timing: str
    materials: str
    how: str
    if_a_child_discloses: str


def note_blocks(text: str) -> list[tuple[str, list[str]]]:
    """Teacher notes as blocks for the page: ("p", [paragraph]) or ("ul", [items]); a line that
    starts with "- " is a list item."""
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            if blocks and blocks[-1][0] == "ul":
                blocks[-1][1].append(line[2:])
            else:
                blocks.append(("ul", [line[2:]]))
        elif blocks and not text_ends_sentence(blocks[-1][1][-1]):  # a wrapped line
            blocks[-1][1][-1] += " " + line
        else:
            blocks.append(("p", [line]))
    return blocks


def text_ends_sentence(text: str) -> bool:
    return text.endswith((".", ":", "!", "?", ";"))


@dataclass(frozen=True)
class Response:
    """One part of a mission's form."""

    id: str
    type: str
    text: Wording
    help: Wording | None = None
    options: tuple[Option, ...] = ()
    dots: int = 0  # dot_vote: dots each team shares out
    pick: int = 0  # ranking: how many to put in order
    agencies: tuple[str, ...] = ()  # ran_for_a_day
    rows: int = 0  # places: how many rows
    max: int = 0  # leader_questions: how many questions
    max_length: int = 1000  # text

    def label_for(self, value: str, band: str) -> str:
        for option in self.options:
            if option.value == value:
                return option.label[band]
        return value


@dataclass(frozen=True)
class Mission:
    id: str
    title: Wording
    focus: str
    by: tuple[str, ...]
    minutes: int | None
    brief: Wording
    teacher: TeacherNotes
    responses: tuple[Response, ...]

    def answer_id(self, response: Response) -> str:
        """The key a response is stored under (an answer's question id)."""
        return f"{self.id}.{response.id}"

    def paragraphs(self, band: str) -> list[str]:
        return [part.strip() for part in self.brief[band].split("\n\n") if part.strip()]


@dataclass(frozen=True)
class MissionPack:
    slug: str
    title: Wording
    version: str
    bands: tuple[str, ...]
    about: Mapping[str, Wording]
    missions: tuple[Mission, ...]
    minutes: int | None = None
    path: Path | None = None
    codebook: Path | None = None
    kind: str = "missions"

    def mission(self, mission_id: str) -> Mission | None:
        return next((m for m in self.missions if m.id == mission_id), None)

    def for_team(self, team_kind: str) -> list[Mission]:
        """The missions a team of this kind answers, in pack order."""
        return [m for m in self.missions if team_kind in m.by]

    def response(self, answer_id: str) -> tuple[Mission, Response] | None:
        """The mission and response stored under `answer_id` ("mission.response")."""
        mission_id, _, response_id = answer_id.partition(".")
        mission = self.mission(mission_id)
        if mission is None:
            return None
        response = next((r for r in mission.responses if r.id == response_id), None)
        return None if response is None else (mission, response)


def team_kind(team: str | None) -> str:
    """'class', 'group' or 'individual' from a stored team name ("class", "group-3", None)."""
    if team is None:
        return "individual"
    return "group" if team.startswith("group-") else team


def team_label(team: str | None) -> str:
    if team is None:
        return "Just me"
    if team == "class":
        return "The whole class"
    return f"Group {team.removeprefix('group-')}"
