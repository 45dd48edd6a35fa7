"""Leave-one-author-out cross-validation of the safeguarding screen.

Each labelled set in tests/listening/screen_*.jsonl was written by a different author (or in a
different round). For each set in turn, the learned second opinion is trained on all the other
sets and the whole screen (rules, then the model where no rule matched) is scored on the set it
never saw. That is the honest estimate of how the screen does on new children's wording. The
rules were written against the first three sets (cases, holdout, fresh), so their figures there
are optimistic; the other sets were never used to write rules.

    python bench/screen_crossval.py [--thresholds 0.5 1 1.5] [--veto -1] [--show]

Prints, for the rules alone and then per threshold: recall per held-out set and per category,
and the false-positive rate per kind of hard negative, pooled over the held-out sets.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from voice.listening import learned  # noqa: E402
from voice.listening.screen import CATEGORIES, Screening, normalise, screen  # noqa: E402

SETS = sorted((ROOT / "tests" / "listening").glob("screen_*.jsonl"))
KINDS = ("idiom", "hypothetical", "lesson", "game_or_news", "service_wish", "ordinary", "placeholder")
RULE_WRITING_SETS = {"cases", "holdout", "fresh"}


def _name(path: Path) -> str:
    return path.stem.removeprefix("screen_")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thresholds", type=float, nargs="+", default=[0.5, learned.THRESHOLD, 1.5])
    parser.add_argument("--veto", type=float, default=learned.VETO)
    parser.add_argument("--show", action="store_true", help="list misses and false alarms")
    args = parser.parse_args()

    data = {_name(p): learned.read_labelled([p]) for p in SETS}
    rows = {k: [(normalise(str(r["text"])), bool(r["concern"]), r.get("category")) for r in rs]
            for k, rs in data.items()}
    # per threshold: (held-out set, record, the whole screen's result with that fold's model)
    results: dict[float, list[tuple[str, dict, Screening]]] = {th: [] for th in args.thresholds}
    for held in data:
        model = learned.train([r for k, rs in rows.items() if k != held for r in rs])  # type: ignore[misc]
        for th in args.thresholds:
            fold = replace(model, threshold=th, veto=args.veto)
            results[th].extend((held, r, screen(str(r["text"]), fold)) for r in data[held])
        print(f"  trained without {held}", file=sys.stderr)
    print(f"sets: {', '.join(f'{k} ({len(v)})' for k, v in data.items())}")
    print("rules were written against: " + ", ".join(sorted(RULE_WRITING_SETS)))
    rules_only = learned.Model(0.0, {}, math.inf, -math.inf, {}, {})
    rules = [(k, r, screen(str(r["text"]), rules_only)) for k, rs in data.items() for r in rs]
    print("\nrules alone (no learned model):")
    _report(rules, args.show)
    for th in args.thresholds:
        print(f"\nrules and the learned model, threshold {th:g}, veto {args.veto:g}:")
        _report(results[th], args.show)


def _report(results: list[tuple[str, dict, Screening]], show: bool) -> None:
    per_set: Counter[str] = Counter()
    per_set_hit: Counter[str] = Counter()
    per_cat: Counter[str] = Counter()
    per_cat_hit: Counter[str] = Counter()
    per_cat_right: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    false: Counter[str] = Counter()
    new_kinds: Counter[str] = Counter()
    new_false: Counter[str] = Counter()
    lines = []
    for held, record, result in results:
        new = held not in RULE_WRITING_SETS
        if record["concern"]:
            cat = str(record["category"])
            per_set[held] += 1
            per_set_hit[held] += result.concern
            if new:
                per_cat[cat] += 1
                per_cat_hit[cat] += result.concern
                per_cat_right[cat] += cat in result.categories
                if not result.concern:
                    lines.append(f"  MISS [{held}] {cat}: {record['text']}")
        else:
            kind = str(record.get("kind"))
            kinds[kind] += 1
            false[kind] += result.concern
            if new:
                new_kinds[kind] += 1
                new_false[kind] += result.concern
                if result.concern:
                    lines.append(f"  FALSE [{held}] {kind} {result.categories}: {record['text']}")
    new_sets = [k for k in per_set if k not in RULE_WRITING_SETS]
    n_new = sum(per_set[k] for k in new_sets)
    hit_new = sum(per_set_hit[k] for k in new_sets)
    n_neg = sum(new_kinds.values())
    f_neg = sum(new_false.values())
    print(f"  recall on sets no rule was written from {hit_new}/{n_new} = {hit_new / max(n_new, 1):.3f}; "
          f"false-positive rate there {f_neg}/{n_neg} = {f_neg / max(n_neg, 1):.3f}")
    print("  recall per set: " + "  ".join(f"{k} {per_set_hit[k] / per_set[k]:.2f}" for k in per_set))
    print("  per category (sets no rule was written from): flagged / flagged and this category named")
    for cat in CATEGORIES:
        if per_cat[cat]:
            hit, right = per_cat_hit[cat] / per_cat[cat], per_cat_right[cat] / per_cat[cat]
            print(f"    {cat:<18} {hit:.3f} / {right:.3f}"
                  f"  (n={per_cat[cat]})")
    print("  false-positive rate per kind: all sets | sets no rule was written from")
    for kind in KINDS:
        print(f"    {kind:<13} {false[kind]:>3}/{kinds[kind]:<4} {false[kind] / max(kinds[kind], 1):.3f}"
              f"  | {new_false[kind]:>3}/{new_kinds[kind]:<4} "
              f"{new_false[kind] / max(new_kinds[kind], 1):.3f}")
    if show:
        print("\n".join(lines))


if __name__ == "__main__":
    main()
