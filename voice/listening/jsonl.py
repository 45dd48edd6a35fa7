"""The listening pipeline as a command-line filter: JSON lines in, JSON lines out.

One output line per input line, in the same order, written as soon as its input line is read.
A bad line gets `{"id": …, "error": "…"}`, and the next line is processed as usual.
Output never goes to a log: it goes to stdout only, for the caller to keep or discard.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import IO, Any

from voice.listening.anonymise import anonymise
from voice.listening.screen import screen
from voice.listening.theme import Codebook, theme

MAX_TEXT = 100_000  # characters; far beyond any answer, small enough to keep memory bounded

Record = dict[str, Any]


class BadRecord(ValueError):
    def __init__(self, message: str, record_id: Any = None) -> None:
        super().__init__(message)
        self.record_id = record_id


def read_record(line: str) -> tuple[Any, str]:
    """The id and text of one input line, or BadRecord saying what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadRecord(f"not valid JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(record, dict):
        raise BadRecord('each line must be a JSON object like {"id": 1, "text": "..."}')
    record_id = record.get("id")
    if "text" not in record:
        raise BadRecord('missing "text"', record_id)
    text = record["text"]
    if not isinstance(text, str):
        raise BadRecord('"text" must be a string', record_id)
    if len(text) > MAX_TEXT:
        raise BadRecord(f'"text" is longer than {MAX_TEXT} characters', record_id)
    return record_id, text


def anonymise_record(record_id: Any, text: str) -> Record:
    result = anonymise(text)
    spans = [{"start": r.start, "end": r.end, "type": r.kind} for r in result.redactions]
    return {"id": record_id, "text": result.text, "spans": spans}


def screen_record(record_id: Any, text: str) -> Record:
    result = screen(text)
    return {"id": record_id, "concern": result.concern, "category": result.category,
            "reasons": list(result.reasons)}


def theme_processor(codebook: Codebook | None) -> Callable[[Any, str], Record]:
    def theme_record(record_id: Any, text: str) -> Record:
        result = theme(text, codebook)
        return {"id": record_id, "themes": list(result.themes),
                "sentiment": round(result.sentiment, 4), "phrases": list(result.phrases)}

    return theme_record


def run(process: Callable[[Any, str], Record], lines: Iterable[str], out: IO[str]) -> int:
    """Process every line; returns how many lines were answered with an error."""
    errors = 0
    for line in lines:
        if not line.strip():
            continue
        try:
            record_id, text = read_record(line)
            result = process(record_id, text)
        except BadRecord as error:
            result = {"id": error.record_id, "error": str(error)}
            errors += 1
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()  # streamed: the caller gets each answer as soon as it is ready
    return errors

