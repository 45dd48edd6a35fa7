"""Coded answers teach the theme suggester: a learned layer for one codebook.

The codebook matcher in ``theme`` works from a codebook's own words, so a new codebook needs
no code. Answers that analysts (or our labelled sets) have already coded against a codebook
say more than its descriptions can: this module trains, per theme, a small logistic regression
on words and word pairs of coded answers. ``theme`` adds a theme the model is confident about
(probability at least ``THRESHOLD``) to the matcher's suggestions, only for the codebook the
model was trained on (checked by a fingerprint of the codebook's text).

Pure Python and deterministic: ``voice theme-train`` rebuilds the shipped model from the coded
sets, and a test checks that it does.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from voice.listening.learned import SPELLINGS, fit_logistic, stem

__all__ = ["MODEL_FILE", "THRESHOLD", "CodedModel", "fingerprint", "load_model", "train"]

MODEL_FILE = Path(__file__).with_name("theme_model.json")
THRESHOLD = 0.5  # chosen by leaving one coded set out at a time (see the closing note of issue 3)

_WORD = re.compile(r"[a-z0-9]+")
_EPOCHS = 30




def features(text: str) -> set[str]:
    """Stemmed words and word pairs of an answer (apostrophes dropped, spellings mapped)."""
    ws = []
    for word in _WORD.findall(text.lower().replace("'", "").replace("’", "")):
        meant = SPELLINGS.get(word)
        if meant is None:
            ws.append(stem(word))
        else:
            ws.extend(stem(w) for w in meant.split())
    f = set(ws)
    f.update(f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False))
    return f


def fingerprint(themes: Iterable[object]) -> str:
    """A digest of a codebook's themes (names, labels, descriptions, examples)."""
    parts = []
    for t in themes:
        parts.append(json.dumps([t.name, t.label, t.description, list(t.examples)]))  # type: ignore[attr-defined]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class CodedModel:
    codebook: str  # the fingerprint of the codebook it was trained for
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # theme -> feature -> weight

    def probabilities(self, text: str) -> dict[str, float]:
        feats = features(text)
        scale = 1 / math.sqrt(len(feats) + 1)
        out = {}
        for name, w in self.weights.items():
            z = self.bias[name] + scale * sum(map(w.get, feats, repeat(0.0)))
            out[name] = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
        return out

    def to_json(self) -> str:
        data = {
            "codebook": self.codebook,
            "bias": {n: round(b, 4) for n, b in sorted(self.bias.items())},
            "weights": {n: {f: round(w, 3) for f, w in sorted(ws.items()) if round(w, 3)}
                        for n, ws in sorted(self.weights.items())},
        }
        return json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> CodedModel:
        data = json.loads(text)
        return cls(data["codebook"], data["bias"], data["weights"])


@cache
def load_model() -> CodedModel | None:
    if not MODEL_FILE.exists():
        return None
    return CodedModel.from_json(MODEL_FILE.read_text(encoding="utf-8"))


def train(rows: Sequence[tuple[str, Sequence[str]]], names: Sequence[str], codebook: str) -> CodedModel:
    """One logistic regression per theme name, on (answer, its themes) rows."""
    docs = [(features(text), frozenset(themes)) for text, themes in rows]
    bias: dict[str, float] = {}
    weights: dict[str, dict[str, float]] = {}
    for name in names:
        bias[name], weights[name] = fit_logistic([(f, name in ys) for f, ys in docs], epochs=_EPOCHS)
    return CodedModel(codebook, bias, weights)
