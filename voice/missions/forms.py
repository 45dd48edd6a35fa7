"""Reading a posted mission form: one function per way of responding, no web, no database.

Every piece of free text goes through `listen` (anonymise, screen, theme) here, before anything
can be stored; an upload goes through `clean_image`. Problems come back all at once, one message
per part of the form, in words a child understands; nothing is saved unless every part is fine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from voice.answers.journey import clean_text
from voice.listening.pipeline import Listened
from voice.missions.images import CleanImage, ImageRefused, clean_image
from voice.missions.model import (
    AGENCIES,
    ITEM_LENGTH,
    PLACE_FEELINGS,
    PLACE_LENGTH,
    Mission,
    Response,
)

Listen = Callable[[str], Listened]


@dataclass
class ResponseReading:
    """What to store for one response: its value (anonymised), what listening made of each piece
    of text, and a cleaned image for an upload."""

    answer_id: str
    value: Any
    listened: list[Listened] = field(default_factory=list)
    image: CleanImage | None = None


class MissionProblems(ValueError):
    """Parts of the form we cannot accept: messages by response id."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__("; ".join(messages.values()))
        self.messages = messages


class _Problem(ValueError):
    pass


def read_mission(
    mission: Mission,
    band: str,
    fields: Mapping[str, Sequence[str]],
    files: Mapping[str, bytes],
    listen: Listen,
    kept: Mapping[str, Any] | None = None,
) -> list[ResponseReading]:
    """The responses to store from a posted mission form (only those with something in them).

    `kept` holds what is already saved, so an upload that is not sent again keeps its picture.
    Raises MissionProblems if any part is wrong, or if nothing at all was filled in.
    """
    kept = kept or {}
    readings: list[ResponseReading] = []
    problems: dict[str, str] = {}
    for response in mission.responses:
        reader = _READERS[response.type]
        try:
            reading = reader(response, band, fields, files, listen,
                             kept.get(mission.answer_id(response)))
        except _Problem as problem:
            problems[response.id] = str(problem)
            continue
        if reading is not None:
            reading.answer_id = mission.answer_id(response)
            readings.append(reading)
    if problems:
        raise MissionProblems(problems)
    if not readings:
        first = mission.responses[0].id
        raise MissionProblems({first: "Please fill in at least one part before you send it."})
    return readings


def _text(fields: Mapping[str, Sequence[str]], name: str, limit: int, what: str) -> str:
    values = fields.get(name) or [""]
    text = clean_text(values[0])
    if len(text) > limit:
        raise _Problem(f"{what} is a bit long. Please keep it under {limit} characters "
                       f"(it is {len(text)} now).")
    return text


def _listened(texts: list[str], listen: Listen) -> tuple[list[str], list[Listened]]:
    heard = [listen(text) for text in texts]
    return [h.text for h in heard], heard


def _read_text(response: Response, band: str, fields: Mapping[str, Sequence[str]],
               files: Mapping[str, bytes], listen: Listen, kept: Any) -> ResponseReading | None:
    text = _text(fields, response.id, response.max_length, "Your answer")
    if not text:
        return None
    heard = listen(text)
    return ResponseReading("", heard.text, [heard])


def _whole(value: str) -> int | None:
    value = value.strip()
    return int(value) if value.isdigit() and len(value) < 4 else None


def _read_dot_vote(response: Response, band: str, fields: Mapping[str, Sequence[str]],
                   files: Mapping[str, bytes], listen: Listen, kept: Any) -> ResponseReading | None:
    dots: dict[str, int] = {}
    for option in response.options:
        raw = (fields.get(f"{response.id}.{option.value}") or [""])[0]
        if not raw.strip():
            continue
        count = _whole(raw)
        if count is None:
            raise _Problem("Please use whole numbers, like 0, 1 or 2, for your dots.")
        if count:
            dots[option.value] = count
    total = sum(dots.values())
    if total > response.dots:
        raise _Problem(f"You have {response.dots} dots to share out, but you used {total}. "
                       "Please take some away.")
    return ResponseReading("", dots) if dots else None


def _read_ranking(response: Response, band: str, fields: Mapping[str, Sequence[str]],
                  files: Mapping[str, bytes], listen: Listen, kept: Any) -> ResponseReading | None:
    values = {option.value for option in response.options}
    ranked: list[str] = []
    for place in range(1, response.pick + 1):
        value = (fields.get(f"{response.id}.{place}") or [""])[0]
        if not value:
            continue
        if value not in values:
            raise _Problem("Please choose from the list for each place.")
        if value in ranked:
            raise _Problem(f"You chose “{response.label_for(value, band)}” more than once. "
                           "Please choose something different for each place.")
        ranked.append(value)
    return ResponseReading("", ranked) if ranked else None


def _read_ran_for_a_day(response: Response, band: str, fields: Mapping[str, Sequence[str]],
                        files: Mapping[str, bytes], listen: Listen,
                        kept: Any) -> ResponseReading | None:
    texts: dict[str, str] = {}
    for agency in response.agencies:
        text = _text(fields, f"{response.id}.{agency}", ITEM_LENGTH,
                     f"What you would do if you ran {AGENCIES[agency]}")
        if text:
            texts[agency] = text
    if not texts:
        return None
    clean, heard = _listened(list(texts.values()), listen)
    return ResponseReading("", dict(zip(texts, clean, strict=True)), heard)


def _read_places(response: Response, band: str, fields: Mapping[str, Sequence[str]],
                 files: Mapping[str, bytes], listen: Listen, kept: Any) -> ResponseReading | None:
    rows: list[dict[str, str]] = []
    texts: list[str] = []
    for row in range(1, response.rows + 1):
        name = f"{response.id}.{row}"
        place = _text(fields, f"{name}.place", PLACE_LENGTH, f"Place {row}")
        why = _text(fields, f"{name}.why", ITEM_LENGTH, f"Why, for place {row},")
        feel = (fields.get(f"{name}.feel") or [""])[0]
        if not place and not why:
            continue
        if not place:
            raise _Problem(f"Please write the place for row {row}, or clear the row.")
        if feel not in PLACE_FEELINGS:
            raise _Problem(f"Please choose safe or not safe for “{place}”.")
        rows.append({"place": place, "feel": feel, "why": why})
        texts.extend([place, why])
    if not rows:
        return None
    clean, heard = _listened(texts, listen)
    for index, row_value in enumerate(rows):
        row_value["place"], row_value["why"] = clean[2 * index], clean[2 * index + 1]
    # An empty "why" says nothing: keep it out of what is screened and themed.
    return ResponseReading("", rows, [h for h, t in zip(heard, texts, strict=True) if t])


def _read_leader_questions(response: Response, band: str, fields: Mapping[str, Sequence[str]],
                           files: Mapping[str, bytes], listen: Listen,
                           kept: Any) -> ResponseReading | None:
    texts = [_text(fields, f"{response.id}.{n}", ITEM_LENGTH, f"Question {n}")
             for n in range(1, response.max + 1)]
    texts = [text for text in texts if text]
    if not texts:
        return None
    clean, heard = _listened(texts, listen)
    return ResponseReading("", clean, heard)


def _read_upload(response: Response, band: str, fields: Mapping[str, Sequence[str]],
                 files: Mapping[str, bytes], listen: Listen, kept: Any) -> ResponseReading | None:
    data = files.get(f"{response.id}.image")
    caption = _text(fields, f"{response.id}.caption", ITEM_LENGTH, "The words about your picture")
    image = None
    if data:
        try:
            image = clean_image(data)
        except ImageRefused as refused:
            raise _Problem(refused.message) from None
    elif not (isinstance(kept, dict) and kept.get("image")):
        if caption:
            raise _Problem("Please choose a picture to go with your words.")
        return None
    heard = [listen(caption)] if caption else []
    value = {"image": kept.get("image") if isinstance(kept, dict) and image is None else None,
             "caption": heard[0].text if heard else ""}
    return ResponseReading("", value, heard, image)


_READERS: dict[str, Callable[..., ResponseReading | None]] = {
    "text": _read_text,
    "dot_vote": _read_dot_vote,
    "ranking": _read_ranking,
    "ran_for_a_day": _read_ran_for_a_day,
    "places": _read_places,
    "leader_questions": _read_leader_questions,
    "upload": _read_upload,
}


def texts_in(value: Any) -> list[str]:
    """Every piece of a child's writing in a stored value, in order (for the safeguarding view)."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list):
        return [text for item in value for text in texts_in(item)]
    if isinstance(value, dict):
        if "place" in value:
            feel = PLACE_FEELINGS.get(str(value.get("feel")), "")
            return [f"{value['place']} ({feel.lower()}): {value.get('why', '')}".rstrip(": ")]
        if "caption" in value:
            return texts_in(value["caption"])
        if set(value) <= set(AGENCIES):
            return [f"If we ran {AGENCIES[k]}: {v}" for k, v in value.items() if v]
    return []
