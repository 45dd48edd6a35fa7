"""Settings: read from VOICE_* variables, fail loudly, and never run production on a weak key."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest

from voice.errors import ConfigError
from voice.settings import PROJECT_ROOT, SETTINGS, Settings


def test_defaults_are_the_embedded_sqlite_database(tmp_path: Path) -> None:
    settings = Settings.from_env({"VOICE_DATABASE_URL": f"sqlite:///{tmp_path}/v.db"})
    assert settings.env == "development"
    assert settings.is_sqlite
    assert settings.sqlite_synchronous == "NORMAL"
    assert Settings.from_env({}).database_url.endswith("var/voice.db")


def test_development_generates_a_secret_and_keeps_it_beside_the_database(tmp_path: Path) -> None:
    env = {"VOICE_DATABASE_URL": f"sqlite:///{tmp_path}/v.db"}
    first = Settings.from_env(env)
    assert len(first.secret_key) >= 32
    key_file = tmp_path / "v.db.secret"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert Settings.from_env(env).secret_key == first.secret_key  # cookies survive a restart


@pytest.mark.parametrize("environment", ["production", "test"])
@pytest.mark.parametrize("secret", [None, "", "changeme", "short"])
def test_outside_development_a_missing_or_weak_secret_is_refused(
    secret: str | None, environment: str
) -> None:
    env = {"VOICE_ENV": environment, "VOICE_DATABASE_URL": "sqlite:///:memory:"}
    if secret is not None:
        env["VOICE_SECRET_KEY"] = secret
    with pytest.raises(ConfigError, match="VOICE_SECRET_KEY must be set"):
        Settings.from_env(env)


def test_production_accepts_a_real_secret() -> None:
    key = "x" * 48
    settings = Settings.from_env({"VOICE_ENV": "production", "VOICE_SECRET_KEY": key})
    assert settings.secret_key == key


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("VOICE_ENV", "staging", "VOICE_ENV must be one of"),
        ("VOICE_CODE_ATTEMPTS", "lots", "VOICE_CODE_ATTEMPTS must be a whole number"),
        ("VOICE_CODE_WINDOW", "0", "VOICE_CODE_WINDOW must be at least 1"),
        ("VOICE_DEBUG", "perhaps", "VOICE_DEBUG must be true or false"),
        ("VOICE_SQLITE_SYNCHRONOUS", "OFF", "VOICE_SQLITE_SYNCHRONOUS must be NORMAL, FULL"),
    ],
)
def test_bad_values_fail_loudly_with_the_setting_named(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        Settings.from_env({name: value, "VOICE_DATABASE_URL": "sqlite:///:memory:",
                           "VOICE_SECRET_KEY": "k" * 40})


def test_the_readme_documents_every_setting() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text()
    documented = set(re.findall(r"^\| `(VOICE_[A-Z_]+)` \|", readme, flags=re.M))
    assert documented == {name for name, _, _ in SETTINGS}


def test_debug_pages_are_refused_in_production() -> None:
    with pytest.raises(ConfigError, match="VOICE_DEBUG must be false in production"):
        Settings.from_env({"VOICE_ENV": "production", "VOICE_DEBUG": "true",
                           "VOICE_SECRET_KEY": "k" * 48})
