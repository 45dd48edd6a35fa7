"""Tests for the anonymiser: a labelled set of answers plus focused behaviour tests."""

from __future__ import annotations

import ast
import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from voice.listening import anonymise as anonymise_module
from voice.listening import learned, name_model
from voice.listening.anonymise import KINDS, Anonymised, Redaction, anonymise

CASES_FILE = Path(__file__).with_name("anonymise_cases.jsonl")
CASES: list[dict] = [
    json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines() if line.strip()
]
PLACEHOLDER = re.compile(r"\[(" + "|".join(KINDS) + r")\]")


# --- the labelled set ----------------------------------------------------------------------


def test_labelled_set_is_big_and_mixed() -> None:
    assert len(CASES) >= 340
    negatives = [c for c in CASES if c["text"] == c["expected"]]
    assert len(negatives) >= 50
    kinds = {k for c in CASES for k in PLACEHOLDER.findall(c["expected"])}
    assert kinds == set(KINDS)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_labelled_case(case: dict) -> None:
    assert anonymise(case["text"]).text == case["expected"]


def _overlaps(a: dict[str, object], b: Redaction) -> bool:
    return a["type"] == b.kind and int(a["start"]) < b.end and b.start < int(a["end"])  # type: ignore[call-overload]


def _span_metrics(
    cases: list[dict[str, object]],
) -> tuple[dict[str, tuple[int, int, int, int]], int, int]:
    """Per type: (gold, gold found, predicted, predicted correct); and records without personal
    data, and how many of those were altered at all.

    A predicted span is correct when its type matches a gold span's and the two overlap; a gold
    span is found when a predicted span of its type overlaps it.
    """
    counts = {kind: [0, 0, 0, 0] for kind in KINDS}
    clean = altered = 0
    for case in cases:
        gold: list[dict[str, object]] = case["spans"]  # type: ignore[assignment]
        result = anonymise(str(case["text"]))
        for g in gold:
            c = counts[str(g["type"])]
            c[0] += 1
            c[1] += any(_overlaps(g, r) for r in result.redactions)
        for r in result.redactions:
            c = counts[r.kind]
            c[2] += 1
            c[3] += any(_overlaps(g, r) for g in gold)
        if not gold:
            clean += 1
            altered += result.text != case["text"]
    return {k: (v[0], v[1], v[2], v[3]) for k, v in counts.items()}, clean, altered


def test_gold_spans_rebuild_the_expected_text() -> None:
    for case in CASES:
        text, pos, rebuilt = case["text"], 0, ""
        spans = sorted(case["spans"], key=lambda s: s["start"])
        for span in spans:
            assert span["type"] in KINDS and pos <= span["start"] < span["end"] <= len(text), case
            rebuilt += text[pos : span["start"]] + f"[{span['type']}]"
            pos = span["end"]
        assert rebuilt + text[pos:] == case["expected"], case


def test_metrics_meet_the_targets() -> None:
    """Span recall and precision per type and overall, and the share of clean answers altered."""
    counts, clean, altered = _span_metrics(CASES)  # type: ignore[arg-type]
    print(f"\n{'type':<10}{'gold':>6}{'found':>7}{'pred':>6}{'right':>7}{'recall':>8}{'precision':>11}")
    failures = []
    totals = [0, 0, 0, 0]
    for kind in KINDS:
        gold, found, pred, right = counts[kind]
        totals = [t + n for t, n in zip(totals, counts[kind], strict=True)]
        recall = found / gold if gold else 1.0
        precision = right / pred if pred else 1.0
        print(f"{kind:<10}{gold:>6}{found:>7}{pred:>6}{right:>7}{recall:>8.3f}{precision:>11.3f}")
        if recall < 0.9:
            failures.append(f"{kind}: recall {recall:.3f}")
    gold, found, pred, right = totals
    recall, precision = found / gold, right / pred
    share = altered / clean
    print(f"{'overall':<10}{gold:>6}{found:>7}{pred:>6}{right:>7}{recall:>8.3f}{precision:>11.3f}")
    print(f"records {len(CASES)}; without personal data {clean}, altered {altered} ({share:.3f})")
    assert not failures, failures
    assert recall >= 0.97, recall
    assert precision >= 0.90, precision
    assert share <= 0.05, share


def test_metrics_count_overlaps_by_type() -> None:
    case = {
        "text": "Jake lives at 14 Mill Lane",
        "expected": "[name] lives at [address]",
        "spans": [{"type": "name", "start": 0, "end": 4}, {"type": "address", "start": 14, "end": 26}],
    }
    counts, clean, altered = _span_metrics([case])
    assert counts["name"] == (1, 1, 1, 1) and counts["address"] == (1, 1, 1, 1)
    assert (clean, altered) == (0, 0)
    counts, clean, altered = _span_metrics(
        [{"text": "I hope so Jake", "expected": "I hope so Jake", "spans": []}]
    )
    assert counts["name"] == (0, 0, 1, 0) and (clean, altered) == (1, 1)


# --- focused behaviour ---------------------------------------------------------------------


def test_result_types_and_kinds() -> None:
    result = anonymise("email jo@example.com or ring 07700 900123")
    assert isinstance(result, Anonymised)
    assert all(isinstance(r, Redaction) for r in result.redactions)
    assert result.kinds == frozenset({"email", "phone"})
    assert anonymise("nothing personal here").kinds == frozenset()


def test_redaction_spans_point_into_original_text() -> None:
    text = "I'm Jake, email jake.s@gmail.com, 07700 900123, LN1 3AB, 14 Mill Lane, @jake_2011"
    result = anonymise(text)
    pieces = {r.kind: text[r.start : r.end] for r in result.redactions}
    assert pieces == {
        "name": "Jake",
        "email": "jake.s@gmail.com",
        "phone": "07700 900123",
        "postcode": "LN1 3AB",
        "address": "14 Mill Lane",
        "handle": "@jake_2011",
    }
    spans = [(r.start, r.end) for r in result.redactions]
    assert spans == sorted(spans)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


@pytest.mark.parametrize(("text", "expected"), [
    # Real areas, in any case and spacing.
    ("my postcode is ln13ab", "my postcode is [postcode]"),
    # An area that is not a real one, written as a postcode or where someone lives.
    ("send it to HM3 9XT please", "send it to [postcode] please"),
    ("we live at 5 Sandpiper Close hm1 6ld", "we live at [address] [postcode]"),
    ("my address is bk93qw", "my address is [postcode]"),
    # Not postcodes: ordinals after a console or a year group, impossible area letters.
    ("i got a ps4 2nd hand", "i got a ps4 2nd hand"),
    ("we live near the y7 5th form block", "we live near the y7 5th form block"),
    ("my house is QX1 2AB", "my house is QX1 2AB"),
    ("lol xb1 2gb ram", "lol xb1 2gb ram"),
])
def test_postcodes_by_shape(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A school named by where children are, with school around it or a school-shaped name.
    ("the dinner ladies at Brookfold are so kind", "the dinner ladies at [school] are so kind"),
    ("i feel safe at Ashwick Vale but not on the walk home",
     "i feel safe at [school] but not on the walk home"),
    ("Mrs Odum from Larchmere told us about it", "Mrs [name] from [school] told us about it"),
    ("the teachers at hollowby never listen", "the teachers at [school] never listen"),
    ("i moved from Oakhurst Junior to Fenby Middle", "i moved from [school] to [school]"),
    ("Westmoor Coll needs more counsellors", "[school] needs more counsellors"),
    ("when i was at fellcombe i got bullied every day", "when i was at [school] i got bullied every day"),
    ("our school is st judes and its small", "our school is [school] and its small"),
    ("i go sacred heart its alright", "i go [school] its alright"),
    # Not schools: a home town, a venue, a park, a shop, church, a lower-case ordinary word.
    ("we moved from Kharkiv and the teachers are kind", "we moved from Kharkiv and the teachers are kind"),
    ("we went to Alton Towers on the year 6 trip", "we went to Alton Towers on the year 6 trip"),
    ("people smoke at Castle Park after school", "people smoke at Castle Park after school"),
    ("we get chips at Greggs after school", "we get chips at Greggs after school"),
    ("Rosie in year 5 is mean to me at playtime", "[name] in year 5 is mean to me at playtime"),
    ("the bus from Haverhill to college is a nightmare", "the bus from Haverhill to college is a nightmare"),
    ("we go to holy trinity on sundays", "we go to holy trinity on sundays"),
    ("i was at playtime when the teacher shouted", "i was at playtime when the teacher shouted"),
    ("i was at secondary when it started", "i was at secondary when it started"),
])
def test_schools_by_where_children_are(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Listed or paired with a school, or moved from to one: a school too.
    ("they moved me from Ashdene to Greenfield High", "they moved me from [school] to [school]"),
    ("i went from rawlins to Oakfield Academy in year 8", "i went from [school] to [school] in year 8"),
    ("schools i went to: Fernbank, Hollins High and Ridgeway",
     "schools i went to: [school], [school] and [school]"),
    ("Kingsmead Academy vs Parkside", "[school] vs [school]"),
    ("moved from hba to the pru", "moved from [school] to the pru"),
    # ... not a town after its school, a shop, or a home town left for a new school.
    ("The Grange Academy, Coalville needs better toilets", "The [school], Coalville needs better toilets"),
    ("i go to Oakfield Academy and Tesco is near", "i go to [school] and Tesco is near"),
    ("i moved from Ealing to a new school", "i moved from Ealing to a new school"),
    # Said to be one's own school; its crowd and its events; a royal's possessive gone to.
    ("hvhs is my school", "[school] is my school"),
    ("Brookfield is my school and i like it", "[school] is my school and i like it"),
    ("the st marys prom was the best night", "the [school] prom was the best night"),
    ("on the St Bedes trip to france someone got lost", "on the [school] trip to france someone got lost"),
    ("the Kingsmead disco is on friday", "the [school] disco is on friday"),
    ("the ridgeway lot always start on us", "the [school] lot always start on us"),
    ("i go to King Edward's and its strict", "i go to [school] and its strict"),
    ("the BGS school council meets on friday", "the [school] council meets on friday"),
    ("at hvks we have a buddy bench", "at [school] we have a buddy bench"),
    ("im at bexmoor doing my btec", "im at [school] doing my btec"),
    # ... not an adjective before a crowd, a festival before an event, a statue, a council's initials.
    ("Maths is my favourite subject", "Maths is my favourite subject"),
    ("the popular girls said anyone who does gets the same",
     "the popular girls said anyone who does gets the same"),
    ("the scooter lads take over the skate park", "the scooter lads take over the skate park"),
    ("the Christmas disco is on friday", "the Christmas disco is on friday"),
    ("we went to Queen Victoria's statue", "we went to Queen Victoria's statue"),
    ("BCC council fixed the road", "BCC council fixed the road"),
    ("on st patricks day we wear green", "on st patricks day we wear green"),
    ("Mr Lindqvist from sweden teaches us", "Mr [name] from sweden teaches us"),
    ("year 6 get to go to PGL and i cant wait", "year 6 get to go to PGL and i cant wait"),
    ("the staff at Jobcentre Plus dont listen", "the staff at Jobcentre Plus dont listen"),
    ("we went to the beach at Margate", "we went to the beach at Margate"),
])
def test_schools_by_their_neighbours_crowds_and_events(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Homes of care named like houses, and homes on a named street of any kind.
    ("the staff at Kestrel House go through ur stuff", "the staff at [address] go through ur stuff"),
    ("moving out of Willowmere Lodge to my own place", "moving out of [address] to my own place"),
    ("when i was in Rowan House the staff were kind", "when i was in [address] the staff were kind"),
    ("i got placed in Beech Lodge when i was 15", "i got placed in [address] when i was 15"),
    ("they put me in a b&b on Station Approach", "they put me in a b&b on [address]"),
    ("we rent a house on Fern Bank", "we rent a house on [address]"),
    ("i got a room on Marsh Lane", "i got a room on [address]"),
    ("i moved to Phoenix House which is like a PRU", "i moved to [school] which is like a PRU"),
    ("the staff at Pizza House were rude", "the staff at Pizza House were rude"),
    ("i was in Gryffindor House", "i was in Gryffindor House"),
    ("a flat on the main road", "a flat on the main road"),
    # A birthday's date after "which was"; an id for something; an old account.
    ("my 18th birthday which was 5th march", "my 18th birthday which was [dob]"),
    ("my bday, that is on the 3rd of may", "my bday, that is on [dob]"),
    ("my id for the school computer is STU-88214", "my id for the school computer is [id]"),
    ("my log in for the laptops is ab-12345", "my log in for the laptops is [id]"),
    ("my user id on the school system is KJ-5521", "my user id on the school system is [id]"),
    ("my login for sparx is easy", "my login for sparx is easy"),
    ("my old snap was sxphie.m but i got hacked", "my old snap was [handle] but i got hacked"),
    ("my insta used to be lily.rose_x", "my insta used to be [handle]"),
    ("my old snap was hacked", "my old snap was hacked"),
    ("Someone on Instagram was pretending to be a girl", "Someone on Instagram was pretending to be a girl"),
])
def test_care_homes_lodgings_birthdays_ids_and_old_accounts(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


def test_text_is_rebuilt_from_spans() -> None:
    text = "my name is Olivia and my number is 07700 900123"
    result = anonymise(text)
    rebuilt, pos = "", 0
    for r in result.redactions:
        rebuilt += text[pos : r.start] + f"[{r.kind}]"
        pos = r.end
    assert rebuilt + text[pos:] == result.text


def test_overlapping_matches_are_merged() -> None:
    # The email contains a name from the list and a domain; one placeholder replaces it all.
    result = anonymise("write to olivia.smith@example.co.uk")
    assert result.text == "write to [email]"
    assert len(result.redactions) == 1


def test_helplines_are_kept() -> None:
    for text in (
        "Childline 0800 1111",
        "Samaritans 116 123",
        "text Shout 85258",
        "call 999",
        "ring 101",
        "phone 111",
        "NSPCC 0808 800 5000",
        "Mind on 0300 123 3393",
    ):
        assert anonymise(text).text == text


def test_phone_numbers_in_any_format_are_removed() -> None:
    for number in (
        "07700 900123",
        "07700900123",
        "+44 7700 900123",
        "0044 7700 900 123",
        "(01632) 960001",
        "0161 496 0000",
        "+44 (0)7700 900123",
        "07700-900-123",
    ):
        assert anonymise(f"ring {number} tonight").text == "ring [phone] tonight", number


def test_nhs_number_needs_valid_check_digit() -> None:
    assert anonymise("943 476 5919").text == "[id]"
    assert anonymise("943-476-5919").text == "[id]"
    assert anonymise("943 476 5918").text == "943 476 5918"
    assert anonymise("1234567890").text == "1234567890"


def test_spelled_out_email_is_removed() -> None:
    assert anonymise("jo dot smith at gmail dot com").text == "[email]"
    assert anonymise("email me: jake (at) hotmail (dot) co (dot) uk").text == "email me: [email]"
    assert anonymise("i was at school. then home").text == "i was at school. then home"


def test_miss_as_a_verb_is_kept() -> None:
    for text in ("I miss my dad", "i miss u", "we miss Summer", "i miss school", "I'll miss her"):
        assert anonymise(text).text == text
    assert anonymise("miss h is nice").text == "miss [name] is nice"
    assert anonymise("I told Miss Jones").text == "I told Miss [name]"


def test_names_that_are_words_are_kept_unless_after_a_title() -> None:
    for text in ("I hope so", "they will", "the old bill", "in may half term", "Mark my words"):
        assert anonymise(text).text == text
    assert anonymise("Miss Hope").text == "Miss [name]"
    assert anonymise("my cousin Grace").text == "my cousin [name]"


def test_common_names_need_capitals_unless_never_words() -> None:
    assert anonymise("Jake hit me").text == "[name] hit me"
    assert anonymise("olivia hit me").text == "[name] hit me"
    assert anonymise("a lily in the garden").text == "a lily in the garden"


def test_towns_organisations_and_brands_are_kept() -> None:
    text = (
        "Lincoln, Grantham, Skegness, Boston, Louth, Gainsborough, Sleaford, Spalding, Stamford"
        " and Market Rasen; police, NHS, CAMHS, the council, YMCA, Barnardo's, NSPCC, Childline,"
        " Samaritans; TikTok, Snapchat, Instagram, Roblox, Fortnite, YouTube, McDonald's, Tesco"
    )
    assert anonymise(text).text == text


def test_known_schools_are_removed_whatever_the_case() -> None:
    schools = ["Oakwood Primary School", "St. Mary's CE Academy"]
    assert anonymise("i go to oakwood primary school", known_schools=schools).text == "i go to [school]"
    assert anonymise("oakwood is rubbish", known_schools=schools).text == "[school] is rubbish"
    assert anonymise("st marys ce academy", known_schools=schools).text == "[school]"
    assert anonymise("the oakwoods are nice", known_schools=schools).text == "the oakwoods are nice"


def test_known_school_with_an_everyday_core_is_matched_only_in_full() -> None:
    schools = ["The Park Academy"]
    assert anonymise("we went to the park", known_schools=schools).text == "we went to the park"
    assert anonymise("I go to the park academy", known_schools=schools).text == "I go to [school]"


def test_generic_school_words_are_kept() -> None:
    for text in ("my school", "the school", "secondary school", "primary school", "high school"):
        assert anonymise(text).text == text


def test_handles_need_a_platform_or_an_at_sign() -> None:
    assert anonymise("follow @jake_2011").text == "follow [handle]"
    assert anonymise("my insta is lily.rose").text == "my insta is [handle]"
    assert anonymise("snapchat is addictive").text == "snapchat is addictive"
    assert anonymise("see you @ 4").text == "see you @ 4"


def test_links_are_removed_but_help_sites_kept() -> None:
    assert anonymise("see http://example.com/me.").text == "see [url]."
    assert anonymise("try childline.org.uk").text == "try childline.org.uk"


def test_dates_only_when_they_are_birthdays() -> None:
    assert anonymise("born on 3/4/2012").text == "born on [dob]"
    assert anonymise("on 3/4/2012 we went out").text == "on 3/4/2012 we went out"


def test_addresses_need_a_house_number_or_to_be_where_i_live() -> None:
    assert anonymise("14 Mill Lane").text == "[address]"
    assert anonymise("i live on mill lane").text == "i live on [address]"
    assert anonymise("people sell drugs on Mill Lane").text == "people sell drugs on Mill Lane"


def test_empty_and_plain_text() -> None:
    assert anonymise("") == Anonymised("", ())
    assert anonymise("   ").text == "   "
    assert anonymise("I like pizza").redactions == ()


def test_known_schools_accepts_any_iterable() -> None:
    result = anonymise("Oakwood Academy", known_schools=iter(["Oakwood Academy"]))
    assert result.text == "[school]"


def test_anonymising_twice_changes_nothing() -> None:
    # Placeholders are never taken for personal data, so the pipeline can be re-run safely.
    for case in CASES:
        assert anonymise(case["expected"]).text == case["expected"]


def _patterns_of_kind(kind: type) -> dict[str, Any]:
    """The anonymiser's patterns of one kind, by name."""
    return {name: value for name, value in vars(anonymise_module).items() if isinstance(value, kind)}


def test_patterns_run_the_quick_way_find_what_case_insensitive_ones_find() -> None:
    """The anonymiser runs its case-insensitive patterns case-sensitively over lower-cased text,
    which is quicker. On text in any case, and with accents, they must find exactly the matches,
    groups included, that the same pattern finds case-insensitively over the text as written."""
    quick = _patterns_of_kind(anonymise_module._Caseless)
    quick |= {name: gated.pattern for name, gated in _patterns_of_kind(anonymise_module._Gated).items()
              if isinstance(gated.pattern, anonymise_module._Caseless)}  # and gated ones
    assert len(quick) >= 60
    texts = [c["text"] for c in CASES]
    texts += [t.upper() for t in texts[::3]] + [t.title() for t in texts[1::3]]
    texts += [t.swapcase() for t in texts[2::3]]
    texts += ["Lives at 12 OAK ROAD, DOB 04/02/2012, SNAP: Lily.Rose_X", "St Mary's: Ciarán is 3rd May"]
    # ASCII control characters that Unicode, not ASCII, counts as spaces
    texts += [t.replace(" ", chr(0x1C + k % 4)) for k, t in enumerate(texts[:400:4])]
    assert any(not t.isascii() for t in texts)
    for name, pattern in quick.items():
        for text in texts:
            def found(matches: object) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
                return [(m.span(), m.groups()) for m in matches]  # type: ignore[attr-defined]

            assert found(pattern.finditer(text)) == found(pattern.any.finditer(text)), (name, text)
            for pos in (0, len(text) // 2):
                slow = pattern.any.search(text, pos)
                quick_one = pattern.search(text, pos)
                assert found(filter(None, [quick_one])) == found(filter(None, [slow])), (name, text)
                if slow:
                    assert pattern.match(text, slow.start()).span() == slow.span(), (name, text)


def test_patterns_run_over_a_whole_answer_the_quick_way_find_the_same_places() -> None:
    scans = _patterns_of_kind(anonymise_module._Scan)
    assert len(scans) >= 8
    texts = [c["text"] for c in CASES] + [r["text"] for r in name_model.read_sets(NAME_SETS)][::4]
    texts += [t.upper() for t in texts[::2]] + [t.title() for t in texts[1::2]]
    texts += [t.replace(" ", chr(0x1C + k % 4)) for k, t in enumerate(texts[:2000:5])]  # spaces to Unicode
    for name, scan in scans.items():
        for text in texts:
            answer = anonymise_module._Answer(text)
            quick = [m.span() for m in scan.finditer(answer)]
            assert quick == [m.span() for m in scan.any.finditer(text)], (name, text)
            assert (scan.search(answer) is None) == (not quick), (name, text)


def test_patterns_skipped_by_a_quick_look_at_a_part_of_them_miss_nothing() -> None:
    """A pattern is not run where a part of it that any match needs finds nothing. On every
    labelled answer, in any case, it must find exactly what it finds when always run."""
    gated = _patterns_of_kind(anonymise_module._Gated)
    assert len(gated) >= 8
    texts = [c["text"] for c in CASES]
    texts += [t.upper() for t in texts[::2]] + [t.title() for t in texts[1::2]]
    skipped, matched = 0, set()
    for name, pattern in gated.items():
        for text in texts:
            always = [(m.span(), m.groups()) for m in pattern.pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in pattern.finditer(text)] == always, (name, text)
            skipped += pattern.gate.search(text) is None
            if always:
                matched.add(name)
    assert skipped > len(texts)  # the quick look does spare work
    assert len(matched) >= len(gated) // 2  # and the answers hold what the patterns are for


def test_a_pattern_that_asks_for_case_is_not_run_lower_cased() -> None:
    assert anonymise_module._lower_pattern(r"(?P<Street>\S+) Road\b") == r"(?P<Street>\S+) road\b"
    with pytest.raises(ValueError):
        anonymise_module._lower_pattern(r"at (?-i:[A-Z][a-z]+)")


def test_nothing_is_printed_or_logged(
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    for case in CASES:
        anonymise(case["text"], known_schools=["Oakwood Academy"])
    out, err = capsys.readouterr()
    assert out == "" and err == ""
    assert caplog.records == []


def test_module_uses_only_the_standard_library() -> None:
    """The anonymiser and the listening modules it uses (the learned name model) import the
    standard library and each other, nothing else: pure functions on text."""
    for module in (anonymise_module, name_model, learned):
        source = Path(module.__file__).read_text(encoding="utf-8")
        imported = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module if node.module.startswith("voice") else node.module.split(".")[0])
        outside = {m for m in imported if not m.startswith("voice.listening")}
        assert {m.split(".")[0] for m in outside} <= set(sys.stdlib_module_names) | {"__future__"}, module


def test_lower_case_names_that_are_slang_or_words_are_kept() -> None:
    # "charlie" and "molly" are drug slang, "max" and "will" ordinary words: analysts need them.
    for text in ("people sell charlie at the park", "max 2 hours", "we had a barney"):
        assert anonymise(text).text == text
    assert anonymise("my friend Charlie").text == "my friend [name]"


def test_names_are_kept_out_of_shouting_and_sentence_breaks() -> None:
    assert anonymise("MY NAME IS SECRET").text == "MY NAME IS SECRET"
    assert anonymise("I told Miss. Teachers never help").text == "I told Miss. Teachers never help"
    assert anonymise("Mrs. Taylor helped").text == "Mrs. [name] helped"


def test_phone_numbers_in_words_or_mixed_are_removed() -> None:
    for number in (
        "oh seven seven double oh nine double oh one two three",
        "zero seven seven zero zero nine zero zero four five six",
        "07seven00 900 123",
        "o7700 900 222",
        "plus four four seven seven double oh nine double oh one two three",
        "+44 seven seven double oh 900 123",
    ):
        assert anonymise(f"ring me on {number} tonight").text == "ring me on [phone] tonight", number
    for text in (
        "oh my god one two three four five six seven eight nine ten",
        "we lost seven nil",
        "ring nine nine nine",
        "there are zero things to do",
    ):
        assert anonymise(text).text == text


def test_names_after_telling_and_with_words() -> None:
    assert anonymise("i got a message from Jess").text == "i got a message from [name]"
    assert anonymise("I told Ellie").text == "I told [name]"
    assert anonymise("me and soph got detention").text == "me and [name] got detention"
    assert anonymise("Brooke and Amelia left me out").text == "[name] and [name] left me out"
    assert anonymise("Ruby Taylor started it").text == "[name] started it"
    for text in ("we went from Louth to Spilsby", "I told Mum", "with Kooth", "I love Art and Drama"):
        assert anonymise(text).text == text


def test_characters_brands_and_public_figures_are_kept() -> None:
    for text in ("My favourite is Harry Potter", "people sell lost marys", "Andrew Tate videos"):
        assert anonymise(text).text == text


def test_named_houses_flats_and_one_word_streets() -> None:
    assert anonymise("we live at The Old Rectory").text == "we live at [address]"
    assert anonymise("we live in Flat 3, Victoria House").text == "we live in [address]"
    assert anonymise("my house is 56 Westgate").text == "my house is [address]"
    assert anonymise("we live at 14 The Paddocks").text == "we live at [address]"


def test_handles_on_short_platform_names_need_to_look_like_handles() -> None:
    assert anonymise("sc jake2011").text == "sc [handle]"
    assert anonymise("sc me later").text == "sc me later"
    assert anonymise("my cousins snap is tyler.j09").text == "my cousins snap is [handle]"


# --- a set written by another author, and over-redaction on thousands of answers --------------

# Written by other authors to our conventions, each scored before its misses were read:
# recall 0.912, 0.907, 0.916, 0.932, 0.960, 0.930, 0.941, 0.974, 0.952, 0.948, 0.917, 0.955, 0.924, 0.932
# (sets 1-12), then 0.865 (13), 0.916 (14), 0.905 (15), 0.944 (16), 0.868 (17), 0.922 (18), 0.932 (19),
# 0.936 (20), 0.948 (21) and 0.919 (22) (precision 0.955-0.995; each with the rules written from the sets
# before it); then 0.962 (23), 0.944 (24) and 0.870 (25), with 6.6-8.2% of their clean answers altered
# (pets' names, characters, brands), which led to the rules for those; then 0.945 (26), 0.973 (27),
# 0.968 (28), 0.950 (29), 0.908 (30), 0.900 (31), 0.935 (32), 0.966 (33), 0.933 (34), 0.952 (35) and
# 0.922 (36), then 0.972 (37) and 0.961 (38), each scored before anyone read it. Rules were then
# added from the misses and false positives of sets 1-38, so their tests hold today's figures rather
# than prove them. Sets 39-42 had no rule written from them: 0.945, 0.968, 0.962 and 0.985 (0.965
# together, precision 0.978, 2.7% of clean answers altered) were the unseen figures at the end of
# that round. Sets 43-45 (0.949, 0.898 and 0.946 when they arrived) and six more kept aside were
# written in the next round; rules were written from 39-45. Sets 46-49 arrived next (0.952 on the code
# before those rules, 0.958 after them: the rules from 39-45 carried over little), and rules were
# written from them in turn. Sets 50-53 (0.963 before the rules from 39-45, 0.966 after them) and
# 54-57 (0.899; 54 asked its author for names that are also words, in lower case) came next.
# Sets 58-68 had no rule written from them when they were measured: 58-63 were kept aside from the
# start (0.967 on the code before any rule of this round, 0.976 after the rules from 39-57), and
# 64-68 were written later (0.963, then 0.966 after the last rules from 50-57); 0.972 (2255/2321)
# together, precision 0.987, 1.5% of clean answers altered. Rules were then written from their misses
# by family of phrasing (0.973 -> 0.981 on the scorer used for the rounds, precision 0.989 -> 0.996).
BLIND_FILES = ("anonymise_blind.jsonl", "anonymise_blind2.jsonl", "anonymise_blind3.jsonl",
               "anonymise_blind4.jsonl", "anonymise_blind5.jsonl", "anonymise_blind6.jsonl",
               "anonymise_blind7.jsonl", "anonymise_blind8.jsonl", "anonymise_blind9.jsonl",
               "anonymise_blind10.jsonl", "anonymise_blind11.jsonl", "anonymise_blind12.jsonl",
               "anonymise_blind13.jsonl", "anonymise_blind14.jsonl", "anonymise_blind15.jsonl",
               "anonymise_blind16.jsonl", "anonymise_blind17.jsonl", "anonymise_blind18.jsonl",
               "anonymise_blind19.jsonl", "anonymise_blind20.jsonl", "anonymise_blind21.jsonl",
               "anonymise_blind22.jsonl", "anonymise_blind23.jsonl", "anonymise_blind24.jsonl",
               "anonymise_blind25.jsonl", "anonymise_blind26.jsonl", "anonymise_blind27.jsonl",
               "anonymise_blind28.jsonl", "anonymise_blind29.jsonl", "anonymise_blind30.jsonl",
               "anonymise_blind31.jsonl", "anonymise_blind32.jsonl", "anonymise_blind33.jsonl",
               "anonymise_blind34.jsonl", "anonymise_blind35.jsonl", "anonymise_blind36.jsonl",
               "anonymise_blind37.jsonl", "anonymise_blind38.jsonl", "anonymise_blind39.jsonl",
               "anonymise_blind40.jsonl", "anonymise_blind41.jsonl", "anonymise_blind42.jsonl",
               "anonymise_blind43.jsonl", "anonymise_blind44.jsonl", "anonymise_blind45.jsonl",
               "anonymise_blind46.jsonl", "anonymise_blind47.jsonl", "anonymise_blind48.jsonl",
               "anonymise_blind49.jsonl", "anonymise_blind50.jsonl", "anonymise_blind51.jsonl",
               "anonymise_blind52.jsonl", "anonymise_blind53.jsonl", "anonymise_blind54.jsonl",
               "anonymise_blind55.jsonl", "anonymise_blind56.jsonl", "anonymise_blind57.jsonl",
               "anonymise_blind58.jsonl", "anonymise_blind59.jsonl", "anonymise_blind60.jsonl",
               "anonymise_blind61.jsonl", "anonymise_blind62.jsonl", "anonymise_blind63.jsonl",
               "anonymise_blind64.jsonl", "anonymise_blind65.jsonl", "anonymise_blind66.jsonl",
               "anonymise_blind67.jsonl", "anonymise_blind68.jsonl")


@pytest.mark.parametrize(
    ("name", "min_recall"),
    list(zip(BLIND_FILES, (0.96, 0.96, 0.95, 0.98, 0.985, 0.965, 0.96, 0.97, 0.96, 0.95, 0.99, 0.99, 0.99,
                           0.99, 0.99, 0.98, 0.97, 0.96, 0.96, 0.975, 0.965, 0.99, 0.98, 0.99,
                           0.94, 0.99, 0.99, 0.99, 0.965, 0.935, 0.935, 0.97, 0.975, 0.965, 0.975, 0.975,
                           0.985, 0.97, 0.995, 0.995, 0.995, 0.995, 0.995, 0.995, 0.995,
                           0.995, 0.995, 0.995, 0.995,
                           0.995, 0.995, 0.975, 0.995, 0.945, 0.975, 0.955, 0.985,
                           0.995, 0.995, 0.97, 0.985, 0.99, 0.985, 0.985, 0.985, 0.96, 0.985, 0.975),
             strict=True)))
def test_sets_by_other_authors_meet_the_targets(name: str, min_recall: float) -> None:
    path = Path(__file__).with_name(name)
    cases = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) >= 200
    counts, clean, altered = _span_metrics(cases)
    gold = sum(c[0] for c in counts.values())
    found = sum(c[1] for c in counts.values())
    pred = sum(c[2] for c in counts.values())
    right = sum(c[3] for c in counts.values())
    print(f"\nrecall {found}/{gold} = {found / gold:.3f}; precision {right}/{pred} = {right / pred:.3f}; "
          f"clean altered {altered}/{clean}")
    assert found / gold >= min_recall
    assert right / pred >= 0.95
    assert altered / clean <= 0.05


def test_answers_written_without_personal_data_are_left_alone() -> None:
    """The screening sets: thousands of answers whose only personal data is already a
    placeholder. Fewer than 1% may be touched (a fictional character's name, say)."""
    texts = [
        json.loads(line)["text"]
        for path in sorted(Path(__file__).parent.glob("screen_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert len(texts) >= 3500
    altered = sum(anonymise(t).text != t for t in texts)
    print(f"\naltered {altered}/{len(texts)}")
    assert altered / len(texts) <= 0.01


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi im Tanisha and i like netball", "Hi im [name] and i like netball"),
        ("theres a girl Aaliyah who says mean stuff", "theres a girl [name] who says mean stuff"),
        ("Will said he would hurt me", "[name] said he would hurt me"),
        ("Grace my bestie moved to Leeds", "[name] my bestie moved to Leeds"),
        ("my friend Chukwuemeka is funny", "my friend [name] is funny"),
        ("me and zofia walk to school", "me and [name] walk to school"),
        ("Grace is my sister and Hope is my little sister",
         "[name] is my sister and [name] is my little sister"),
        ("my mates are Jack, Oliwia and Fatima", "my mates are [name], [name] and [name]"),
        ("and Precious said she would tell miss", "and [name] said she would tell miss"),
        ("my sister is Precious and she is 7", "my sister is [name] and she is 7"),
        ("auntie bev and uncle raj have me at weekends",
         "auntie [name] and uncle [name] have me at weekends"),
        ("love u all - Jazzy", "love u all - [name]"),
        ("everyone calls him D'Souza", "everyone calls him [name]"),
    ],
)
def test_names_from_many_countries_and_cues(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "I am Autistic and school is hard",
        "im ADHD so i cant sit still",
        "i am White British",
        "Will you help us get a skatepark",
        "Otherwise school is fine",
        "theres a boy In my class who is nice",
        "theres nothing to do",
        "I WANT TO GO TO PARIS ONE DAY",
        "we go to St Mary's church on sundays",
        "Hope is important",
        "my nan pinches me and pulls my hair",
        "I hope they build a skate park in Harlow",
        "I get called names because I'm Gypsy",
        "we won 3 - Nil",
        "my old school was better",
        "Pray for peace. Faith keeps me going",
        "Bring back the EMA",
        "I get the train in from Newhaven every day",
        "he keeps touching me and commenting on my body",
        "we live on a farm near Hexham and i feed the lambs",
        "will is going to be hard",
        "i go to mosque school after",
    ],
)
def test_who_children_say_they_are_and_ordinary_words_are_kept(text: str) -> None:
    assert anonymise(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one of the fake accounts was xx_demi_xx", "one of the fake accounts was [handle]"),
        ("tyler_2k11 on snap, thats me", "[handle] on snap, thats me"),
        ("Amira's snap is amira.x0x", "[name]'s snap is [handle]"),
        ("roblox user xXSkyWolfXx2013", "roblox user [handle]"),
        ("9-4-2014 is my birthday", "[dob] is my birthday"),
        ("I'm Mason, b. 17.08.11", "I'm [name], b. [dob]"),
        ("our house is called Rose Cottage", "our house is called [address]"),
        ("i live on Manor Farm with my grandad", "i live on [address] with my grandad"),
        ("My NHS number is 7321904482", "My NHS number is [id]"),
        ("my college student no. is CS-228104", "my college student no. is [id]"),
        ("at Leeds City College and", "at [school] and"),
        ("now I go to Brookside PRU. its better", "now I go to [school]. its better"),
        ("my email is harvey 2012 @ gmail .com", "my email is [email]"),
        ("Keisha and Demi keep posting about me", "[name] and [name] keep posting about me"),
        ("my best frend is lily she is kind", "my best frend is [name] she is kind"),
        ("me n deji n tolu go cage football", "me n [name] n [name] go cage football"),
        ("i like jess and football", "i like [name] and football"),
        ("will is my best friend and he lives next door", "[name] is my best friend and he lives next door"),
        ("nobody to talk to apart from Hope who lives next door",
         "nobody to talk to apart from [name] who lives next door"),
        ("my email is on the form - Ruby", "my email is on the form - [name]"),
        ("madison n harper r my bffs", "[name] n [name] r my bffs"),
        ("my sister goes to Little Acorns Nursery", "my sister goes to [school]"),
        ("my birthday is 17 8 2011", "my birthday is [dob]"),
        ("snap me ellabelle22 x", "snap me [handle] x"),
        ("my ULN number is 6138405972", "my ULN number is [id]"),
        ("college id BC/22/00981 ok", "college id [id] ok"),
        ("we live on hill top farm near skipton", "we live on [address] near skipton"),
    ],
)
def test_more_ways_children_write_handles_dates_houses_and_ids(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Families of phrasing for places, dates and accounts: holiday dates with a year, misspelt
    # birthday words, contact-me cues, account talk, spaced gamertags, named and old houses, where
    # a young person is housed, being on a street, church-type and street-named schools, initials
    # after aka, saints' schools in school talk.
    ("i was born on boxing day 2012 so presents get merged", "i was born on [dob] so presents get merged"),
    ("my bithday is on june 3rd", "my bithday is on [dob]"),
    ("14/07/2011 is my date of birth", "[dob] is my date of birth"),
    ("dm me on insta frostyfern if u want", "dm me on insta [handle] if u want"),
    ("hit me up on discord quietmoth", "hit me up on discord [handle]"),
    ("he keeps making new accounts, now he is s4mmy.k_9", "he keeps making new accounts, now he is [handle]"),
    ("my gamertag is Lazy Otter 42 add me", "my gamertag is [handle] add me"),
    ("my grandads house The Old Smithy has a huge garden", "my grandads house [address] has a huge garden"),
    ("we live in the old vicarage next to the church", "we live in [address] next to the church"),
    ("my aunties house is bramble cottage by the river", "my aunties house is [address] by the river"),
    ("the hostel on Gasworks Lane has rats", "the hostel on [address] has rats"),
    ("im on Foxley Road now with my mum", "im on [address] now with my mum"),
    ("we are staying at the Old Granary for now", "we are staying at [address] for now"),
    ("Saint Wilfrid C of E let us have a disco", "[school] let us have a disco"),
    ("i go to pond lane juniors and i like it", "i go to [school] and i like it"),
    ("my old school was Fernside Academy aka FSA", "my old school was [school] aka [school]"),
    ("st oswalds is so strict about shoes", "[school] is so strict about shoes"),
    ("bishop harkness gave us detention for nothing", "[school] gave us detention for nothing"),
])
def test_places_dates_and_accounts_by_their_phrasing(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    # hard negatives for the rules above: a holiday without a year, a description of a house or
    # road, a town with a saint's name, a saint's day, "the bishop", accounts counted
    "we went to the market on boxing day and it was packed",
    "my baby brother was born at the hospital",
    "my gamertag is something my brother made up",
    "the bus goes down the main road past the chippy",
    "my cousin lives in Bury St Edmunds now",
    "i live in the old house at the end of the village",
    "on st patricks day we wear green at school",
    "the bishop came to our school and the teachers were nervous",
    "we walk past the high street school every day",
    "i have 2 accounts and my mum checks them",
    "my house is a tiny cottage in the middle of nowhere",
    "we had lunch near the Chicken Cottage then went home",
])
def test_places_dates_and_accounts_look_alikes_are_kept(text: str) -> None:
    assert anonymise(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DC Hargreaves took my statement", "DC [name] took my statement"),
        ("my mate smithy got nicked", "my mate [name] got nicked"),
        ("we went round Kemi's house", "we went round [name]'s house"),
        ("Will will tell you", "[name] will tell you"),
        ("Dawn from the council rang me", "[name] from the council rang me"),
        ("Summer is in my class", "[name] is in my class"),
        ("address: Holly Barn, Mill Lane, Anstey", "address: [address], Anstey"),
        ("Orchard House, near Wragby, LN8 5AB", "[address], near Wragby, [postcode]"),
        ("living at Room 2, Park House Hostel", "living at [address]"),
        ("I did my degree at Mercia Metropolitan University", "I did my degree at [school]"),
        ("my traineeship is with Jones Training", "my traineeship is with [school]"),
        ("born on the fourth of July two thousand and nine", "born on [dob]"),
        ("email me at www.lilydraws.co.uk", "email me at [url]"),
    ],
)
def test_ranks_nicknames_address_lines_providers_and_spoken_dates(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "PC World was shut",
        "she is my friend from Shenzhen",
        "we moved here from Eritrea",
        "they sell a panini for £3",
        "Ray of sunshine is my dog",
        "I waited at A&E for 9 hours",
        "Kind Regards, Year 11 council",
        "the lack of sixth form provision",
        "Room 12 is always cold",
        "I did Forklift Training at work",
        "the Adult Learning Centre",
        "I'm doing Functional Skills maths",
        "Jamie Vardy came to our school",
        "the bus from Great Glen is late",
    ],
)
def test_places_things_and_public_figures_are_kept(text: str) -> None:
    assert anonymise(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jack and me walk home together", "[name] and me walk home together"),
        ("Summer and I fell out", "[name] and I fell out"),
        ("mo and yusuf are my best mates", "[name] and [name] are my best mates"),
        ("ruby has been my best friend since year 2", "[name] has been my best friend since year 2"),
        ("jade my bestie moved to leeds", "[name] my bestie moved to leeds"),
        ("my cousin drew has been bullied online", "my cousin [name] has been bullied online"),
        ("Khan pushed me in the lunch queue", "[name] pushed me in the lunch queue"),
        ("hughes told everyone my secret", "[name] told everyone my secret"),
        ("call me on oh seven nine double one two three four five six seven eight",
         "call me on [phone]"),
        ("my mums mobile is 07700 nine hundred 123. oh no", "my mums mobile is [phone]. oh no"),
        ("Old Mill Farm LN4 2QT", "[address] [postcode]"),
        ("brookfield way academy is too strict", "[school] is too strict"),
        ("kids at parkside get away with everything", "kids at [school] get away with everything"),
        ("nobody at st. josephs high cares", "nobody at [school] cares"),
        ("in yr7 at westfield i got bullied", "in yr7 at [school] i got bullied"),
        ("im in year 8 at brookvale high its rubbish", "im in year 8 at [school] its rubbish"),
        ("Ruby Taylor 12/06/2011 Oakfield Primary", "[name] [dob] [school]"),
        ("my name is Kian Lewis, 3rd May 2010", "my name is [name], [dob]"),
        ("I told Mrs Shah 12/03/2024 what happened", "I told Mrs [name] 12/03/2024 what happened"),
    ],
)
def test_word_names_surnames_spoken_slips_house_lines_bare_schools_and_form_dates(
    text: str, expected: str
) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "art and me dont really get on",
        "maths and english are hard",
        "in summer my friend came to stay",
        "will my friend find out",
        "my mum rose early to go to work",
        "Brown is my favourite colour",
        "people at skegness were rude",
        "everyone at karate is kind",
        "people at st johns church help us",
        "people at bradgate park are nice",
        "we went shopping at lincoln high street",
        "finished on 20 June and I was stressed",
        "my favourite character is Olaf",
        "the characters are Anna and Elsa",
        "we learned about Henry VIII and Anne Boleyn",
        "Henry the eighth had six wives",
        "Queen Victoria was on the throne for ages",
        "i dressed up as Moana for world book day",
        "my little brother loves Pikachu and Bluey",
        "we did a project on Winston Churchill",
    ],
)
def test_word_names_places_characters_and_history_are_kept(text: str) -> None:
    assert anonymise(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("may took my pencil case and hid it", "[name] took my pencil case and hid it"),
        ("drew drew on my book", "[name] drew on my book"),
        ("i hope grace gets well soon", "i hope grace gets well soon"),
        ("we hope hope gets the part", "we hope [name] gets the part"),
        ("rose keeps calling me names", "[name] keeps calling me names"),
        ("Destiny is mean to me at lunch", "[name] is mean to me at lunch"),
        ("Summer always stands up for me", "[name] always stands up for me"),
        ("joy is leaving our class", "[name] is leaving our class"),
        ("i hate ivy she says im weird", "i hate [name] she says im weird"),
        ("bronwen calls me a snitch", "[name] calls me a snitch"),
        ("kacper in my form always copies me", "[name] in my form always copies me"),
        ("Oluwaseun keeps messaging me at night", "[name] keeps messaging me at night"),
        ("Chinonso said it was me", "[name] said it was me"),
        ("may from my placement said i did well", "[name] from my placement said i did well"),
        ("Faith got bullied cos she wears glasses", "[name] got bullied cos she wears glasses"),
    ],
)
def test_a_name_as_the_subject_of_what_only_a_person_does(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "hope is all we have",
        "faith keeps me going",
        "will it be safe",
        "mark my words",
        "grace before meals",
        "joy is what i feel",
        "summer is the best",
        "will took ages to come",
        "hope is important to me",
        "summer is leaving us soon",
        "Sunny days always cheer me up",
        "Evryone keeps texting me",
        "Someone keeps messaging me",
        "teachers in my class always shout",
        "i will will myself to do it",
        "we had to say grace before lunch",
        "we went kayaking on the river Avon",
        "my cousin lives in kings lynn",
        "henry viii had six wives",
        "i used Talk to Frank for advice",
        "we went to Frankie & Benny's after",
        "my youtube chanel has 10 subs",
    ],
)
def test_words_doing_what_words_do_are_kept(text: str) -> None:
    assert anonymise(text).text == text


# --- the learned name model ------------------------------------------------------------------


NAME_SETS = sorted(Path(__file__).parent.glob("anonymise_*.jsonl"))


def test_shipped_name_model_is_what_training_on_the_sets_gives() -> None:
    """`voice name-train tests/listening/anonymise_*.jsonl` rebuilds the shipped file exactly."""
    rebuilt = name_model.train(name_model.read_sets(NAME_SETS), anonymise_module.LEXICON,
                               anonymise_module.name_candidate, name_model.THRESHOLD)
    assert rebuilt.to_json() == name_model.MODEL_FILE.read_text(encoding="utf-8")


def test_the_name_model_cuts_ascii_answers_into_the_same_words_the_quick_way() -> None:
    texts = [r["text"] for r in name_model.read_sets(NAME_SETS) if r["text"].isascii()]
    texts += ["o'neil's step-dad_2 x-'y  a--b 'c' d'", "ABC-def'GH 9am"]
    assert len(texts) > 10000
    for text in texts:
        assert [m.span() for m in name_model._ASCII_TOKEN.finditer(text)] == \
            [m.span() for m in name_model.TOKEN.finditer(text)], text


@pytest.mark.parametrize(("text", "expected"), [
    ("i sit next to Tafadzwa in maths", "i sit next to [name] in maths"),
    ("i sat next to grace on the coach", "i sat next to [name] on the coach"),
    ("we sat next to Tesco to wait for the bus", "we sat next to Tesco to wait for the bus"),
])
def test_a_person_sat_next_to_is_named(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Dobromir from my street always helps me", "[name] from my street always helps me"),
    ("in maths Tafadzwa helps me", "in maths [name] helps me"),
    ("Oleksiy and Dmytro are the best", "[name] and [name] are the best"),
])
def test_the_name_model_finds_names_no_rule_knows(text: str, expected: str) -> None:
    with name_model.using(None):
        assert anonymise(text).text == text  # the rules alone miss these
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    "we went to Skegness and it was great",
    "Nobody listens in Bramford",
    "The Co-op on the corner sells vapes to kids",
    "my favourite character is Olaf",
    "we learned about Henry VIII and Anne Boleyn",
    "my friend will help me if i ask",
])
def test_the_name_model_goes_through_the_rules_checks(text: str) -> None:
    """Places, shops, characters, history and word-names stay, model or not."""
    assert anonymise(text).text == text


def test_with_no_model_file_the_rules_work_alone(tmp_path: Path) -> None:
    assert name_model.load_model(tmp_path / "missing.json") is None
    with name_model.using(None):
        assert anonymise("Mr Okafor helped me").text == "Mr [name] helped me"


@pytest.mark.parametrize(("text", "expected"), [
    # Names that are also words, in a slot only a person fills; the words themselves stay.
    ("joy in my tutor group keeps laughing at me", "[name] in my tutor group keeps laughing at me"),
    ("June in year 8 has a new baby brother", "[name] in year 8 has a new baby brother"),
    ("summer in year 6 was the best", "summer in year 6 was the best"),
    ("rose and her cousins wait for me", "[name] and her cousins wait for me"),
    ("grace is the girl who helped me", "[name] is the girl who helped me"),
    ("hope is the only thing that keeps me going", "hope is the only thing that keeps me going"),
    ("Hope got her bike stolen", "[name] got her bike stolen"),
    ("faith got her through it", "faith got her through it"),
    ("we sat with jack and rose at lunch", "we sat with [name] and [name] at lunch"),
    ("my friends mark and jack came round", "my friends [name] and [name] came round"),
    ("my friends hope and pray for me", "my friends hope and pray for me"),
    ("my mentor at college is called Grace", "my mentor at college is called [name]"),
    ("my family support worker is Joy", "my family support worker is [name]"),
    ("my nan calls me Bubbles", "my nan calls me [name]"),
    ("they call me Stupid", "they call me Stupid"),
    ("people keep saying stuff about Hope online", "people keep saying stuff about [name] online"),
    ("holly bushes in the park ripped my joggers", "holly bushes in the park ripped my joggers"),
    ("i like it when mark plays with me", "i like it when [name] plays with me"),
    ("when summer comes we go out", "when summer comes we go out"),
])
def test_names_that_are_words_in_a_persons_slot(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A virtue or blessing given as a name, after a singular relation word, in any case.
    ("my nan patience lives in harare", "my nan [name] lives in harare"),
    ("my uncle Favour picks me up on fridays", "my uncle [name] picks me up on fridays"),
    ("aunty mercy does my hair", "aunty [name] does my hair"),
    ("my mum comfort me when i cry", "my mum comfort me when i cry"),
    ("my mates comfort me when im sad", "my mates comfort me when im sad"),
    ("i need peace and quiet to revise", "i need peace and quiet to revise"),
    # A relation word misspelt: a known slip, or one letter off.
    ("my little bruther kai breaks my stuff", "my little bruther [name] breaks my stuff"),
    ("her boyfrend reece shouts at her", "her boyfrend [name] shouts at her"),
    ("my cuzin jack lives with us", "my cuzin [name] lives with us"),
    ("my neighbours dog barks all night", "my neighbours dog barks all night"),
    ("my bother is annoying", "my bother is annoying"),
])
def test_virtue_names_and_misspelt_relation_words(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A name by the job or role around it.
    ("my team leader Grace is really fair", "my team leader [name] is really fair"),
    ("Rose the shift lead let me go early", "[name] the shift lead let me go early"),
    ("so jack my support worker is helping me", "so [name] my support worker is helping me"),
    ("and will my mum be ok", "and will my mum be ok"),
    ("the team leader said no", "the team leader said no"),
    ("PCSO k came to our school", "PCSO [name] came to our school"),
    ("my pc n laptop are broken", "my pc n laptop are broken"),
    ("mrs c the dinner lady is kind", "mrs [name] the dinner lady is kind"),
    ("i had to ask sir a question", "i had to ask sir a question"),
    ("we will tell miss u hit us", "we will tell miss u hit us"),
    # "Big" or "Little" before a name: a nickname anywhere.
    ("if Big Tommo is out i stay in", "if [name] is out i stay in"),
    ("ngl little sam from the flats is scary", "ngl [name] from the flats is scary"),
    ("we saw Big Ben in london", "we saw Big Ben in london"),
    ("i got a little hope back", "i got a little hope back"),
    ("a man sells the Big Issue outside", "a man sells the Big Issue outside"),
    # A family by its surname, lived or placed with.
    ("i stayed with the Hendersons for a year", "i stayed with the [name] for a year"),
    ("we went camping with the Scouts", "we went camping with the Scouts"),
    # A titled name that is a show.
    ("we watched Mrs Brown's Boys at christmas", "we watched Mrs Brown's Boys at christmas"),
    ("Mr Khan told me off", "Mr [name] told me off"),
])
def test_roles_nicknames_families_and_shows(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # Two names that are words, said to be related (any relation word in the plural) or doing
    # something to the writer; a list of people after "me" starting a sentence.
    ("Rose and Daisy are my half sisters", "[name] and [name] are my half sisters"),
    ("bill and pat are my grandparents", "[name] and [name] are my grandparents"),
    ("Hope and Joy were my foster sisters", "[name] and [name] were my foster sisters"),
    ("sky and storm are brothers in year 4", "[name] and [name] are brothers in year 4"),
    ("mark and bill ignored me all day", "[name] and [name] ignored me all day"),
    ("jade and ruby blocked me on snap", "[name] and [name] blocked me on snap"),
    ("me ruby and jade went to the park", "me [name] and [name] went to the park"),
    ("Summer and Autumn are my favourite seasons", "Summer and Autumn are my favourite seasons"),
    ("rose and daisy are my favourite flowers", "rose and daisy are my favourite flowers"),
    ("lily and rose are my nans fave flowers", "lily and rose are my nans fave flowers"),
    ("Holly and ivy grow up the fence", "Holly and ivy grow up the fence"),
    ("hope and faith helped me get through it", "hope and faith helped me get through it"),
    ("me tea and toast is all i have", "me tea and toast is all i have"),
    # A name that is a word opening a sentence as a person: from a group, then a deed; "the one that".
    ("Joy from the after school club helped us", "[name] from the after school club helped us"),
    ("hope from year 9 messaged me", "[name] from year 9 messaged me"),
    ("will from the football team picked me", "[name] from the football team picked me"),
    ("Faith was the one that listened to me", "[name] was the one that listened to me"),
    ("hope from now on things get better", "hope from now on things get better"),
    ("May from the 1st is when it starts", "May from the 1st is when it starts"),
    ("hope was the one thing that kept me going", "hope was the one thing that kept me going"),
])
def test_word_names_coordinated_or_from_a_group(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize(("text", "expected"), [
    # A name (a word, a modal or no listed name) after a relation word or an owned job, before
    # what a person does; a modal or an everyday word there is kept.
    ("my boss will said if i go off sick im out", "my boss [name] said if i go off sick im out"),
    ("my supervisor grace is the best", "my supervisor [name] is the best"),
    ("our shift manager dean told me off", "our shift manager [name] told me off"),
    ("uncle des gets drunk and shouts", "uncle [name] gets drunk and shouts"),
    ("my mum shelly sed i can go", "my mum [name] sed i can go"),
    ("my manager will not let me", "my manager will not let me"),
    ("my boss will sack me", "my boss will sack me"),
    ("my nan makes cakes", "my nan makes cakes"),
    ("my mum literally said no", "my mum literally said no"),
    ("my dad fella has a van", "my dad fella has a van"),
    # People listed with "me" (a chain of "and", a modal, a name that is a word), or after "with".
    ("me and ivy are going to the park", "me and [name] are going to the park"),
    ("me and willow made a den", "me and [name] made a den"),
    ("me, will and jack go to the youth club", "me, [name] and [name] go to the youth club"),
    ("me and jack and will wos playing", "me and [name] and [name] wos playing"),
    ("i go to the club with ray and denise", "i go to the club with [name] and [name]"),
    ("we made wreaths with holly and ivy", "we made wreaths with holly and ivy"),
    ("she was filled with hope and joy", "she was filled with hope and joy"),
    ("me and my mum went shopping", "me and my mum went shopping"),
    # Greeting, then who is writing; misspelt words after a pronoun or an owner are no names.
    ("hi im ruby and i live here", "hi im [name] and i live here"),
    ("hiya i'm holly", "hiya i'm [name]"),
    ("hi im bored", "hi im bored"),
    ("it maks me feel rubish", "it maks me feel rubish"),
    ("he maks maths fun", "he maks maths fun"),
])
def test_word_names_after_a_relation_a_job_me_with_or_a_greeting(text: str, expected: str) -> None:
    assert anonymise(text).text == expected

@pytest.mark.parametrize(("text", "expected"), [
    # speaking, however it is spelt
    ("holly sed i cant sit with her", "[name] sed i cant sit with her"),
    ("Storm said there was a fight after school", "[name] said there was a fight after school"),
    ("and amber sez im a liar", "and [name] sez im a liar"),
    # doing something to someone
    ("grace pushed me in the line", "[name] pushed me in the line"),
    ("tazz pushed me of the climbing frame", "[name] pushed me of the climbing frame"),
    ("and then rose pushd me over", "and then [name] pushd me over"),
    ("okonkwo sed i was lying", "[name] sed i was lying"),
    ("Rose stopped talking to me after the party", "[name] stopped talking to me after the party"),
    ("dawn woke us all up at 6", "[name] woke us all up at 6"),
    # the name played on: the word again later
    ("penny found a penny in the playground", "[name] found a penny in the playground"),
    ("faith goes to a faith school now", "[name] goes to a faith school now"),
    ("chase likes to chase us at break", "[name] likes to chase us at break"),
])
def test_a_word_name_that_speaks_or_acts_on_someone(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    "hope keeps me going",
    "faith helps me a lot when things are bad",
    "hope made me feel better",
    "summer came early this year",
    "summer came round again and we went to the beach",
    "bill went up again and mum is stressed",
    "may came quickly and then it was exams",
    "rose grew in the garden",
    "sky went dark and it started to rain",
    "amber went to red so we stopped",
    "joy filled my heart at the concert",
])
def test_a_word_that_acts_without_a_person_is_kept(text: str) -> None:
    assert anonymise(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    # a pair said by "are" to be a relation, a class, "the boys who", or doing something
    ("april and may are in year 8 with me", "[name] and [name] are in year 8 with me"),
    ("ruby and jade r my best mates", "[name] and [name] r my best mates"),
    ("hope and grace are my little cuzzins", "[name] and [name] are my little cuzzins"),
    ("faith and joy are the girls who bully me", "[name] and [name] are the girls who bully me"),
    ("at break zofia and kacper were laughing at me", "at break [name] and [name] were laughing at me"),
    ("will and rose are going out now", "[name] and [name] are going out now"),
    ("pete and rob were swearing at us", "[name] and [name] were swearing at us"),
    ("Amber and Jade are always at the park", "[name] and [name] are always at the park"),
])
def test_a_pair_said_to_be_people(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    "summer and autumn are my favourite seasons",
    "may and june are the best months",
    "hope and faith are important to me",
    "fish and chips are always nice",
    "maths and english are boring",
    "lily and rose are my mums fave flowers",
    "summer and winter are going too fast",
    "salt and pepper are my favourite",
])
def test_a_pair_of_words_is_kept(text: str) -> None:
    assert anonymise(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    # a guest at one's home or party
    ("summer came round mine after school", "[name] came round mine after school"),
    ("joy slept over at my house", "[name] slept over at my house"),
    ("grace comes to my party every year", "[name] comes to my party every year"),
    # what only a person does or is
    ("amber was being horrible to me", "[name] was being horrible to me"),
    ("robin always waits for me", "[name] always waits for me"),
    ("till summer started spreading stuff about me", "till [name] started spreading stuff about me"),
    ("if jack does that again im telling", "if [name] does that again im telling"),
    ("when jade fell over she cut her knee", "when [name] fell over she cut her knee"),
    ("sky is my littel sister", "[name] is my littel sister"),
    ("lily-rose cried at break", "[name] cried at break"),
    ("its jack from year 9 who hits me", "its [name] from year 9 who hits me"),
    ("Sky (she/her) is in my form", "[name] (she/her) is in my form"),
    ("O'Neill in year 9 took my bag", "[name] in year 9 took my bag"),
])
def test_a_word_name_by_what_only_a_person_does(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    "summer came round again",
    "christmas came to my house early",
    "joy never lasts",
    "crystal was shiny",
    "if hope dies we lose",
    "the robin follows me home",
    "see you at 5 o'clock",
    "DanTDM is my favourite youtuber",
    "sam smith is the best singer ever",
    "i hate influencers like molly mae",
    "we were watching peaky blinders and tommy shelby is so cool",
])
def test_words_and_the_famous_are_kept(text: str) -> None:
    assert anonymise(text).text == text


def test_a_friend_who_is_a_favourite_singer_is_a_person() -> None:
    assert anonymise("Jade Smith is my favourite singer in our choir").text == \
        "[name] is my favourite singer in our choir"



@pytest.mark.parametrize(("text", "expected"), [
    # Short forms of roles used like relation words, and a role some words before "is".
    ("my iro pat is nice", "my iro [name] is nice"),
    ("my kw joy helps me", "my kw [name] helps me"),
    ("my fc grace still lets me come round", "my fc [name] still lets me come round"),
    ("my social worker is mark and he is ok", "my social worker is [name] and he is ok"),
    ("my sw is rubbish", "my sw is rubbish"),
    ("our class rep is useless", "our class rep is useless"),
    # Nicknames given by people, or said with where the name is used; votes for a person.
    ("they call him Tank", "they call him [name]"),
    ("we all call her Peanut", "we all call her [name]"),
    ("my name in my family is Bug", "my name in my family is [name]"),
    ("my nickname from year 7 was Noodle", "my nickname from year 7 was [name]"),
    ("they call me Stupid", "they call me Stupid"),
    ("my name on the system is spelt wrong", "my name on the system is spelt wrong"),
    ("vote Ruby for head girl", "vote [name] for head girl"),
    ("pls vote for me, Amber", "pls vote for me, [name]"),
    ("vote for hope not hate", "vote for hope not hate"),
    # A titled person with a place in the child's own school; public figures kept.
    ("Lady Ashby was the head of the trust", "Lady [name] was the head of the trust"),
    ("Mr Bean is our new maths teacher", "Mr [name] is our new maths teacher"),
    ("I met Lord Sugar once", "I met Lord Sugar once"),
    ("Mr Bean is so funny", "Mr Bean is so funny"),
])
def test_role_short_forms_nicknames_votes_and_titles(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    "daisies and poppies grow in our garden",
    "and 5 kids said it was unfair",
    "we learned about countries like Peru and Chile",
    "films like Inside Out and Frozen are the best",
    "we talked about Elsa from the film",
    "my idol Taylor Swift",
    "we watched toy story and Woody is my favourite",
])
def test_plurals_countries_titles_and_public_figures_are_kept(text: str) -> None:
    assert anonymise(text).text == text


# Names by the family of phrasing (from the blind58-68 misses), each in sentences of our own.
@pytest.mark.parametrize(("text", "expected"), [
    # a list of names that holds "me", in brackets or not
    ("our team (jack, holly, ravi and me) made a poster",
     "our team ([name], [name], [name] and me) made a poster"),
    ("in my group there was me, jack, holly and ravi", "in my group there was me, [name], [name] and [name]"),
    ("(me, amir, sky & jo) did the survey", "(me, [name], [name] & [name]) did the survey"),
    # a name that is also a word, as the subject of what only a person does
    ("will was meant to bring the glue and he forgot", "[name] was meant to bring the glue and he forgot"),
    ("hope moved away and now i sit alone", "[name] moved away and now i sit alone"),
    ("rose was crying in the toilets", "[name] was crying in the toilets"),
    ("joy had the idea of a buddy bench", "[name] had the idea of a buddy bench"),
    ("Faith cried in assembly", "[name] cried in assembly"),
    ("Mark in my maths set tells everyone", "[name] in my maths set tells everyone"),
    # after "fell out with", "asked ... to", and capitalised after "with", "apart from", "fancy"
    ("i fell out with grace bc she lied", "i fell out with [name] bc she lied"),
    ("i asked holly if she wanted to come", "i asked [name] if she wanted to come"),
    ("i asked joy to come with me", "i asked [name] to come with me"),
    ("nobody came apart from Rose", "nobody came apart from [name]"),
    ("everyone thinks i fancy Jack", "everyone thinks i fancy [name]"),
    # a nickname said to be one; titles and ranks in lower case
    ("tiny is my best friends nickname", "[name] is my best friends nickname"),
    ("pc hargreaves helped me", "pc [name] helped me"),
    ("the CO is flt lt Marsh", "the CO is flt lt [name]"),
    ("mrs ali from the office rang my mum", "mrs [name] from the office rang my mum"),
    # named between commas after a person described; possessions; double-barrelled names
    ("the man who runs the shop on the corner, Bill, lets us in",
     "the man who runs the shop on the corner, [name], lets us in"),
    ("because Summer's bike got nicked", "because [name]'s bike got nicked"),
    ("Smith-Okoro from the other class copied us", "[name] from the other class copied us"),
])
def test_names_by_family_of_phrasing(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    "we need (food, water, shelter and heat) to live",
    "hope is important to me",
    "summer moved quickly this year",
    "will power is hard",
    "i fell out with my friends",
    "i asked for help",
    "i fancy a pizza",
    "that is his nickname",
    "the pc games are good",
    "the mayor election was fun",
    "we did Spider-Man at drama",
    "she calls me smelly",
    "mrs browns boys is my nans favourite show",
    "watched gavin and stacey all night",
    "we have uncle bens rice on tuesday",
    "martin lewis has helped me with money",
    "Dolly Parton songs at karaoke",
    "we learn about the prophet Muhammad (pbuh)",
    "i looked on the FRANK website",
    "my dentist is in kings lynn and i had a filling",
    "she is from Sierra Leone",
    "i love Kendal mint cake",
    "i still have teddys",
    "my bestie lent me her id",
])
def test_near_misses_of_the_name_families_are_kept(text: str) -> None:
    assert anonymise(text).text == text


# Places, ids, handles, dates and numbers by the family of phrasing (from the blind50-57 misses).
@pytest.mark.parametrize(("text", "expected"), [
    ("my employee number is E0048213 and my payslip is wrong",
     "my employee number is [id] and my payslip is wrong"),
    ("my care leaver reference is CL-20394", "my care leaver reference is [id]"),
    ("got a letter with my tenancy ref TR/88213/04 on it", "got a letter with my tenancy ref [id] on it"),
    ("do u need my student number? its S2204783", "do u need my student number? its [id]"),
    ("u can ring me seven seven double oh nine oh oh two four six thats without the 0",
     "u can ring me [phone] thats without the 0"),
    ("i was borned on the 22nd of december 2014", "i was borned on [dob]"),
    ("a girl messaged me online named jess.xo.2010", "a girl messaged me online named [handle]"),
    ("this boy on roblox who calls himself ShadowKing99 keeps asking where i live",
     "this boy on roblox who calls himself [handle] keeps asking where i live"),
    ("tiktok is ryanfitz04", "tiktok is [handle]"),
    ("our scool greenacres has a new climbing wall", "our scool [school] has a new climbing wall"),
    ("my skool oakbrook is rubbish", "my skool [school] is rubbish"),
    ("my old school is called beechwood", "my old school is called [school]"),
    ("i go to holy trinity and a man shouts at the girls", "i go to [school] and a man shouts at the girls"),
    ("st marys dinners are horrible", "[school] dinners are horrible"),
    ("im at my dads on Copperfield Road at weekends", "im at my dads on [address] at weekends"),
    ("a man offered me a lift on Wood Lane", "a man offered me a lift on [address]"),
])
def test_places_ids_handles_and_numbers_by_their_family(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    "the samaritans number is 116 123 if anyone needs it",
    "my house number is 14",
    "the number 1000 is big",
    "the cost was borne on 3rd may by the school",
    "we watched a film called Se7en online",
    "insta is toxic tbh",
    "our school motto is faith hope and love",
    "my school email is rubbish",
    "we go to holy trinity on sundays with my nan",
    "i did a forklift course in bury st edmunds",
    "i went shopping on Oxford Street",
])
def test_near_misses_of_those_families_are_kept(text: str) -> None:
    assert anonymise(text).text == text


@pytest.mark.parametrize(("text", "expected"), [
    # a school said to be one's own or the best, its name in any case, a saint's or with its kind
    ("st marks rc is my school and its strict", "[school] is my school and its strict"),
    ("i think Ashbrook is the best school ever", "i think [school] is the best school ever"),
    ("my primary school was Hollow Dene", "my primary school was [school]"),
    ("my old primary school was Hill Top", "my old primary school was [school]"),
    ("my school is beckfield juniors and its small", "my school is [school] and its small"),
    ("where i go school, Netherby", "where i go school, [school]"),
    # gone to without "to", or a two-word name shaped like a school's
    ("i go Southbrook and its ok", "i go [school] and its ok"),
    ("my cousin goes to Moor View", "my cousin goes to [school]"),
    # its kids, rooms and staff; what it has; what it is called; its initials in school talk
    ("millford high kids are always fighting", "[school] kids are always fighting"),
    ("i cried in Elmbrook toilets", "i cried in [school] toilets"),
    ("Thornfield has no sixth form", "[school] has no sixth form"),
    ("i wish ravensdale had a sixth form", "i wish [school] had a sixth form"),
    ("im at Hartley Grammar (everyone calls it hgs)", "im at [school] (everyone calls it [school])"),
    ("at bgs the teachers are strict", "at [school] the teachers are strict"),
    ("st oswalds r our rivals", "[school] r our rivals"),
    # a street where a child works, walks to school, stops or says they live
    ("i work at the cafe on Tanner Street on sundays", "i work at the cafe on [address] on sundays"),
    ("we walk to school past the shops on Heron Way", "we walk to school past the shops on [address]"),
    ("im kipping at my cousins on Elm Grove", "im kipping at my cousins on [address]"),
    ("he asked where i live and i told him Dyke Lane", "he asked where i live and i told him [address]"),
    ("we live on Black Drove", "we live on [address]"),
    # a named house rented, owned, moved into, set beside "where i live"
    ("we rent Primrose Cottage off a farmer", "we rent [address] off a farmer"),
    ("my house its Oak Tree Farm", "my house its [address]"),
    ("her farm, Upper Moss Farm, has pigs", "her farm, [address], has pigs"),
    ("Lane End Farm, where we live, floods", "[address], where we live, floods"),
    # handles: who one is on a platform; a selling account; a game partner's name
    ("on snap im lily.b.x", "on snap im [handle]"),
    ("my vinted is retrothreadsuk", "my vinted is [handle]"),
    ("he plays minecraft with someone called blockboy77", "he plays minecraft with someone called [handle]"),
    # a birthday put right: every full date after the word
    ("my dob says 01/02/2009 but its really 02/01/2009", "my dob says [dob] but its really [dob]"),
])
def test_schools_streets_houses_handles_by_family_of_phrasing(text: str, expected: str) -> None:
    assert anonymise(text).text == expected


@pytest.mark.parametrize("text", [
    "maths is my worst school subject",
    "Paris was the best school trip",
    "i go swimming on tuesdays",
    "the Tesco toilets are gross",
    "London has better clubs",
    "it has no sixth form",
    "we cant afford school uniform",
    "i play for the u15s at Oakvale Rangers",
    "i want to do NCS this summer",
    "the bus stop on Marsh Road is where the fights happen",
    "i work hard at school",
    "we went to Cotswold Farm Park on a trip",
    "i read Animal Farm in english",
    "on tiktok im always scrolling",
])
def test_near_misses_of_the_phrasing_families_are_kept(text: str) -> None:
    assert anonymise(text).text == text
