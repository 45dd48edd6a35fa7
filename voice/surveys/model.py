"""What a survey is once loaded: immutable definitions, and each one's view for a single age band."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

Band = Literal["primary", "secondary", "post16"]
BANDS: tuple[Band, ...] = ("primary", "secondary", "post16")
QUESTION_TYPES = ("single", "multiple", "scale", "yes_no", "text", "ranking")
ABOUT_KEYS = ("who", "why", "what_happens", "when_adult_reads", "next")

# Faces shown on a primary scale, lowest first, by number of points: the mouth's curve, from -1
# (a frown) to 1 (a big smile). Drawn as inline SVG, not emoji, so they look the same on an old
# tablet with no emoji font. Words stay beside them: a face alone is ambiguous for some children
# (and means nothing to a screen reader, which skips it).
FACES: dict[int, tuple[float, ...]] = {
    3: (-1.0, 0.0, 1.0),
    4: (-1.0, -0.4, 0.4, 1.0),
    5: (-1.0, -0.5, 0.0, 0.5, 1.0),
}

# A band-resolved text: one string per band the item is asked in.
Wording = Mapping[str, str]


@dataclass(frozen=True)
class Option:
    value: str
    label: Wording


@dataclass(frozen=True)
class Condition:
    """Ask a question only when an earlier question's answer is one of `answers`."""

    question: str
    answers: frozenset[str]

    def holds(self, answer: object) -> bool:
        if isinstance(answer, list):
            return any(value in self.answers for value in answer)
        return isinstance(answer, str) and answer in self.answers


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Wording
    bands: tuple[str, ...]
    help: Wording | None = None
    options: tuple[Option, ...] = ()
    pick: int = 0
    max_length: int = 1000
    rather_not_say: bool = True
    show_if: Condition | None = None


@dataclass(frozen=True)
class Headline:
    """A headline indicator: the share of those who answered `question` who gave one of
    `answers` (e.g. "has a trusted adult to talk to": trusted_adult = yes)."""

    id: str
    label: str
    question: str
    answers: frozenset[str]


@dataclass(frozen=True)
class Survey:
    slug: str
    title: Wording
    version: str
    bands: tuple[str, ...]
    about: Mapping[str, Wording]
    questions: tuple[Question, ...]
    minutes: int | None = None
    path: Path | None = None
    codebook: Path | None = None  # theming codebook; None means the shipped default
    kind: str = "survey"
    headlines: tuple[Headline, ...] = ()
    _views: dict[str, BandSurvey] = field(default_factory=dict, compare=False, repr=False)

    def for_band(self, band: str) -> BandSurvey:
        """The survey as a child in `band` sees it (cached: built once per band)."""
        view = self._views.get(band)
        if view is None:
            view = BandSurvey.build(self, band)
            self._views[band] = view
        return view


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    face: float | None = None  # the mouth's curve on a primary scale (see FACES)


@dataclass(frozen=True)
class BandQuestion:
    """One question worded for one band, ready to render."""

    id: str
    type: str
    text: str
    help: str
    choices: tuple[Choice, ...]
    pick: int
    max_length: int
    rather_not_say: bool
    show_if: Condition | None

    @cached_property
    def values(self) -> frozenset[str]:
        return frozenset(choice.value for choice in self.choices)

    def label_for(self, value: str) -> str:
        for choice in self.choices:
            if choice.value == value:
                return choice.label
        return value


@dataclass(frozen=True)
class BandSurvey:
    slug: str
    band: str
    title: str
    version: str
    minutes: int | None
    about: Mapping[str, str]
    questions: tuple[BandQuestion, ...]
    index: Mapping[str, int]

    @classmethod
    def build(cls, survey: Survey, band: str) -> BandSurvey:
        questions = tuple(
            _band_question(question, band) for question in survey.questions if band in question.bands
        )
        return cls(
            slug=survey.slug,
            band=band,
            title=survey.title[band],
            version=survey.version,
            minutes=survey.minutes,
            about={key: wording[band] for key, wording in survey.about.items()},
            questions=questions,
            index={question.id: position for position, question in enumerate(questions)},
        )

    def question(self, question_id: str) -> BandQuestion | None:
        position = self.index.get(question_id)
        return None if position is None else self.questions[position]

    def visible(self, answers: Mapping[str, object]) -> list[BandQuestion]:
        """The questions this child is asked, given their answers so far (conditions applied)."""
        shown: list[BandQuestion] = []
        for question in self.questions:
            condition = question.show_if
            if condition is None or condition.holds(answers.get(condition.question)):
                shown.append(question)
        return shown


def _band_question(question: Question, band: str) -> BandQuestion:
    choices: tuple[Choice, ...]
    if question.type == "scale":
        faces = FACES.get(len(question.options), ()) if band == "primary" else ()
        choices = tuple(
            Choice(option.value, option.label[band], faces[i] if faces else None)
            for i, option in enumerate(question.options)
        )
    else:
        choices = tuple(Choice(option.value, option.label[band]) for option in question.options)
    return BandQuestion(
        id=question.id,
        type=question.type,
        text=question.text[band],
        help=question.help[band] if question.help else "",
        choices=choices,
        pick=question.pick,
        max_length=question.max_length,
        rather_not_say=question.rather_not_say,
        show_if=question.show_if,
    )
