"""Tests for theming: a labelled set scored by micro-F1, custom codebooks, loading errors, sentiment,
emergent phrases and offline use."""

from __future__ import annotations

import json
import socket
from collections import Counter
from pathlib import Path

import pytest

from voice.listening import theme_model
from voice.listening.theme import Codebook, Theme, Theming, theme

CASES_FILE = Path(__file__).with_name("theme_cases.jsonl")
CASES: list[dict] = [
    json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()
]
DEFAULT_NAMES = (
    "feeling_safe_outdoors",
    "online_safety",
    "bullying",
    "mental_health",
    "trusted_adults",
    "school",
    "policing",
    "places_to_go",
    "transport",
    "family_and_home",
    "substances",
    "being_listened_to",
    "health_services",
    "money_and_cost",
    "other",
)


# --- the default codebook and the labelled set ---------------------------------------------


def test_default_codebook_has_the_agreed_themes() -> None:
    book = Codebook.default()
    assert tuple(t.name for t in book.themes) == DEFAULT_NAMES
    labels = {t.name: t.label for t in book.themes}
    assert labels["places_to_go"] == "Places to go and things to do"
    assert labels["substances"] == "Drugs, alcohol and vaping"
    for t in book.themes:
        if t.name == "other":
            continue
        assert t.description and t.not_
        assert 8 <= len(t.examples) <= 15, t.name
    assert Codebook.default() is book


def test_labelled_set_is_big_and_mixed() -> None:
    assert len(CASES) >= 260
    names = set(DEFAULT_NAMES) - {"other"}
    for case in CASES:
        assert set(case["themes"]) <= names, case
    assert sum(1 for c in CASES if not c["themes"]) >= 20
    assert sum(1 for c in CASES if len(c["themes"]) >= 2) >= 60
    assert {n for c in CASES for n in c["themes"]} == names


def test_micro_f1_on_labelled_set() -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for case in CASES:
        got, expected = set(theme(case["text"]).themes), set(case["themes"])
        tp.update(got & expected)
        fp.update(got - expected)
        fn.update(expected - got)
    print()
    for name in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[name] / max(tp[name] + fp[name], 1)
        r = tp[name] / max(tp[name] + fn[name], 1)
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:24s} P={p:.2f} R={r:.2f} F1={f1:.2f} (tp={tp[name]} fp={fp[name]} fn={fn[name]})")
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro = 2 * t / (2 * t + f + n)
    print(f"micro P={t / (t + f):.3f} R={t / (t + n):.3f} F1={micro:.3f}")
    assert micro >= 0.82


def test_result_shape() -> None:
    result = theme("more buses and a youth club in the village please, there is nothing to do")
    assert isinstance(result, Theming)
    assert "transport" in result.themes and "places_to_go" in result.themes
    assert 0 < len(result.themes) <= 3
    assert "other" not in result.themes
    assert -1.0 <= result.sentiment <= 1.0


def test_other_is_never_suggested() -> None:
    for case in CASES:
        assert "other" not in theme(case["text"]).themes


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_text_has_no_themes(text: str) -> None:
    result = theme(text)
    assert result.themes == ()
    assert result.phrases == ()
    assert result.sentiment == 0.0


def test_misspelt_and_text_speak_answers() -> None:
    assert "bullying" in theme("i get bulled evry day").themes
    assert "policing" in theme("the feds r always hasslin us").themes
    assert "substances" in theme("ppl vapin in the toilets").themes


def test_set_phrases_made_of_stop_words() -> None:
    assert "places_to_go" in theme("mor things to do").themes
    assert "places_to_go" in theme("somewhere to go when its raining").themes
    assert "places_to_go" in theme("theres nothing 2 do round here").themes


def test_journey_home_is_not_home_life() -> None:
    assert "family_and_home" not in theme("its scary walking home from the bus stop in the dark").themes
    assert "family_and_home" in theme("I want my dad to come home more, he works away").themes


# --- custom codebooks ----------------------------------------------------------------------

CUSTOM = {
    "themes": [
        {
            "name": "food",
            "label": "Food and meals",
            "description": "Food, meals, lunch, breakfast, snacks, being hungry, healthy eating, cooking.",
            "examples": ["better lunches", "i am hungry at school", "more fruit", "learn to cook pasta"],
            "not": "Sport and exercise.",
        },
        {
            "name": "sport",
            "label": "Sport",
            "description": "Sport and exercise: football, netball, rugby, cricket, running, teams, matches.",
            "examples": ["a rugby team for girls", "more football matches", "a running track"],
            "not": "Food and meals.",
        },
    ]
}
CUSTOM_TOML = """
[[themes]]
name = "food"
label = "Food and meals"
description = "Food, meals, lunch, breakfast, snacks, being hungry, healthy eating, cooking."
examples = ["better lunches", "i am hungry at school", "more fruit", "learn to cook pasta"]
not = "Sport and exercise."

[[themes]]
name = "sport"
label = "Sport"
description = "Sport and exercise: football, netball, rugby, cricket, running, teams, matches."
examples = ["a rugby team for girls", "more football matches", "a running track"]
not = "Food and meals."
"""


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_custom_codebook_themes_without_code_change(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"book{suffix}"
    path.write_text(CUSTOM_TOML if suffix == ".toml" else json.dumps(CUSTOM), encoding="utf-8")
    book = Codebook.load(path)
    assert [t.name for t in book.themes] == ["food", "sport"]
    assert book.themes[0].not_ == "Sport and exercise."
    assert isinstance(book.themes[0], Theme) and book.themes[0].examples[0] == "better lunches"
    assert theme("I'm always hungry because breakfast club got cancelled", book).themes == ("food",)
    assert theme("we need a netball team and more matches", book).themes == ("sport",)
    assert set(theme("healthy snacks after rugby training", book).themes) == {"food", "sport"}
    assert theme("the buses are always late", book).themes == ()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("noname.json", json.dumps({"themes": [{"label": "Food"}]}), "no name"),
        ("dup.json", json.dumps({"themes": [{"name": "a"}, {"name": "a"}]}), "duplicate"),
        ("empty.json", json.dumps({"themes": []}), "non-empty"),
        ("nothemes.toml", 'title = "x"\n', "no 'themes'"),
        ("bad.toml", "[[themes]\nname = ", "not a valid TOML"),
        ("bad.json", "{not json", "not a valid JSON"),
        ("book.yaml", "themes: []", ".toml or .json"),
        ("examples.json", json.dumps({"themes": [{"name": "a", "examples": "x"}]}), "examples"),
    ],
)
def test_load_errors_name_file_and_problem(tmp_path: Path, name: str, text: str, problem: str) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(ValueError) as excinfo:
        Codebook.load(path)
    assert str(path) in str(excinfo.value)
    assert problem in str(excinfo.value)


def test_load_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.toml"
    with pytest.raises(ValueError, match="missing.toml"):
        Codebook.load(path)


# --- sentiment and phrases -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["I love my school, the teachers are amazing and kind", "the youth club is great, really fun"],
)
def test_positive_sentiment(text: str) -> None:
    assert theme(text).sentiment > 0


@pytest.mark.parametrize(
    "text",
    ["the buses are terrible and the drivers are horrible", "school is awful and boring, I hate it"],
)
def test_negative_sentiment(text: str) -> None:
    assert theme(text).sentiment < 0


def test_sentiment_is_textblob_polarity() -> None:
    from textblob import TextBlob

    text = "The park is nice but the toilets are disgusting"
    assert theme(text).sentiment == pytest.approx(TextBlob(text).sentiment.polarity)


def test_sentiment_is_textblob_polarity_on_labelled_set() -> None:
    from textblob import TextBlob

    for case in CASES:
        assert theme(case["text"]).sentiment == TextBlob(case["text"]).sentiment.polarity, case["text"]


TRICKY_TEXTS = [
    "Mr. Smith said it's not bad... really!! (!) the U.S. is far :) but : ( and < 3",
    "I don't like it.\n\nNew para here: \"quoted\" and 'single' words, e.g. this etc. ok?!",
    "wow!!! happy:) sad:( xD XD o_O ;-) >:D <3 ♥ very very good, not really good, never ever good",
    "(brackets) [square] {curly} #tag @name $5 £5 10:30 3.5 a&e END-OF-SENTENCE http://x.com",
    "all the children which play here, both of them... “curly” ‘quotes’ and – dashes\r\nnext line",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS + [case["text"] for case in CASES[:40]])
def test_tokens_and_sentiment_match_textblob_on_tricky_text(text: str) -> None:
    from textblob import TextBlob
    from textblob.en import parser

    from voice.listening.theme import _sentences

    assert _sentences(text) == [sentence.split(" ") for sentence in parser.find_tokens(text)]
    assert theme(text).sentiment == TextBlob(text).sentiment.polarity


def test_phrases_are_lower_cased_noun_phrases_from_the_text() -> None:
    text = "More buses please, and a Climbing Wall at the Village Hall for the Choir"
    result = theme(text)
    assert "transport" in result.themes
    assert result.phrases
    for phrase in result.phrases:
        assert phrase == phrase.lower()
        assert phrase in text.lower()
    # words the suggested theme already covers are not emergent
    assert not any("bus" in phrase for phrase in result.phrases)
    assert any("choir" in phrase for phrase in result.phrases)


def test_phrases_exclude_words_of_matched_themes() -> None:
    result = theme("the skate park needs new ramps and the police keep moving us on from the skate park")
    assert {"places_to_go", "policing"} <= set(result.themes)
    assert "ramps" in result.phrases
    assert not any("park" in p or "police" in p for p in result.phrases)


def test_unthemed_answer_keeps_its_phrases() -> None:
    result = theme("I would like a bigger duck pond with swans")
    assert result.themes == ()
    assert "duck pond" in result.phrases


# --- offline -------------------------------------------------------------------------------


def test_works_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    result = theme("I don't feel safe walking home at night, we need more street lights and police")
    assert "feeling_safe_outdoors" in result.themes
    assert result.sentiment != 0 or result.phrases is not None


CODED_SETS = sorted(Path(__file__).parent.glob("theme_coded_*.jsonl"))


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _micro(cases: list[dict], codebook: Codebook | None = None) -> float:
    tp = fp = fn = 0
    for case in cases:
        got, expected = set(theme(case["text"], codebook).themes), set(case["themes"]) - {"other"}
        tp += len(got & expected)
        fp += len(got - expected)
        fn += len(expected - got)
    return 2 * tp / (2 * tp + fp + fn)


def _rows(paths: list[Path]) -> list[tuple[str, list[str]]]:
    return [(c["text"], [t for t in c["themes"] if t != "other"]) for p in paths for c in _load(p)]


def test_coded_sets_are_labelled_with_the_codebooks_themes() -> None:
    assert len(CODED_SETS) >= 3
    names = set(DEFAULT_NAMES)
    for path in CODED_SETS:
        cases = _load(path)
        assert len(cases) >= 250, path.name
        for case in cases:
            assert case["text"].strip() and set(case["themes"]) <= names, (path.name, case)


def test_coded_answers_lift_a_set_by_an_author_they_never_saw(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trained without one author's coded set, the learned layer adds what the matcher misses
    there; the matcher alone scored it 0.72."""
    held_out = next(p for p in CODED_SETS if p.name == "theme_coded_d.jsonl")
    book = Codebook.default()
    names = [t.name for t in book.themes if t.name != "other"]
    model = theme_model.train(_rows([CASES_FILE, *(p for p in CODED_SETS if p != held_out)]), names,
                              theme_model.fingerprint(book.themes))
    cases = _load(held_out)
    monkeypatch.setattr(theme_model, "load_model", lambda: None)
    matcher = _micro(cases)
    monkeypatch.setattr(theme_model, "load_model", lambda: theme_model.CodedModel.from_json(model.to_json()))
    both = _micro(cases)
    print(f"\nheld-out author: matcher {matcher:.3f}, with coded answers {both:.3f}")
    assert both >= 0.75
    assert both - matcher >= 0.03


def test_shipped_coded_model_is_what_training_gives() -> None:
    book = Codebook.default()
    names = [t.name for t in book.themes if t.name != "other"]
    rebuilt = theme_model.train(_rows([CASES_FILE, *CODED_SETS]), names, theme_model.fingerprint(book.themes))
    assert rebuilt.to_json() == theme_model.MODEL_FILE.read_text(encoding="utf-8")


def test_the_coded_layer_is_only_for_its_own_codebook() -> None:
    book = Codebook.default()
    text = "i just keep it to myself tbh"
    with_model = theme(text).themes
    changed = Codebook(tuple(
        Theme(t.name, t.label, t.description + " ", t.examples, t.not_) for t in book.themes))
    assert theme_model.fingerprint(changed.themes) != theme_model.fingerprint(book.themes)
    assert "trusted_adults" in with_model
    assert theme(text, changed).themes != with_model


def test_coded_model_probabilities_are_probabilities() -> None:
    model = theme_model.load_model()
    assert model is not None
    for text, expected in (("the police never help", "policing"), ("theres nothing to do round here",
                                                                     "places_to_go")):
        probs = model.probabilities(text)
        assert set(probs) == set(DEFAULT_NAMES) - {"other"}
        assert all(0.0 <= p <= 1.0 for p in probs.values())
        assert max(probs, key=probs.__getitem__) == expected


def test_micro_f1_on_a_held_out_author() -> None:
    """250 answers coded by an author whose answers neither the codebook nor the learned layer
    was built from (kept out of training: not theme_coded_*.jsonl). 0.768 with the matcher
    alone, 0.810 with the learned layer, when first scored."""
    cases = _load(Path(__file__).with_name("heldout_theme.jsonl"))
    assert len(cases) >= 250
    micro = _micro(cases)
    print(f"\nheld-out author micro-F1 {micro:.3f}")
    assert micro >= 0.80
