"""`voice anonymise | screen | theme`: JSON lines in, JSON lines out, streamed, errors inline."""

from __future__ import annotations

import io
import json
import select
import subprocess
import sys
from pathlib import Path

import pytest

from voice.listening import jsonl

VOICE = str(Path(sys.executable).with_name("voice"))


def run_lines(process, lines: list[str]) -> list[dict]:
    out = io.StringIO()
    jsonl.run(process, lines, out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_anonymise_gives_text_and_spans_into_the_original() -> None:
    text = "my number is 07700 900123 and im at 14 Mill Lane"
    (result,) = run_lines(jsonl.anonymise_record, [json.dumps({"id": 7, "text": text})])
    assert result["id"] == 7
    assert result["text"] == "my number is [phone] and im at [address]"
    assert [(s["type"], text[s["start"]:s["end"]]) for s in result["spans"]] == [
        ("phone", "07700 900123"), ("address", "14 Mill Lane")]


def test_one_line_out_per_line_in_and_bad_lines_do_not_stop_it() -> None:
    lines = [
        json.dumps({"id": "a", "text": "hello"}),
        "this is not json",
        json.dumps({"id": "c"}),
        json.dumps({"id": "d", "text": 5}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "f", "text": "call me on 07700900123"}),
    ]
    results = run_lines(jsonl.anonymise_record, lines)
    assert [r.get("id") for r in results] == ["a", None, "c", "d", None, "f"]
    assert "not valid JSON" in results[1]["error"]
    assert results[2]["error"] == 'missing "text"'
    assert results[3]["error"] == '"text" must be a string'
    assert "JSON object" in results[4]["error"]
    assert results[5]["text"] == "call me on [phone]"


def test_screen_output_shape() -> None:
    results = run_lines(jsonl.screen_record, [
        json.dumps({"id": 1, "text": "my dad hits me when he is drunk"}),
        json.dumps({"id": 2, "text": "more buses to town please"}),
    ])
    assert results[0]["concern"] is True and isinstance(results[0]["category"], str)
    assert results[0]["reasons"]
    assert results[1] == {"id": 2, "concern": False, "category": None, "reasons": []}


def test_theme_output_shape() -> None:
    (result,) = run_lines(jsonl.theme_processor(None), [
        json.dumps({"id": 1, "text": "The buses stop at 6 so I can't get to the youth club"})])
    assert set(result) == {"id", "themes", "sentiment", "phrases"}
    assert "transport" in result["themes"]
    assert -1 <= result["sentiment"] <= 1


@pytest.mark.parametrize("command", ["anonymise", "screen", "theme"])
def test_each_command_streams_a_line_out_before_the_input_ends(command: str) -> None:
    process = subprocess.Popen([VOICE, command], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               text=True, bufsize=1)
    try:
        process.stdin.write(json.dumps({"id": 1, "text": "my name is Jake Smith"}) + "\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "no output while the input was still open"
        first = json.loads(process.stdout.readline())
        assert first["id"] == 1 and "error" not in first
        process.stdin.write("{broken\n")
        process.stdin.close()
        second = json.loads(process.stdout.readline())
        assert "error" in second
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_theme_with_a_missing_codebook_explains(tmp_path: Path) -> None:
    result = subprocess.run([VOICE, "theme", "--codebook", str(tmp_path / "nope.toml")],
                            input="", capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "cannot use the codebook" in result.stderr
