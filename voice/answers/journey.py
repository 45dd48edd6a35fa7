"""The child's path through a survey: reading a posted answer, where to go next, what to show.

Pure functions on a band's survey view and the answers so far: no web, no database.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from voice.answers.models import ANSWERED, RATHER_NOT_SAY, SKIPPED
from voice.answers.service import StoredAnswer
from voice.listening.pipeline import Listened
from voice.surveys.model import BandQuestion, BandSurvey

ACTIONS = ("next", "back", "skip", "rather_not_say")
ORDINALS = ("1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th")


class AnswerProblem(ValueError):
    """The posted answer can't be used; `message` is shown next to the question."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Reading:
    """What to store for one posted question: a status and a value (None when nothing given).

    For free text, `value` is the anonymised text and `listened` what screening and theming
    made of it; the original words are not kept anywhere.
    """

    status: str
    value: Any
    listened: Listened | None = None


def clean_text(text: str) -> str:
    """Normalise typed text: NFC, no control characters (but keep line breaks), trimmed."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = "".join(
        ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C"
    )
    return kept.strip()


def read_answer(
    question: BandQuestion,
    action: str,
    form: Mapping[str, Sequence[str]],
    listen: Callable[[str], Listened],
) -> Reading | None:
    """Turn a posted form into what to store, or None when there is nothing to store.

    Raises AnswerProblem for an answer we cannot accept (in words a child understands).
    Free text goes through `listen` (anonymise, screen, theme) here, before it can reach the
    database.
    """
    if action == "skip":
        return Reading(SKIPPED, None)
    if action == "rather_not_say":
        if not question.rather_not_say:
            return Reading(SKIPPED, None)
        return Reading(RATHER_NOT_SAY, None)
    value = _value(question, form)
    if value is None:
        # "Next" with nothing chosen counts as a skip; "Back" with nothing chosen changes nothing.
        return Reading(SKIPPED, None) if action == "next" else None
    if question.type == "text":
        listened = listen(value)
        return Reading(ANSWERED, listened.text, listened)
    return Reading(ANSWERED, value)


def _value(question: BandQuestion, form: Mapping[str, Sequence[str]]) -> Any:
    kind = question.type
    given = [v for v in form.get("answer", ()) if v != ""]
    if kind in {"single", "yes_no", "scale"}:
        if not given:
            return None
        if len(given) > 1 or given[0] not in question.values:
            raise AnswerProblem("Please choose one of the answers shown.")
        return given[0]
    if kind == "multiple":
        chosen = list(dict.fromkeys(given))
        if any(value not in question.values for value in chosen):
            raise AnswerProblem("Please choose from the answers shown.")
        return chosen or None
    if kind == "text":
        text = clean_text(given[0] if given else "")
        if not text:
            return None
        if len(text) > question.max_length:
            raise AnswerProblem(
                f"That's a bit long. Please keep it under {question.max_length} characters "
                f"(it is {len(text)} now)."
            )
        return text
    if kind == "ranking":
        return _ranking(question, form)
    raise AnswerProblem("We don't know how to save this answer.")  # pragma: no cover


def _ranking(question: BandQuestion, form: Mapping[str, Sequence[str]]) -> list[str] | None:
    ranked: list[str] = []
    for place in range(1, question.pick + 1):
        values = [v for v in form.get(f"rank_{place}", ()) if v]
        if not values:
            continue
        value = values[0]
        if value not in question.values:
            raise AnswerProblem("Please choose from the list for each place.")
        if value in ranked:
            label = question.label_for(value)
            raise AnswerProblem(
                f"You chose “{label}” more than once. Please choose something different for "
                "each place."
            )
        ranked.append(value)
    return ranked or None


# -- moving through the survey ---------------------------------------------------------------


def next_question(
    survey: BandSurvey, current: str, values: Mapping[str, Any]
) -> BandQuestion | None:
    """The next question this child is asked after `current`, or None at the end."""
    position = survey.index[current]
    for question in survey.visible(values):
        if survey.index[question.id] > position:
            return question
    return None


def previous_question(
    survey: BandSurvey, current: str, values: Mapping[str, Any]
) -> BandQuestion | None:
    position = survey.index[current]
    earlier = [q for q in survey.visible(values) if survey.index[q.id] < position]
    return earlier[-1] if earlier else None


def first_unanswered(
    survey: BandSurvey, answers: Mapping[str, StoredAnswer], values: Mapping[str, Any]
) -> BandQuestion | None:
    """Where a returning child carries on: the first question they have not reached."""
    for question in survey.visible(values):
        if question.id not in answers:
            return question
    return None


@dataclass(frozen=True)
class Place:
    """Where a question stands for this child: asked or not, "3 of 12", and whether Back leads
    anywhere. Worked out from one pass over the questions this child is asked."""

    asked: bool
    number: int
    total: int
    has_back: bool


def place_of(survey: BandSurvey, question_id: str, values: Mapping[str, Any]) -> Place:
    visible = survey.visible(values)
    position = survey.index[question_id]
    earlier = sum(1 for q in visible if survey.index[q.id] < position)
    asked = any(q.id == question_id for q in visible)
    return Place(asked, earlier + 1 if asked else 1, len(visible), earlier > 0)


def after_change(
    survey: BandSurvey, current: str, values: Mapping[str, Any], answers: Mapping[str, Any]
) -> BandQuestion | None:
    """After changing an answer from "check your answers": a follow-up it has just opened up.

    Returns the next question only if it depends on this one and has not been answered yet.
    """
    following = next_question(survey, current, values)
    if (
        following is not None
        and following.show_if is not None
        and following.show_if.question == current
        and following.id not in answers
    ):
        return following
    return None


# -- showing answers back --------------------------------------------------------------------


def describe(question: BandQuestion, answer: StoredAnswer | None) -> list[str]:
    """An answer in words, for "check your answers"."""
    if answer is None:
        return ["Not answered"]
    if answer.status == SKIPPED:
        return ["Skipped"]
    if answer.status == RATHER_NOT_SAY:
        return ["I'd rather not say"]
    value = answer.value
    if question.type == "text":
        return [str(value)]
    if question.type == "ranking":
        return [f"{ORDINALS[i]}: {question.label_for(v)}" for i, v in enumerate(value)]
    if isinstance(value, list):
        return [question.label_for(v) for v in value]
    return [question.label_for(str(value))]


def form_state(question: BandQuestion, answer: StoredAnswer | None) -> dict[str, Any]:
    """What to pre-fill when a child comes back to a question."""
    if answer is None or answer.status != ANSWERED:
        return {"chosen": [], "text": "", "ranked": []}
    value = answer.value
    if question.type == "text":
        return {"chosen": [], "text": str(value), "ranked": []}
    if question.type == "ranking":
        return {"chosen": [], "text": "", "ranked": list(value)}
    chosen = value if isinstance(value, list) else [value]
    return {"chosen": chosen, "text": "", "ranked": []}
