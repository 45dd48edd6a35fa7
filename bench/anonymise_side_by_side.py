"""Is the anonymiser faster or slower than at another commit? Both, side by side, in one process.

    git worktree add /tmp/voice-old <commit>      # or: git archive <commit> | tar -x -C DIR
    python bench/anonymise_side_by_side.py /tmp/voice-old [--answers 6000] [--repeats 2]

This machine is shared: a figure taken a minute apart can move by 30%. So the two versions
take turns on the same batches of 100 bench answers (see bench/listening.py), in one process,
and only CPU time is counted. It prints microseconds per answer for each detector and for the
whole of `anonymise`, old and new, and the speed-up. Comparing a tree with itself gives 1.00
within a few hundredths: that is the noise left.
"""

from __future__ import annotations

import argparse
import sys
import time
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from listening import answers  # noqa: E402

MODULES = ("learned", "name_model", "anonymise")


def load(root: Path, alias: str) -> Any:
    """The anonymiser of the tree at ``root``, imported as its own package ``alias``."""
    package = types.ModuleType(alias)
    package.__path__ = [str(root / "voice")]
    sys.modules[alias] = package
    listening = types.ModuleType(f"{alias}.listening")
    listening.__path__ = [str(root / "voice" / "listening")]
    sys.modules[f"{alias}.listening"] = listening
    for name in MODULES:
        path = root / "voice" / "listening" / f"{name}.py"
        module = types.ModuleType(f"{alias}.listening.{name}")
        module.__file__ = str(path)
        sys.modules[module.__name__] = module
        source = path.read_text(encoding="utf-8").replace("from voice.listening", f"from {alias}.listening")
        exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102 - our own source
        setattr(listening, name, module)
    return sys.modules[f"{alias}.listening.anonymise"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path, help="the other tree (a worktree or an unpacked archive)")
    parser.add_argument("--answers", type=int, default=6000)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args()
    old, new = load(args.old.resolve(), "voice_old"), load(ROOT, "voice_new")
    texts = answers(args.answers)
    for text in texts[:300]:  # warm both, as a running filter is
        old.anonymise(text)
        new.anonymise(text)
    clock = time.process_time
    spent = {(which, part): 0.0 for which in ("old", "new")
             for part in ("anonymise", *(d.__name__ for d in new.DETECTORS))}
    batch = 100
    for _ in range(args.repeats):
        for k in range(0, len(texts), batch):
            chunk = texts[k : k + batch]
            turns = (("old", old), ("new", new)) if k // batch % 2 == 0 else (("new", new), ("old", old))
            for which, module in turns:
                started = clock()
                for text in chunk:
                    module.anonymise(text)
                spent[which, "anonymise"] += clock() - started
                prepared = [module._Answer(text) for text in chunk]
                for detect in module.DETECTORS:
                    started = clock()
                    for answer in prepared:
                        list(detect(answer))
                    spent[which, detect.__name__] += clock() - started
    runs = len(texts) * args.repeats
    print(f"{len(texts)} answers, {args.repeats} times, in turns; CPU microseconds per answer\n")
    print(f"{'':22} {'old':>8} {'new':>8} {'speed-up':>9}")
    for part in ("anonymise", *(d.__name__ for d in new.DETECTORS)):
        before, after = spent["old", part] * 1e6 / runs, spent["new", part] * 1e6 / runs
        print(f"{part:22} {before:8.1f} {after:8.1f} {before / after:9.2f}")


if __name__ == "__main__":
    main()
