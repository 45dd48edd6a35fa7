"""The `voice` command: check, sessions create and list."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.surveys.test_loader import GOOD
from voice.cli import main
from voice.sessions.codes import looks_like_code
from voice.settings import PROJECT_ROOT


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VOICE_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("VOICE_SURVEYS_DIR", str(PROJECT_ROOT / "surveys"))
    monkeypatch.setenv("VOICE_ENV", "test")
    monkeypatch.setenv("VOICE_SECRET_KEY", "cli-test-secret-key-0123456789abcdefgh")
    return tmp_path


def test_check_passes_the_shipped_surveys(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_check_names_the_file_the_question_and_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(GOOD.replace('type = "yes_no"', 'type = "slider"'))
    assert main(["check", str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"error: {bad}: question 'adult': 'type' 'slider' is not one of" in err


def test_check_warns_about_reading_level_and_strict_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hard = tmp_path / "hard.toml"
    hard.write_text(GOOD.replace(
        'text = "Do you have an adult to talk to?"',
        'text = "Is there an appropriately qualified professional with whom you feel '
        'comfortable discussing confidential matters?"'))
    assert main(["check", str(hard)]) == 0
    assert "warning:" in capsys.readouterr().err
    assert main(["check", "--strict", str(hard)]) == 1


def test_check_with_no_files_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path)]) == 1
    assert "no survey files" in capsys.readouterr().err


def test_sessions_create_prints_the_code_alone(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "create", "--survey", "your-voice-matters", "--band", "primary",
                 "--school", "Oak Primary", "--year", "5", "--opens", "2026-11-23T09:00",
                 "--closes", "2026-11-27T15:30"]) == 0
    out = capsys.readouterr().out
    assert out.endswith("\n") and looks_like_code(out.strip())


def test_sessions_create_starts_a_mission_session_like_any_other(
        env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "create", "--survey", "takeover-challenge-primary", "--band", "primary",
                 "--school", "Oak Primary", "--year", "4"]) == 0
    code = capsys.readouterr().out.strip()
    assert main(["sessions", "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["code"] == code and listed["survey"] == "takeover-challenge-primary"
    # The primary pack has no secondary wording: refused, in words.
    assert main(["sessions", "create", "--survey", "takeover-challenge-primary", "--band",
                 "secondary", "--school", "Oak Primary", "--year", "8"]) == 2
    assert "no wording for the secondary band" in capsys.readouterr().err


def test_sessions_list_json_has_codes_and_counts(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["sessions", "create", "--survey", "your-voice-matters", "--band", "secondary",
          "--school", "Hill Academy", "--year", "9"])
    code = capsys.readouterr().out.strip()
    assert main(["sessions", "list", "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["code"] == code
    assert listed["completed"] == 0 and listed["started"] == 0
    assert listed["school"] == "Hill Academy" and listed["band"] == "secondary"
    assert main(["sessions", "list"]) == 0
    assert code in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--survey", "nope", "--band", "primary"], "There is no survey 'nope'"),
        (["--survey", "your-voice-matters", "--band", "primary", "--opens", "tuesday"],
         "is not a date and time"),
        (["--survey", "your-voice-matters", "--band", "primary", "--opens", "2026-11-23T09:00",
          "--closes", "2026-11-22T09:00"], "must close after it opens"),
    ],
)
def test_sessions_create_explains_mistakes(
    env: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code = main(["sessions", "create", *args, "--school", "A School", "--year", "6"])
    assert code == 2
    captured = capsys.readouterr()
    assert message in captured.err and captured.out == ""


def test_the_voice_console_script_is_installed(env: Path) -> None:
    voice = Path(sys.executable).with_name("voice")
    result = subprocess.run([str(voice), "check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


def test_screen_train_writes_a_model_the_screen_can_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from voice.listening.learned import Model
    from voice.listening.screen import screen

    labelled = tmp_path / "set.jsonl"
    concerns = ["my uncle hurts me", "he hurts me at night", "she hurts me when mum is out"]
    others = ["the park is nice", "more buses please", "i like my school and my friends"]
    labelled.write_text(
        "".join(json.dumps({"text": t, "concern": True, "category": "physical_abuse"}) + "\n"
                for t in concerns)
        + "".join(json.dumps({"text": t, "concern": False, "category": None, "kind": "ordinary"}) + "\n"
                  for t in others),
        encoding="utf-8",
    )
    out = tmp_path / "model.json"
    assert main(["screen-train", str(labelled), "--out", str(out), "--threshold", "0.25"]) == 0
    assert "trained on 6 answers" in capsys.readouterr().err
    model = Model.from_json(out.read_text(encoding="utf-8"))
    assert model.threshold == 0.25
    assert model.weights["hurt"] > 0 > model.weights.get("park", -1)
    assert set(model.category_weights) == {"physical_abuse"}
    assert screen("somebody hurts me", model).concern


def test_screen_train_explains_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "hello"}\n', encoding="utf-8")
    out = tmp_path / "model.json"
    assert main(["screen-train", str(bad), "--out", str(out)]) == 2
    assert "bad.jsonl:1: needs a text and a true/false concern" in capsys.readouterr().err
    assert not out.exists()


def test_staff_create_list_and_reset_link(env: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_PASSWORD", "correct horse battery staple")
    monkeypatch.setenv("VOICE_PUBLIC_URL", "https://voice.example.org")
    assert main(["staff", "create", "--email", "Admin@Example.org", "--role", "admin"]) == 0
    assert "created admin@example.org (admin)" in capsys.readouterr().err
    assert main(["staff", "list"]) == 0
    assert capsys.readouterr().out.strip() == "admin@example.org\tadmin\tactive"
    assert main(["staff", "reset-link", "admin@example.org"]) == 0
    link = capsys.readouterr().out.strip()
    assert link.startswith("https://voice.example.org/staff/password-reset/")
    assert main(["staff", "reset-link", "nobody@example.org"]) == 2
    assert "no active account" in capsys.readouterr().err


def test_staff_create_explains_mistakes(env: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOICE_PASSWORD", "short")
    assert main(["staff", "create", "--email", "a@example.org", "--role", "analyst"]) == 2
    assert "12 characters" in capsys.readouterr().err
    monkeypatch.setenv("VOICE_PASSWORD", "correct horse battery staple")
    assert main(["staff", "create", "--email", "p@example.org", "--role", "partner",
                 "--organisation", "Nowhere"]) == 2
    assert "no organisation called 'Nowhere'" in capsys.readouterr().err
    monkeypatch.delenv("VOICE_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["staff", "create", "--email", "a@example.org", "--role", "analyst"]) == 2
    assert "VOICE_PASSWORD" in capsys.readouterr().err


def test_theme_train_writes_a_model_and_explains_bad_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from voice.listening import theme_model

    coded = tmp_path / "coded.jsonl"
    rows = [("the buses never come", ["transport"]), ("the bus is late again", ["transport"]),
            ("nothing to do here", ["places_to_go"]), ("we need a youth club", ["places_to_go"])]
    coded.write_text("".join(json.dumps({"text": t, "themes": th}) + "\n" for t, th in rows),
                     encoding="utf-8")
    out = tmp_path / "model.json"
    assert main(["theme-train", str(coded), "--out", str(out)]) == 0
    assert "trained on 4 coded answers" in capsys.readouterr().err
    model = theme_model.CodedModel.from_json(out.read_text(encoding="utf-8"))
    probs = model.probabilities("the bus")
    assert probs["transport"] > probs["places_to_go"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "themes": ["not_a_theme"]}\n', encoding="utf-8")
    assert main(["theme-train", str(bad), "--out", str(out)]) == 2
    assert "themes not in the codebook: not_a_theme" in capsys.readouterr().err
