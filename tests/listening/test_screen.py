"""Tests for the safeguarding screen: a labelled set of answers plus focused behaviour tests.

The labelled set is scored as a whole (recall per category, false-positive rate per kind of
negative), so one odd record does not fail the suite but a drop below the targets does.
"""

from __future__ import annotations

import ast
import json
import math
import re
from collections import Counter
from pathlib import Path
from unittest import mock

import pytest

from voice.listening import learned
from voice.listening import screen as screen_module
from voice.listening.screen import CATEGORIES, Screening, normalise, screen

# The rules alone: a model that never flags and never overrules.
RULES_ONLY = learned.Model(0.0, {}, math.inf, -math.inf, {}, {})
HERE = Path(__file__).parent
# Every labelled set; each was written by a different author or in a different round.
ALL_SETS = sorted(HERE.glob("screen_*.jsonl"))

CASES_FILE = Path(__file__).with_name("screen_cases.jsonl")
# Written blind (before the rules were read) as an independent check of how the screen generalises:
# indirect, minimised, misspelt disclosures and hard negatives of every kind.
HOLDOUT_FILE = Path(__file__).with_name("screen_holdout.jsonl")
# A second blind batch, written before the lexicon backstop was added, in new indirect wording.
# The backstop's lexicon was written after it, so it is not a clean test of that layer.
FRESH_FILE = Path(__file__).with_name("screen_fresh.jsonl")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


CASES: list[dict] = _load(CASES_FILE)
HOLDOUT: list[dict] = _load(HOLDOUT_FILE)
POSITIVES = [c for c in CASES if c["concern"]]
NEGATIVES = [c for c in CASES if not c["concern"]]
KINDS = ("idiom", "hypothetical", "lesson", "game_or_news", "service_wish", "ordinary", "placeholder")

MIN_RECALL = 0.95
MIN_HOLDOUT_CATEGORY_RECALL = 0.90  # with ~16 answers a category, one miss is 0.94
MAX_FP_RATE = 0.10


def _hit(case: dict, result: Screening) -> bool:
    return result.concern and case["category"] in result.categories


# --- the labelled set ----------------------------------------------------------------------


def test_labelled_set_is_big_and_balanced() -> None:
    assert len(CASES) >= 320
    per_category = Counter(c["category"] for c in POSITIVES)
    per_kind = Counter(c["kind"] for c in NEGATIVES)
    assert set(per_category) == set(CATEGORIES)
    assert set(per_kind) == set(KINDS)
    assert min(per_category.values()) >= 15
    assert min(per_kind.values()) >= 15
    assert all(c["category"] is None for c in NEGATIVES)
    assert len({c["text"] for c in CASES}) == len(CASES), "duplicate texts"


def _check_targets(cases: list[dict], min_category_recall: float) -> None:
    """Recall per category and overall, false-positive rate per kind; -s prints the table."""
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    misses: list[str] = []
    fps: Counter[str] = Counter()
    kind_totals: Counter[str] = Counter()
    for case in cases:
        result = screen(case["text"])
        if case["concern"]:
            totals[case["category"]] += 1
            if _hit(case, result):
                hits[case["category"]] += 1
            else:
                misses.append(f"MISS {case['category']}: {case['text']!r} -> {result.categories}")
        else:
            kind_totals[case["kind"]] += 1
            if result.concern:
                fps[case["kind"]] += 1
                misses.append(f"FALSE ALARM {case['kind']}: {case['text']!r} -> {result.reasons}")

    print("\nrecall per category")
    for category in CATEGORIES:
        rate = hits[category] / totals[category]
        print(f"  {category:<18} {hits[category]:>3}/{totals[category]:<3} {rate:.2f}")
    print("false-positive rate per kind")
    for kind in KINDS:
        print(f"  {kind:<18} {fps[kind]:>3}/{kind_totals[kind]:<3} {fps[kind] / kind_totals[kind]:.2f}")
    for line in misses:
        print("  " + line)

    overall = sum(hits.values()) / sum(totals.values())
    assert overall >= MIN_RECALL, f"overall recall {overall:.3f}"
    for category in CATEGORIES:
        assert hits[category] / totals[category] >= min_category_recall, f"recall for {category}"
    for kind in KINDS:
        assert fps[kind] / kind_totals[kind] <= MAX_FP_RATE, f"false-positive rate for {kind}"


def test_labelled_set_meets_targets() -> None:
    """Recall per category and false-positive rate per kind; run with -s to see the table."""
    _check_targets(CASES, MIN_RECALL)


def test_holdout_set_is_big_and_balanced() -> None:
    assert len(HOLDOUT) >= 220
    positives = [c for c in HOLDOUT if c["concern"]]
    negatives = [c for c in HOLDOUT if not c["concern"]]
    per_category = Counter(c["category"] for c in positives)
    per_kind = Counter(c["kind"] for c in negatives)
    assert set(per_category) == set(CATEGORIES)
    assert set(per_kind) == set(KINDS)
    assert min(per_category.values()) >= 12
    assert min(per_kind.values()) >= 12
    assert all(c["category"] is None for c in negatives)
    assert len({c["text"] for c in HOLDOUT}) == len(HOLDOUT), "duplicate texts"


def test_holdout_set_meets_targets() -> None:
    """The same targets on the held-out set; run with -s to see the table."""
    _check_targets(HOLDOUT, MIN_HOLDOUT_CATEGORY_RECALL)


def test_fresh_set_is_big_and_balanced() -> None:
    fresh = _load(FRESH_FILE)
    assert len(fresh) >= 120
    per_category = Counter(c["category"] for c in fresh if c["concern"])
    per_kind = Counter(c["kind"] for c in fresh if not c["concern"])
    assert set(per_category) == set(CATEGORIES) and min(per_category.values()) >= 8
    assert set(per_kind) == set(KINDS) and min(per_kind.values()) >= 8
    assert len({c["text"] for c in fresh}) == len(fresh), "duplicate texts"


def test_fresh_set_recall_and_false_positives() -> None:
    """Any-concern recall >= 0.9 and false-positive rate <= 0.10 per kind on the fresh batch."""
    fresh = _load(FRESH_FILE)
    positives = [c for c in fresh if c["concern"]]
    flagged = sum(screen(c["text"]).concern for c in positives)
    assert flagged / len(positives) >= 0.90
    for kind in KINDS:
        negatives = [c for c in fresh if c["kind"] == kind]
        false_alarms = sum(screen(c["text"]).concern for c in negatives)
        assert false_alarms / len(negatives) <= MAX_FP_RATE, kind


# --- the result's shape --------------------------------------------------------------------


def test_no_concern_is_empty() -> None:
    assert screen("school is boring") == Screening(False, None, (), ())
    assert screen("") == Screening(False, None, (), ())
    assert screen("   ") == Screening(False, None, (), ())


def test_category_is_the_most_serious_of_categories() -> None:
    result = screen("my dad hits me and i want to die")
    assert result.concern
    assert result.categories[0] == result.category == "suicidal_thoughts"
    assert "physical_abuse" in result.categories
    ranks = [CATEGORIES.index(c) for c in result.categories]
    assert ranks == sorted(ranks)


def test_reasons_are_words_from_the_text() -> None:
    texts = [
        "My Dad HITS me when he's drunk",
        "i dont want to live anymore",
        "[name] touches me",
        "i’ve been cutting myself",
        "sooo hungryyy all the time at home",
        "my mum's boyfriend hits her",
    ]
    for text in texts:
        result = screen(text)
        assert result.concern, text
        assert result.reasons, text
        for reason in result.reasons:
            assert reason in text, (reason, text)
            assert 0 < len(reason) <= 80


# --- behaviour -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "my mum will kill me if I'm late",
        "I'm dying to go to the party",
        "this homework is killing me",
        "I nearly died laughing",
        "I could murder a pizza",
        "it's dead bored round here",
        "my brother always beats me at fifa",
        "hit me up if you want to play",
    ],
)
def test_idioms_do_not_flag(text: str) -> None:
    assert not screen(text).concern


@pytest.mark.parametrize(
    "text",
    [
        "if someone hurt me I would tell a teacher",
        "if anyone was being abused they should call Childline",
        "if i was being bullied i would tell my mum",
        "if someone online wants to meet up you should tell an adult",
    ],
)
def test_hypotheticals_do_not_flag(text: str) -> None:
    assert not screen(text).concern


def test_a_conditional_threat_is_not_a_hypothetical() -> None:
    assert screen("if i tell anyone my dad will hit me").concern
    assert screen("if i get home late my mum hits me").concern


@pytest.mark.parametrize(
    "text",
    [
        "we learnt about grooming in PSHE",
        "the county lines talk at school was good",
        "more lessons on online safety and sexting",
        "I kill zombies in Fortnite",
        "the film had a murder in it",
        "I saw on the news a boy got stabbed",
        "more help for people who self harm",
        "mental health support for young people",
        "stop drugs in the park",
        "police should stop drug dealers",
    ],
)
def test_lessons_games_news_and_wishes_do_not_flag(text: str) -> None:
    assert not screen(text).concern


@pytest.mark.parametrize(
    "text",
    ["nobody hits me", "my dad doesn't hit me", "i have never been bullied", "no one has ever touched me"],
)
def test_negation_cancels(text: str) -> None:
    # The rules' guard; the learned model may still ask a person to look ("my dad" alone
    # weighs towards a concern), which the design accepts: a false alarm costs less than a miss.
    assert not screen(text, RULES_ONLY).concern


def test_negation_inside_a_disclosure_still_flags() -> None:
    assert screen("I don't want to live anymore").category == "suicidal_thoughts"
    assert screen("nobody looks after me").category == "neglect"
    assert screen("i dont know why my dad hits me").concern
    assert screen("nobody knows where i am at night").category == "going_missing"


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("my dad hits me but its fine", "physical_abuse"),
        ("i cut myself sometimes but its not a big deal lol", "self_harm"),
        ("i wanna die lol but its whatever", "suicidal_thoughts"),
        ("im bullied but its ok now", "severe_bullying"),
        ("my uncle touched me when i was little but im over it", "sexual_abuse"),
    ],
)
def test_minimised_disclosure_still_flags(text: str, category: str) -> None:
    result = screen(text)
    assert result.concern and category in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("my friend's dad hits her", "physical_abuse"),
        ("my sister self harms", "self_harm"),
        ("my bestie said she wants to kill herself", "suicidal_thoughts"),
        ("my mate sells drugs for older lads", "exploitation"),
        ("my little brother is being bullied", "severe_bullying"),
        ("my friend told me her stepdad touches her", "sexual_abuse"),
    ],
)
def test_disclosure_about_a_friend_flags(text: str, category: str) -> None:
    result = screen(text)
    assert result.concern and category in result.categories


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("[name] touches me", "sexual_abuse"),
        ("[name] hits me at home", "physical_abuse"),
        ("[name] keeps asking me for nudes", "sexual_abuse"),
        ("[name] from [school] bullies me every day", "severe_bullying"),
        ("i ran away to [address]", "going_missing"),
    ],
)
def test_placeholders_do_not_hide_a_disclosure(text: str, category: str) -> None:
    result = screen(text)
    assert result.concern and category in result.categories
    assert all(r in text for r in result.reasons)


def test_placeholders_alone_do_not_flag() -> None:
    assert not screen("my name is [name] and i go to [school], call me on [phone]").concern


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("i want to kil myself", "suicidal_thoughts"),
        ("thinking about sucide", "suicidal_thoughts"),
        ("kms", "suicidal_thoughts"),
        ("i want to unalive", "suicidal_thoughts"),
        ("i self-harm", "self_harm"),
        ("i selfharm", "self_harm"),
        ("my dad hits me n my mum wen hes drunk", "physical_abuse"),
    ],
)
def test_misspellings_and_text_speak(text: str, category: str) -> None:
    result = screen(text)
    assert result.concern and category in result.categories, result


def test_domestic_abuse_is_told_apart_from_abuse_of_the_child() -> None:
    assert screen("my mums boyfriend hits her").categories == ("domestic_abuse",)
    assert screen("my dad hurts my mum").category == "domestic_abuse"
    assert "physical_abuse" in screen("my friends dad hits her").categories


def test_bullies_telling_a_child_to_kill_themselves_is_bullying() -> None:
    result = screen("they tell me to kill myself every day")
    assert result.category == "severe_bullying"


# --- hygiene -------------------------------------------------------------------------------


def test_every_rule_match_holds_one_of_the_words_the_rule_needs() -> None:
    """The word-beginning prefilter must never skip a rule that would have matched."""
    word = re.compile(r"[a-z0-9]+")
    texts = [c["text"] for c in CASES + HOLDOUT]
    for text in texts:
        norm = screen_module._Text(text).norm
        for rule, needs in screen_module._RULE_STARTS:
            for m in rule.pattern.finditer(norm):
                words = word.findall(m.group(0))
                starts = {w[:k] for w in words for k in range(2, 6)} | {"=" + w for w in words}
                assert not needs.isdisjoint(starts), (rule.pattern.pattern[:60], m.group(0), text)



@pytest.mark.parametrize("module", [screen_module, learned])
def test_module_is_pure_stdlib_and_silent(module) -> None:
    source = Path(module.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
    allowed = {"__future__", "re", "bisect", "collections", "collections.abc", "dataclasses", "functools",
               "json", "math", "random", "itertools", "pathlib", "voice.listening.learned"}
    assert imported <= allowed, imported
    calls = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert "print" not in calls


def test_screening_is_frozen() -> None:
    result = screen("my dad hits me")
    with pytest.raises(AttributeError):
        result.concern = False  # type: ignore[misc]


# --- every author's set, and the learned second opinion ----------------------------------------


def test_every_author_set_is_labelled_properly() -> None:
    assert len(ALL_SETS) >= 12
    total = 0
    for path in ALL_SETS:
        records = _load(path)
        total += len(records)
        for r in records:
            assert isinstance(r["text"], str) and r["text"].strip(), path
            if r["concern"]:
                assert r["category"] in CATEGORIES, (path, r)
            else:
                assert r["category"] is None and r["kind"] in KINDS, (path, r)
        assert len({r["text"] for r in records}) == len(records), f"duplicate texts in {path.name}"
    assert total >= 3500


def test_every_author_set_meets_targets_with_the_shipped_model() -> None:
    """The shipped model was trained on these sets, so this holds the scores rather than proving
    generalisation: bench/screen_crossval.py gives the held-out figures."""
    cases = [r for path in ALL_SETS for r in _load(path)]
    positives = [c for c in cases if c["concern"]]
    flagged = sum(screen(c["text"]).concern for c in positives)
    assert flagged / len(positives) >= 0.97
    for kind in KINDS:
        negatives = [c for c in cases if not c["concern"] and c["kind"] == kind]
        false_alarms = sum(screen(c["text"]).concern for c in negatives)
        assert false_alarms / len(negatives) <= MAX_FP_RATE, kind


def _rows(paths: list[Path]) -> list[tuple[str, bool, str | None]]:
    return [(normalise(r["text"]), r["concern"], r["category"]) for p in paths for r in _load(p)]


def test_learned_opinion_generalises_to_an_author_it_never_saw() -> None:
    """Trained without one author's set, the whole screen finds far more of that author's
    disclosures than the rules alone, and false alarms stay rare."""
    held_out = HERE / "screen_indirect.jsonl"
    model = learned.train(_rows([p for p in ALL_SETS if p != held_out]))
    records = _load(held_out)
    positives = [r for r in records if r["concern"]]
    negatives = [r for r in records if not r["concern"]]
    rules = sum(screen(r["text"], RULES_ONLY).concern for r in positives) / len(positives)
    both = sum(screen(r["text"], model).concern for r in positives) / len(positives)
    false = sum(screen(r["text"], model).concern for r in negatives) / len(negatives)
    assert rules < 0.7
    assert both >= 0.85
    assert both - rules >= 0.2
    assert false <= 0.15


def test_shipped_model_is_what_training_on_the_sets_gives() -> None:
    """The model file is reproducible from the labelled sets (`voice screen-train`)."""
    rebuilt = learned.train(_rows(ALL_SETS)).to_json()
    assert rebuilt == learned.MODEL_FILE.read_text(encoding="utf-8")


def test_a_concern_only_the_model_sees_has_a_category_and_the_childs_words() -> None:
    text = "Theres never anything in the fridge so I have toast at my mates when I can"
    assert not screen(text, RULES_ONLY).concern
    result = screen(text)
    assert result.concern and result.category in CATEGORIES
    assert result.categories == (result.category,)
    assert result.reasons
    for reason in result.reasons:
        assert reason in text


def _model(bias: float) -> learned.Model:
    shipped = learned.load_model()
    return learned.Model(bias, {}, learned.THRESHOLD, learned.VETO, shipped.category_bias,
                         shipped.category_weights)


def test_the_model_flags_only_at_its_threshold() -> None:
    text = "school is fine and the buses are ok"
    assert not screen(text, _model(learned.THRESHOLD - 0.01)).concern
    assert screen(text, _model(learned.THRESHOLD)).concern


def test_a_specific_rule_stands_whatever_the_model_says() -> None:
    sure_it_is_nothing = _model(-100.0)
    assert screen("[name] hits me at home", sure_it_is_nothing).category == "physical_abuse"
    assert screen("i want to die", sure_it_is_nothing).concern


def test_the_model_overrules_the_lexicon_backstop_only_when_sure() -> None:
    # Only the broad lexicon backstop catches this (no specific rule does).
    text = "belt marks on my back"
    assert screen(text, RULES_ONLY).concern
    only_specific_rules = mock.patch.object(screen_module, "_backstop", lambda norm, bounds: ({}, []))
    with only_specific_rules:
        assert not screen(text, RULES_ONLY).concern
    assert screen(text, _model(learned.VETO)).concern
    assert not screen(text, _model(learned.VETO - 0.01)).concern


def test_long_answers_are_scored_sentence_by_sentence() -> None:
    model = learned.load_model()
    disclosure = "he hits me when mum is out"
    padding = ("the park is nice and i like going to the shops with my friends on a saturday. "
               "the buses could be better and there should be more clubs. ")
    alone, _ = model.assess(normalise(disclosure))
    whole, _ = model.assess(normalise(padding * 3 + disclosure))
    assert whole == pytest.approx(alone)


def test_negated_words_are_marked_for_the_model() -> None:
    assert learned.stems(normalise("my dad doesn't hit me. he hits my mum")) == [
        "my", "dad", "doesnt", "!hit", "!me", "he", "hits", "my", "mum"]


def test_few_ordinary_answers_by_a_new_author_are_flagged() -> None:
    """300 everyday answers by an author none of the training sets came from (kept out of
    training: the file does not match screen_*.jsonl). The shipped screen flagged 10 (0.033)
    when they were first scored."""
    cases = _load(HERE / "heldout_ordinary.jsonl")
    assert len(cases) >= 300 and not any(c["concern"] for c in cases)
    flagged = sum(screen(c["text"]).concern for c in cases)
    print(f"\nflagged {flagged}/{len(cases)}")
    assert flagged / len(cases) <= 0.05
