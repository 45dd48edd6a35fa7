"""A learned second opinion on names, for the anonymiser.

The rules in ``anonymise`` know many slots a name sits in ("me and X", "Mr X", "X said"), but
children put names everywhere, and new names arrive with every class. This module scores each
word of an answer with a small logistic regression over the word and its neighbours: its shape
(capitalised, mid-sentence), whether it is a listed first name, an everyday word or a surname,
its last letters, and the words either side. It was trained on the labelled sets in
``tests/listening`` (answers written by several authors, with names and hard negatives of every
kind), and ``anonymise`` adds a word as a name when the model is confident and no rule already
covered it. Its threshold was chosen by leave-one-set-out cross-validation
(``bench/name_crossval.py``), so it is judged on authors it never saw.

Pure Python and deterministic: training on the same rows gives the same weights
(``voice name-train`` rebuilds the shipped ``name_model.json``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from voice.listening.learned import fit_logistic, read_jsonl

MODEL_FILE = Path(__file__).with_name("name_model.json")
# The log-odds at or above which a word no rule covered is taken for a name: chosen on sets the
# rules had never seen (scored before they were read), between recall and answers altered.
THRESHOLD = -0.5
# Words: letters (any alphabet), with inner apostrophes and hyphens ("O'Connor", "Lacey-Mae").
TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")
# The same words in ASCII text, found faster (a range of letters, not a Unicode category).
_ASCII_TOKEN = re.compile(r"[A-Za-z]+(?:['\-][A-Za-z]+)*")


@dataclass(frozen=True)
class Lexicon:
    """What the anonymiser's word lists say about a lower-cased word."""

    is_name: Callable[[str], bool]
    is_common: Callable[[str], bool]
    is_surname: Callable[[str], bool]
    is_kept: Callable[[str], bool]


def _shape(word: str) -> str:
    if word.isupper():
        return "X" if len(word) > 1 else "I"
    if word[0].isupper():
        return "Xx"
    if word.islower():
        return "x"
    return "mixed"


def _starts_sentence(text: str, pos: int) -> bool:
    """Whether only spaces lie between ``pos`` and the start of the text or the end of a sentence
    (".", "!", "?" or a line break). A pattern anchored at the end would be tried at every
    position before ``pos``; this looks only at the end."""
    before = text[:pos]
    kept = before.rstrip()
    return not kept or kept[-1] in ".!?\n" or "\n" in before[len(kept) :]


def word_features(text: str, tokens: Sequence[re.Match[str]], lows: Sequence[str], i: int,
                  lex: Lexicon) -> set[str]:
    """The features of word ``i``: itself, its shape and lists, and its neighbours."""
    word, low = tokens[i].group(), lows[i]
    start = _starts_sentence(text, tokens[i].start())
    shape = _shape(word)
    name, common = lex.is_name(low), lex.is_common(low)
    surname, kept = lex.is_surname(low), lex.is_kept(low)
    f = {
        f"w={low}", f"shape={shape}", f"suf={low[-3:]}", f"start={start}",
        f"name={name}", f"common={common}", f"surname={surname}", f"kept={kept}",
        f"shape={shape}&start={start}", f"shape={shape}&name={name}&common={common}",
        f"len={min(len(low), 8)}",
    }
    if "-" in low or "'" in low or "’" in low:
        f.add("joined")
    if not word.isascii():
        f.add("accented")
    for offset, tag in ((-2, "p2"), (-1, "p1"), (1, "n1"), (2, "n2")):
        j = i + offset
        if 0 <= j < len(tokens):
            other = lows[j]
            f.add(f"{tag}={other}")
            if offset in (-1, 1):
                f.add(f"{tag}shape={_shape(tokens[j].group())}")
                f.add(f"{tag}name={lex.is_name(other)}")
                f.add(f"{tag}={other}&shape={shape}")
                gap = text[tokens[min(i, j)].end() : tokens[max(i, j)].start()]
                if gap.strip():
                    f.add(f"{tag}gap={gap.strip()[:2]}")
        else:
            f.add(f"{tag}=<none>")
    return f


def tokens_of(text: str) -> tuple[list[re.Match[str]], list[str]]:
    tokens = list((_ASCII_TOKEN if text.isascii() else TOKEN).finditer(text))
    low = text.lower().replace("’", "'")
    if len(low) == len(text):  # lower-casing kept every offset: cut the words from it at once
        return tokens, [low[t.start() : t.end()] for t in tokens]
    return tokens, [t.group().lower().replace("’", "'") for t in tokens]


@dataclass(frozen=True)
class NameModel:
    bias: float
    weights: dict[str, float]
    threshold: float

    def score(self, feats: set[str]) -> float:
        return self.bias + sum(map(self.weights.get, feats, repeat(0.0))) / math.sqrt(len(feats) + 1)

    def names(self, text: str, lex: Lexicon, candidate: Callable[[str, str], bool],
              threshold: float | None = None, listed: frozenset[str] | None = None) -> list[tuple[int, int]]:
        """Offsets of the words the model takes for names (candidates only: see ``anonymise``).
        With ``listed``, only capitalised words and those in it can be candidates, which spares
        asking ``candidate`` about every other word."""
        limit = self.threshold if threshold is None else threshold
        tokens, lows = tokens_of(text)
        if listed is None:
            asked = range(len(tokens))
        else:  # capitalised words and listed ones only: most words are neither, and cost no more
            asked = [i for i, (token, low) in enumerate(zip(tokens, lows, strict=True))
                     if low in listed or text[token.start()].isupper()]
        found = []
        for i in asked:
            token = tokens[i]
            if candidate(token.group(), lows[i]) \
                    and self.score(word_features(text, tokens, lows, i, lex)) >= limit:
                found.append((token.start(), token.end()))
        return found

    def to_json(self) -> str:
        weights = {k: round(v, 3) for k, v in sorted(self.weights.items()) if round(v, 3)}
        return json.dumps({"bias": round(self.bias, 4), "threshold": self.threshold,
                           "weights": weights}, indent=0, ensure_ascii=False) + "\n"


def training_rows(records: Iterable[dict], lex: Lexicon,
                  candidate: Callable[[str, str], bool]) -> list[tuple[set[str], bool]]:
    """One row per candidate word: its features, and whether a labelled name span covers it."""
    rows = []
    for record in records:
        text = record["text"]
        names = [(s["start"], s["end"]) for s in record["spans"] if s["type"] == "name"]
        tokens, lows = tokens_of(text)
        for i, token in enumerate(tokens):
            if not candidate(token.group(), lows[i]):
                continue
            inside = any(s < token.end() and token.start() < e for s, e in names)
            rows.append((word_features(text, tokens, lows, i, lex), inside))
    return rows


def train(records: Iterable[dict], lex: Lexicon, candidate: Callable[[str, str], bool],
          threshold: float) -> NameModel:
    bias, weights = fit_logistic(training_rows(records, lex, candidate))
    return NameModel(bias, weights, threshold)


_UNSET = object()
_override: object = _UNSET


@contextmanager
def using(model: NameModel | None) -> Iterator[None]:
    """Use ``model`` (or none) instead of the shipped one, for cross-validation and tests."""
    global _override
    before, _override = _override, model
    try:
        yield
    finally:
        _override = before


def current() -> NameModel | None:
    return load_model() if _override is _UNSET else _override  # type: ignore[return-value]


@cache
def load_model(path: Path = MODEL_FILE) -> NameModel | None:
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return NameModel(float(data["bias"]), dict(data["weights"]), float(data["threshold"]))


def read_sets(paths: Iterable[Path]) -> list[dict]:
    """Labelled anonymiser records (``{"text", "spans"}``) from JSON-lines files."""
    return [record for _, record in read_jsonl(
        paths, lambda r: isinstance(r.get("text"), str) and isinstance(r.get("spans"), list),
        '"text" and "spans"')]
