"""Reading each way of responding from a posted form: values, limits and child-friendly errors.

`listen` is the real pipeline, so these also show that every piece of mission text is
anonymised before it is kept and screened."""

from __future__ import annotations

import pytest

from tests.missions.conftest import PACKS, picture
from voice.listening.pipeline import listen
from voice.missions.forms import MissionProblems, read_mission, texts_in
from voice.surveys.loader import parse_file

PACK, _ = parse_file(PACKS / "mini-missions.toml")


def read(mission_id: str, fields: dict[str, str], files: dict[str, bytes] | None = None,
         kept: dict | None = None):
    mission = PACK.mission(mission_id)
    return {r.answer_id: r for r in read_mission(
        mission, "primary", {k: [v] for k, v in fields.items()}, files or {}, listen, kept)}


def problems(mission_id: str, fields: dict[str, str], files: dict[str, bytes] | None = None):
    with pytest.raises(MissionProblems) as caught:
        read(mission_id, fields, files)
    return caught.value.messages


def test_text_is_anonymised_and_screened() -> None:
    got = read("leaders", {"say": "Mr Patel at Oakfield Primary never listens, call me on 07700 900123"})
    reading = got["leaders.say"]
    assert reading.value == "Mr [name] at [school] never listens, call me on [phone]"
    assert "Patel" not in str(reading.value) and "07700" not in str(reading.value)
    assert reading.listened and not reading.listened[0].screening.concern


def test_a_disclosure_in_any_part_is_flagged() -> None:
    got = read("leaders", {"questions.2": "why does nobody help when my dad hits me",
                           "day.nhs": "more nurses in schools"})
    questions = got["leaders.questions"]
    assert questions.value == ["why does nobody help when my dad hits me"]  # blanks are dropped
    assert any(h.screening.concern for h in questions.listened)
    assert not any(h.screening.concern for h in got["leaders.day"].listened)
    assert got["leaders.day"].value == {"nhs": "more nurses in schools"}


def test_text_too_long() -> None:
    messages = problems("leaders", {"say": "x" * 301})
    assert messages == {"say": "Your answer is a bit long. Please keep it under 300 characters "
                               "(it is 301 now)."}


def test_dot_vote() -> None:
    got = read("needs", {"dots.food": "3", "dots.warm": "2", "dots.sleep": "0"})
    assert got["needs.dots"].value == {"food": 3, "warm": 2}
    assert got["needs.dots"].listened == []
    assert "You have 5 dots to share out, but you used 6" in problems(
        "needs", {"dots.food": "4", "dots.warm": "2"})["dots"]
    assert "whole numbers" in problems("needs", {"dots.food": "-1"})["dots"]
    assert "whole numbers" in problems("needs", {"dots.food": "two"})["dots"]


def test_ranking() -> None:
    got = read("priorities", {"order.1": "worries", "order.2": "online"})
    assert got["priorities.order"].value == ["worries", "online"]
    assert "more than once" in problems("priorities", {"order.1": "online", "order.2": "online"})[
        "order"]
    assert "choose from the list" in problems("priorities", {"order.1": "cake"})["order"]


def test_places() -> None:
    got = read("places", {"map.1.place": "the underpass by Tesco", "map.1.feel": "unsafe",
                          "map.1.why": "older boys hang about there",
                          "map.2.place": "Westfield Park", "map.2.feel": "safe", "map.2.why": ""})
    assert got["places.map"].value == [
        {"place": "the underpass by Tesco", "feel": "unsafe", "why": "older boys hang about there"},
        {"place": "Westfield Park", "feel": "safe", "why": ""},
    ]
    assert len(got["places.map"].listened) == 3  # an empty "why" is not listened to
    assert "safe or not safe" in problems("places", {"map.1.place": "the park"})["map"]
    assert "write the place for row 2" in problems(
        "places", {"map.2.why": "it is dark", "map.2.feel": "unsafe"})["map"]


def test_a_home_address_in_places_is_taken_out() -> None:
    got = read("places", {"map.1.place": "my house at 14 Elm Road LE11 3AB", "map.1.feel": "safe"})
    assert got["places.map"].value[0]["place"] == "my house at [address] [postcode]"


def test_upload_keeps_the_picture_without_metadata() -> None:
    got = read("places", {"poster.caption": "our safe park by Jayden"},
               {"poster.image": picture("JPEG", exif=True)})
    reading = got["places.poster"]
    assert reading.image is not None and reading.image.media_type == "image/jpeg"
    assert b"SpyPhone" not in reading.image.data and b"Exif" not in reading.image.data
    assert reading.value["caption"] == "our safe park by [name]"


def test_upload_refusals_are_clear() -> None:
    assert problems("places", {}, {"poster.image": b"GIF89a" + b"\0" * 40})["poster"] == \
        "Please upload a photo or drawing saved as a JPG or PNG picture."
    assert "too big" in problems("places", {}, {"poster.image": b"\x89PNG\r\n\x1a\n" +
                                                b"\0" * (9 * 1024 * 1024)})["poster"]
    assert "choose a picture" in problems("places", {"poster.caption": "look!"})["poster"]


def test_upload_without_a_new_picture_keeps_the_old_one() -> None:
    got = read("places", {"poster.caption": "new words"}, kept={"places.poster": {"image": 7,
                                                                                  "caption": "old"}})
    assert got["places.poster"].value == {"image": 7, "caption": "new words"}
    assert got["places.poster"].image is None


def test_nothing_filled_in() -> None:
    assert problems("leaders", {}) == {"questions": "Please fill in at least one part before you "
                                                    "send it."}


def test_every_problem_at_once() -> None:
    found = problems("places", {"map.1.place": "park", "poster.caption": "hi"})
    assert set(found) == {"map", "poster"}


def test_texts_in_for_the_safeguarding_view() -> None:
    assert texts_in("just words") == ["just words"]
    assert texts_in(["a", "b"]) == ["a", "b"]
    assert texts_in([{"place": "the park", "feel": "unsafe", "why": "dark"}]) == [
        "the park (not safe): dark"]
    assert texts_in({"police": "more patrols"}) == ["If we ran the police: more patrols"]
    assert texts_in({"image": 3, "caption": "our poster"}) == ["our poster"]
