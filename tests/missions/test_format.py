"""Mission pack files: the format, every kind of mistake (all reported at once, naming the file,
the mission and what is wrong), and the shipped packs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SURVEYS
from tests.missions.conftest import PACKS
from voice.missions.model import FOCUSES, RESPONSE_TYPES, MissionPack, note_blocks
from voice.surveys.lint import reading_level_warnings
from voice.surveys.loader import SurveyLoadError, load_catalogue, parse_file

MINI = (PACKS / "mini-missions.toml").read_text()


def problems_for(tmp_path: Path, body: str) -> list[str]:
    path = tmp_path / "pack.toml"
    path.write_text(body)
    pack, problems = parse_file(path)
    assert pack is None and problems, "expected the file to be refused"
    return [str(problem) for problem in problems]


def test_the_test_pack_loads_with_every_response_type() -> None:
    pack, problems = parse_file(PACKS / "mini-missions.toml")
    assert problems == [] and isinstance(pack, MissionPack)
    assert pack.slug == "mini-missions" and pack.bands == ("primary", "secondary")
    assert {r.type for m in pack.missions for r in m.responses} == set(RESPONSE_TYPES)
    leaders = pack.mission("leaders")
    assert leaders is not None and leaders.by == ("group", "individual")
    assert leaders.paragraphs("primary") == ["Leaders want to hear from you.",
                                             "Write your best questions."]
    assert leaders.teacher.if_a_child_discloses.startswith("Listen")
    assert pack.mission("needs").by == ("group",)  # a single string is accepted
    dots = pack.mission("needs").responses[0]
    assert dots.dots == 5 and [o.value for o in dots.options] == ["food", "warm", "sleep"]
    assert pack.response("priorities.order")[1].pick == 2
    assert pack.response("priorities.nothing") is None
    assert [m.id for m in pack.for_team("class")] == ["priorities"]
    assert [m.id for m in pack.for_team("individual")] == ["leaders"]


def test_a_pack_and_a_survey_share_one_catalogue_and_one_slug_space(tmp_path: Path) -> None:
    catalogue = load_catalogue([SURVEYS, PACKS])
    assert "mini-missions" in catalogue.packs and "your-voice-matters" in catalogue.surveys
    assert catalogue.get("mini-missions") is catalogue.packs["mini-missions"]
    assert len(catalogue) == len(catalogue.surveys) + len(catalogue.packs)
    clash = tmp_path / "clash.toml"
    clash.write_text(MINI)
    with pytest.raises(SurveyLoadError) as error:
        load_catalogue([PACKS, clash])
    assert "slug 'mini-missions' is already used" in str(error.value)


def test_unknown_kind(tmp_path: Path) -> None:
    (message,) = problems_for(tmp_path, MINI.replace('kind = "missions"', 'kind = "quiz"'))
    assert "'kind' 'quiz' is not one of survey, missions" in message


def test_every_mistake_is_reported_at_once_with_where_it_is(tmp_path: Path) -> None:
    body = (MINI.replace('focus = "being_heard"', 'focus = "fun"')
            .replace('by = "class"', 'by = "teachers"')
            .replace('dots = 5', 'dots = 50')
            .replace('if_a_child_discloses = "Tell the DSL."\n[[missions.responses]]\nid = "dots"',
                     '[[missions.responses]]\nid = "dots"')
            .replace('type = "upload"', 'type = "video"')
            .replace('pick = 2', 'pick = 7'))
    messages = problems_for(tmp_path, body)
    text = "\n".join(messages)
    assert all(m.startswith(str(tmp_path / "pack.toml")) for m in messages)
    assert "mission 'leaders': 'focus' 'fun' is not one of " + ", ".join(FOCUSES) in text
    assert "mission 'priorities': 'by' must list who answers" in text
    assert "mission 'needs', response 'dots': 'dots' must be a whole number from 1 to 20" in text
    assert "mission 'needs': [missions.teacher] 'if_a_child_discloses' is missing" in text
    assert "response 'poster': 'type' 'video' is not one of" in text
    assert "response 'order': 'pick' is 7 but there are only 3 options" in text


@pytest.mark.parametrize(("old", "new", "expected"), [
    ('id = "leaders"', 'id = "Leaders!"', "'id' must start with a letter"),
    ('id = "questions"', 'id = "say"', "the id is used twice in this mission"),
    ('max = 3', 'max = 3\nrows = 2', "'rows' does not apply to leader_questions responses"),
    ('agencies = ["police", "nhs"]', 'agencies = ["police", "army"]', "'agencies' must list some of"),
    ('rows = 3', 'rows = 0', "'rows' must be a whole number from 1 to 10"),
    ('max_length = 300', 'max_length = 9000', "'max_length' must be a whole number from 1 to 5000"),
    ('brief = "Share out your dots."', '', "'brief' is missing"),
    ('[missions.teacher]\ntiming = "10 minutes"\nmaterials = "A map"',
     '[missions.teacher]\ntiming = "10 minutes"\nmaterials = "A map"\nsnacks = "yes"',
     "[missions.teacher] has unknown key 'snacks'"),
    ('title = "Safe places"', 'title = "Safe places"\ncolour = "red"', "unknown key 'colour'"),
    ('{ value = "warm", label = "A warm home" }', '{ value = "food", label = "Again" }',
     "the value 'food' is used twice"),
    ('title = "What children need"', 'title = { primary = "Needs" }',
     "'title' has no wording for secondary"),
])
def test_single_mistakes(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in MINI
    messages = problems_for(tmp_path, MINI.replace(old, new, 1))
    assert any(expected in m for m in messages), messages


def test_a_pack_without_missions_or_responses(tmp_path: Path) -> None:
    head = MINI.split("[[missions]]")[0]
    assert any("there are no [[missions]]" in m for m in problems_for(tmp_path, head))
    no_responses = head + '[[missions]]\nid = "a"\ntitle = "A"\nfocus = "safe_places"\nby = "group"\n' \
        'brief = "Go."\n[missions.teacher]\ntiming = "1"\nmaterials = "2"\nhow = "3"\n' \
        'if_a_child_discloses = "4"\n'
    assert any("there are no [[missions.responses]]" in m for m in problems_for(tmp_path, no_responses))


def test_reading_level_is_checked_on_what_children_read(tmp_path: Path) -> None:
    hard = MINI.replace('brief = "Where feels safe?"',
                        'brief = "Contemplate comprehensively the environmental characteristics '
                        'differentiating establishments perceived as psychologically secure."')
    path = tmp_path / "pack.toml"
    path.write_text(hard)
    pack, problems = parse_file(path)
    assert problems == []
    warnings = [str(w) for w in reading_level_warnings(pack)]
    assert any("mission 'places': brief for primary reads at grade" in w for w in warnings)
    # Teacher notes are for adults and are never judged.
    pack_ok, _ = parse_file(PACKS / "mini-missions.toml")
    assert reading_level_warnings(pack_ok) == []


SHIPPED = ("takeover-challenge-primary", "takeover-challenge-secondary")


@pytest.mark.parametrize("slug", SHIPPED)
def test_the_shipped_packs(slug: str) -> None:
    catalogue = load_catalogue([SURVEYS])
    pack = catalogue.packs[slug]
    band = "primary" if slug.endswith("primary") else "secondary"
    assert pack.bands == (band,)
    assert len(pack.missions) >= 5
    assert set(FOCUSES) <= {m.focus for m in pack.missions}  # every part of the partnership's work
    types = {r.type for m in pack.missions for r in m.responses}
    assert {"leader_questions", "places", "ran_for_a_day", "upload"} <= types
    assert types & {"dot_vote", "ranking"}
    assert any("class" in m.by for m in pack.missions)
    assert any("group" in m.by for m in pack.missions)
    for mission in pack.missions:
        notes = mission.teacher
        assert all(len(text) > 20 for text in (notes.timing, notes.how, notes.if_a_child_discloses))
    assert reading_level_warnings(pack) == []


def test_teacher_notes_keep_their_lists_and_paragraphs() -> None:
    notes = "If a child tells you something:\n- stay calm;\n- do not ask leading\n  questions;\n" \
            "\nThen tell the DSL the same day."
    assert note_blocks(notes) == [
        ("p", ["If a child tells you something:"]),
        ("ul", ["stay calm;", "do not ask leading questions;"]),
        ("p", ["Then tell the DSL the same day."]),
    ]
