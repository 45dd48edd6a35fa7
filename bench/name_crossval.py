"""Leave-one-set-out cross-validation of the anonymiser's learned name layer.

    python bench/name_crossval.py [--thresholds -1,-0.5,0,0.5,1,1.5,2] [--unseen FILE ...]

Each blind set in tests/listening (anonymise_blind*.jsonl, each written by a different author)
is held out in turn; the name model is trained on every other set (anonymise_cases.jsonl always
included), and the anonymiser with that model is scored on the held-out set at each threshold,
beside the anonymiser with no model. The rules were written with these sets in view, so this
table understates what the model adds on new writing; `--unseen FILE` also scores sets the rules
have never seen (with a model trained on every set in tests/listening). Printed: recall,
precision (all types) and the share of answers without personal data that were altered.
Deterministic; about a minute.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from voice.listening import anonymise as anon  # noqa: E402
from voice.listening import name_model  # noqa: E402

SETS = HERE.parent / "tests" / "listening"


def score(records: list[dict], model: name_model.NameModel | None,
          threshold: float | None) -> list[int]:
    """gold, gold found, predicted, predicted right, clean answers, clean answers altered."""
    if model is not None and threshold is not None:
        model = name_model.NameModel(model.bias, model.weights, threshold)
    gold = hit = pred = right = clean = altered = 0
    with name_model.using(model):
        for record in records:
            found = anon.anonymise(record["text"]).redactions
            golds = record["spans"]
            gold += len(golds)
            hit += sum(any(g["type"] == r.kind and g["start"] < r.end and r.start < g["end"]
                           for r in found) for g in golds)
            pred += len(found)
            right += sum(any(g["type"] == r.kind and g["start"] < r.end and r.start < g["end"]
                             for g in golds) for r in found)
            if not golds:
                clean += 1
                altered += bool(found)
    return [gold, hit, pred, right, clean, altered]


def table(title: str, totals: dict) -> None:
    print(f"\n{title}\n{'threshold':>10} {'recall':>8} {'precision':>10} {'clean altered':>14}")
    for t, (gold, hit, pred, right, clean, altered) in totals.items():
        label = "no model" if t is None else f"{t:g}"
        print(f"{label:>10} {hit / gold:8.3f} {right / pred:10.3f} {altered / clean:14.3f}"
              f"   ({hit}/{gold}, {right}/{pred}, {altered}/{clean})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", default="-1,-0.5,0,0.5,1,1.5,2")
    parser.add_argument("--unseen", nargs="*", type=Path, default=[])
    args = parser.parse_args(argv)
    thresholds: list[float | None] = [None, *(float(t) for t in args.thresholds.split(","))]
    always = name_model.read_sets([SETS / "anonymise_cases.jsonl"])
    sets = {p.name: name_model.read_sets([p]) for p in sorted(SETS.glob("anonymise_blind*.jsonl"))}
    totals = {t: [0] * 6 for t in thresholds}
    for held, records in sets.items():
        train = always + [r for name, rs in sets.items() if name != held for r in rs]
        model = name_model.train(train, anon.LEXICON, anon.name_candidate, 0.0)
        for t in thresholds:
            row = score(records, None if t is None else model, t)
            totals[t] = [a + b for a, b in zip(totals[t], row, strict=True)]
        print(f"{held}: done", file=sys.stderr, flush=True)
    table("Held-out blind sets (leave one set out)", totals)
    if args.unseen:
        everything = name_model.read_sets(sorted(SETS.glob("anonymise_*.jsonl")))
        model = name_model.train(everything, anon.LEXICON, anon.name_candidate, 0.0)
        records = name_model.read_sets(args.unseen)
        table(f"Unseen: {', '.join(p.name for p in args.unseen)}",
              {t: score(records, None if t is None else model, t) for t in thresholds})
    return 0


if __name__ == "__main__":
    sys.exit(main())
