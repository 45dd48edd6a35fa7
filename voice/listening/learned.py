"""A learned second opinion for the safeguarding screen.

The rules in ``screen`` are precise about what they know, but children find new ways to say
things. This module holds a small logistic-regression model over word features of the
normalised text, trained on the labelled sets in ``tests/listening`` (written by several
authors, concerns and hard negatives alike). ``screen`` asks it only when no rule matched, so a
disclosure the rules do not know can still reach the safeguarding lead.

Two models share one feature set (words with light suffix stripping, word pairs, and pairs
with one word between):

- a binary model: is this a possible concern? Its threshold is chosen by leave-one-author-out
  cross-validation (``bench/screen_crossval.py``) so that false alarms stay rare on authors it
  never saw;
- a category model (multinomial): which of the categories is it most like?

Pure Python and deterministic: ``train`` with the same rows gives the same weights, so the
shipped ``screen_model.json`` can be rebuilt and checked (``voice screen-train``).
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

__all__ = [
    "MODEL_FILE", "SPELLINGS", "THRESHOLD", "VETO", "Model", "features", "fit_logistic", "load_model",
    "read_jsonl", "read_labelled", "stem", "stems", "train", "words",
]

MODEL_FILE = Path(__file__).with_name("screen_model.json")
# Children's misspellings and text-speak, mapped to the words meant ("becos", "wud", "kms"); read
# once for the screen's normaliser and the theme layer's features.
SPELLINGS: dict[str, str] = json.loads(
    Path(__file__).with_name("spellings.json").read_text(encoding="utf-8"))
# The concern model's log-odds at or above which an answer no rule matched is flagged, and below
# which a match of the lexicon backstop alone is overruled (the model is sure it is a lesson, a
# game or an idiom).
# Both chosen by leave-one-author-out cross-validation (bench/screen_crossval.py), leaning
# towards recall: a missed disclosure costs far more than a false alarm.
THRESHOLD = 1.0
VETO = -1.0
# Long answers are also scored sentence by sentence, so one disclosing clause among ordinary
# ones is not diluted by them.
_MIN_PART_WORDS = 3

_TOKEN = re.compile(r"[a-z0-9]+|[.,!?;:\n]")
_BREAKS = frozenset(".,!?;:\n")
_SENTENCE_ENDS = frozenset(".!?;\n")
_NEGATORS = frozenset((
    "not", "never", "dont", "doesnt", "didnt", "wont", "isnt", "arent", "wasnt", "werent", "havent",
    "hasnt", "cant", "couldnt", "wouldnt", "no",
))
_SUFFIX = re.compile(r"(?:ing|ed|es|s|ly)$")


@cache
def stem(word: str) -> str:
    return _SUFFIX.sub("", word) if len(word) > 4 else word


def stems(norm: str) -> list[str]:
    """The words of normalised text, lightly stemmed; the three words after a negator, within
    its clause, are marked with "!" ("my dad doesnt hit me" has "!hit", not "hit")."""
    return _scan(norm)[0]


def words(norm: str) -> list[tuple[str, int, int]]:
    """``stems`` with each word's offsets in the normalised text (for the reasons shown)."""
    tokens = [m for m in _TOKEN.finditer(norm) if m.group(0) not in _BREAKS]
    return [(stem, m.start(), m.end()) for stem, m in zip(_scan(norm)[0], tokens, strict=True)]


def _scan(norm: str) -> tuple[list[str], list[int]]:
    """The stemmed words, and where each sentence after the first starts (an index into the
    words): after . ! ? ; or a line break, and before ", but" and "anyway"."""
    out: list[str] = []
    cuts: list[int] = []
    negated = 0
    previous = ""
    stem_of = stem
    for word in _TOKEN.findall(norm):
        if word in _BREAKS:
            negated = 0
            if word in _SENTENCE_ENDS and out and (not cuts or cuts[-1] != len(out)):
                cuts.append(len(out))
            previous = word
            continue
        if (word == "anyway" or (word == "but" and previous == ",")) and out and (
                not cuts or cuts[-1] != len(out)):
            cuts.append(len(out))
        if negated:
            out.append("!" + stem_of(word))
            negated -= 1
        else:
            out.append(stem_of(word))
        if word in _NEGATORS:
            negated = 3
        previous = word
    return out, cuts


def features(ws: Sequence[str]) -> set[str]:
    """Words, word pairs and pairs with one word between, from ``stems(norm)``."""
    f = set(ws)
    f.update([f"{a} {b}" for a, b in zip(ws, ws[1:], strict=False)])
    f.update([f"{a} _ {b}" for a, b in zip(ws, ws[2:], strict=False)])
    return f


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Model:
    """The binary concern model and the category model, with the decision threshold."""

    bias: float
    weights: Mapping[str, float]
    threshold: float
    veto: float
    category_bias: Mapping[str, float]
    category_weights: Mapping[str, Mapping[str, float]]

    def score(self, feats: set[str]) -> float:
        """The concern model's log-odds for these features."""
        return self.bias + sum(map(self.weights.get, feats, repeat(0.0))) / math.sqrt(len(feats) + 1)

    def assess(self, norm: str) -> tuple[float, set[str]]:
        """The score of normalised text: the higher of the whole answer's and of each of its
        sentences (of three words or more); with the features that scored it."""
        ws, cuts = _scan(norm)
        if not cuts:
            feats = features(ws)
            return self.score(feats), feats
        # Each sentence's features once; the whole answer's are their union plus the pairs
        # that cross a sentence break (the same set as features(ws)).
        bounds = [0, *cuts, len(ws)]
        parts = [(features(ws[a:b]), b - a) for a, b in zip(bounds, bounds[1:], strict=False)]
        feats = set().union(*(f for f, _ in parts))
        for c in cuts:
            if c >= 1 and c < len(ws):
                feats.add(f"{ws[c - 1]} {ws[c]}")
                if c + 1 < len(ws):
                    feats.add(f"{ws[c - 1]} _ {ws[c + 1]}")
            if c >= 2 and c < len(ws):
                feats.add(f"{ws[c - 2]} _ {ws[c]}")
        best = self.score(feats)
        for f, size in parts:
            if size >= _MIN_PART_WORDS:
                score = self.score(f)
                if score > best:
                    best, feats = score, f
        return best, feats

    def categories(self, feats: set[str]) -> list[tuple[float, str]]:
        """Every category with its probability, most likely first."""
        scale = 1 / math.sqrt(len(feats) + 1)
        z = {
            c: self.category_bias[c] + scale * sum(map(w.get, feats, repeat(0.0)))
            for c, w in self.category_weights.items()
        }
        top = max(z.values())
        e = {c: math.exp(v - top) for c, v in z.items()}
        total = sum(e.values())
        return sorted(((v / total, c) for c, v in e.items()), reverse=True)

    def triggers(self, ws: Sequence[tuple[str, int, int]], limit: int = 3) -> list[tuple[int, int]]:
        """Offsets of the words that pushed the score up most (a word's own weight plus half
        of each pair it is in), joined where they touch."""
        w = self.weights
        stems = [s for s, _, _ in ws]
        push = [w.get(s, 0.0) for s in stems]
        for gap, sep in ((1, " "), (2, " _ ")):
            for i in range(len(stems) - gap):
                v = w.get(stems[i] + sep + stems[i + gap], 0.0) / 2
                push[i] += v
                push[i + gap] += v
        best = set(sorted((i for i, v in enumerate(push) if v > 0), key=lambda i: -push[i])[:limit])
        spans: list[tuple[int, int]] = []
        for i in sorted(best):
            _, s, e = ws[i]
            if spans and i - 1 in best:
                spans[-1] = (spans[-1][0], e)
            else:
                spans.append((s, e))
        return spans

    def to_json(self) -> str:
        def rounded(d: Mapping[str, float]) -> dict[str, float]:
            return {k: round(v, 3) for k, v in sorted(d.items()) if round(v, 3)}

        data = {
            "bias": round(self.bias, 4),
            "threshold": self.threshold,
            "veto": self.veto,
            "weights": rounded(self.weights),
            "category_bias": rounded(self.category_bias),
            "category_weights": {c: rounded(w) for c, w in sorted(self.category_weights.items())},
        }
        return json.dumps(data, separators=(",", ":"), sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Model:
        d = json.loads(text)
        return cls(d["bias"], d["weights"], d["threshold"], d["veto"], d["category_bias"],
                   d["category_weights"])


@cache
def load_model() -> Model:
    return Model.from_json(MODEL_FILE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------
# Training (a development step; the shipped model is its output)
# ---------------------------------------------------------------------------------------

_EPOCHS = 25
_RATE = 0.3
_L2 = 1e-4
_MIN_DOCS = 2
_SEED = 1


def _kept(rows: list[tuple[set[str], object]]) -> list[tuple[list[str], object]]:
    df = Counter(k for f, _ in rows for k in f)
    return [(sorted(k for k in f if df[k] >= _MIN_DOCS), y) for f, y in rows]


def fit_logistic(rows: list[tuple[set[str], bool]], epochs: int = _EPOCHS) -> tuple[float, dict[str, float]]:
    """A logistic regression on sets of features (AdaGrad, L2, features in fewer than two rows
    dropped, each row's sum scaled by 1/sqrt(its size)); deterministic. Bias and weights."""
    data = _kept(rows)  # type: ignore[arg-type]
    w: dict[str, float] = defaultdict(float)
    g2: dict[str, float] = defaultdict(lambda: 1e-8)
    b, gb = 0.0, 1e-8
    rnd = random.Random(_SEED)
    for _ in range(epochs):
        rnd.shuffle(data)
        for f, y in data:
            scale = 1 / math.sqrt(len(f) + 1)
            g = _sigmoid(b + scale * sum(w[k] for k in f)) - (1.0 if y else 0.0)
            for k in f:
                gk = g * scale + _L2 * w[k]
                g2[k] += gk * gk
                w[k] -= _RATE * gk / math.sqrt(g2[k])
            gb += g * g
            b -= _RATE * g / math.sqrt(gb)
    return b, {k: v for k, v in w.items() if abs(v) >= 0.0005}


def _train_categories(
    rows: list[tuple[set[str], str]],
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    data = _kept(rows)  # type: ignore[arg-type]
    cats = sorted({str(y) for _, y in data})
    w: dict[str, dict[str, float]] = {c: defaultdict(float) for c in cats}
    g2: dict[str, dict[str, float]] = {c: defaultdict(lambda: 1e-8) for c in cats}
    b = dict.fromkeys(cats, 0.0)
    gb = dict.fromkeys(cats, 1e-8)
    rnd = random.Random(_SEED)
    for _ in range(_EPOCHS):
        rnd.shuffle(data)
        for f, y in data:
            scale = 1 / math.sqrt(len(f) + 1)
            z = {c: b[c] + scale * sum(w[c][k] for k in f) for c in cats}
            top = max(z.values())
            e = {c: math.exp(v - top) for c, v in z.items()}
            total = sum(e.values())
            for c in cats:
                g = e[c] / total - (1.0 if c == y else 0.0)
                wc, gc = w[c], g2[c]
                for k in f:
                    gk = g * scale + _L2 * wc[k]
                    gc[k] += gk * gk
                    wc[k] -= _RATE * gk / math.sqrt(gc[k])
                gb[c] += g * g
                b[c] -= _RATE * g / math.sqrt(gb[c])
    return b, {c: {k: v for k, v in w[c].items() if abs(v) >= 0.0005} for c in cats}


def train(
    rows: Iterable[tuple[str, bool, str | None]], threshold: float = THRESHOLD, veto: float = VETO
) -> Model:
    """Train both models on (normalised text, is a concern, category) rows."""
    binary: list[tuple[set[str], bool]] = []
    category: list[tuple[set[str], str]] = []
    for norm, concern, cat in rows:
        f = features(stems(norm))
        binary.append((f, concern))
        if concern and cat:
            category.append((f, cat))
    bias, weights = fit_logistic(binary)
    cbias, cweights = _train_categories(category)
    return Model(bias, weights, threshold, veto, cbias, cweights)


def read_jsonl(
    paths: Iterable[Path], valid: Callable[[dict], bool], needs: str
) -> list[tuple[str, dict]]:
    """Records of labelled JSON-lines files, each with where it came from ("file:line").
    ValueError names the first line that is not JSON or fails ``valid``: it ``needs`` ..."""
    records: list[tuple[str, dict]] = []
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record = None
            if not isinstance(record, dict) or not valid(record):
                raise ValueError(f"{path}:{number}: needs {needs}")
            records.append((f"{path}:{number}", record))
    return records


def read_labelled(paths: Iterable[Path]) -> list[dict]:
    """Records of labelled screening sets: ``{"text", "concern", "category"}``."""
    return [record for _, record in read_jsonl(
        paths, lambda r: isinstance(r.get("text"), str) and isinstance(r.get("concern"), bool),
        "a text and a true/false concern")]
