"""Settings: read once from `VOICE_*` environment variables into a frozen object.

Every setting is listed in `SETTINGS` (name, default, meaning); the README's configuration table is
checked against it by a test, so a new setting cannot go undocumented.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from voice.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent

ENVIRONMENTS = ("development", "test", "production")

# (environment variable, default shown in the docs, what it means)
SETTINGS: tuple[tuple[str, str, str], ...] = (
    ("VOICE_ENV", "development", "`development`, `test` or `production`. Outside development Voice "
     "refuses to start without a real `VOICE_SECRET_KEY`."),
    ("VOICE_DATABASE_URL", "sqlite:///var/voice.db", "SQLAlchemy URL. SQLite (the default, WAL "
     "mode) or `postgresql+psycopg://user:pass@host/db`."),
    ("VOICE_SECRET_KEY", "(generated)", "Signs cookies. Must be set to a long random value "
     "outside development; in development one is generated and kept beside the SQLite file."),
    ("VOICE_SURVEYS_DIR", "surveys", "Folder of survey and mission files (`*.toml`)."),
    ("VOICE_SQLITE_SYNCHRONOUS", "NORMAL", "SQLite durability: `NORMAL` keeps every acknowledged "
     "answer if the server process is killed; `FULL` also survives power loss, at some cost."),
    ("VOICE_CODE_ATTEMPTS", "30", "Wrong class codes allowed per device network per "
     "`VOICE_CODE_WINDOW` seconds before code entry pauses."),
    ("VOICE_CODE_WINDOW", "600", "The rate-limit window for class codes, in seconds."),
    ("VOICE_JOURNEY_HOURS", "12", "How long a started survey can be resumed on the same device."),
    ("VOICE_COOKIE_SECURE", "auto", "`true` marks cookies Secure; `auto` does so when the request "
     "came over https."),
    ("VOICE_DEBUG", "false", "Show tracebacks on error pages; refused in production."),
    ("VOICE_PUBLIC_URL", "(from the request)", "The address children and staff use, e.g. "
     "`https://voice.example.org`, for links in emails and class QR codes."),
    ("VOICE_STAFF_SESSION_HOURS", "8", "How long a staff sign-in lasts."),
    ("VOICE_SIGN_IN_ATTEMPTS", "5", "Wrong passwords in a row before an account is locked."),
    ("VOICE_LOCKOUT_MINUTES", "15", "How long a locked account stays locked."),
    ("VOICE_RESET_MINUTES", "60", "How long a password-reset link works."),
    ("VOICE_FLAG_REVIEW_HOURS", "24", "A concern flag not reviewed within this many hours is "
     "shown as overdue in the safeguarding queue."),
    ("VOICE_SMTP_URL", "(none)", "`smtp://user:password@host:587` (STARTTLS) or `smtps://…:465` "
     "to email password-reset links; without it `voice staff reset-link EMAIL` prints them."),
    ("VOICE_MAIL_FROM", "voice@localhost", "The sender of Voice's emails."),
    ("VOICE_SMALL_NUMBER", "10", "Any group smaller than this is suppressed (with a complement "
     "that would reveal it) in every figure that leaves an analyst's screen: exports, "
     "facilitators' counts, published pages."),
)

_PLACEHOLDER_SECRETS = {"", "changeme", "change-me", "secret", "dev", "development", "test"}
MIN_SECRET_LENGTH = 32


def _bool(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, not {value!r}")


def _int(name: str, value: str, minimum: int = 1) -> int:
    try:
        number = int(value)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, not {number}")
    return number


@dataclass(frozen=True)
class Settings:
    env: str = "development"
    database_url: str = "sqlite:///var/voice.db"
    secret_key: str = field(default="", repr=False)
    surveys_dir: Path = PROJECT_ROOT / "surveys"
    sqlite_synchronous: str = "NORMAL"
    code_attempts: int = 30
    code_window: int = 600
    journey_hours: int = 12
    cookie_secure: str = "auto"
    debug: bool = False
    public_url: str = ""
    staff_session_hours: int = 8
    sign_in_attempts: int = 5
    lockout_minutes: int = 15
    reset_minutes: int = 60
    flag_review_hours: int = 24
    small_number: int = 10
    smtp_url: str = field(default="", repr=False)
    mail_from: str = "voice@localhost"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read settings from the environment, failing loudly on a bad or missing value."""
        env = os.environ if environ is None else environ
        get = env.get
        name = get("VOICE_ENV", "development").strip().lower()
        if name not in ENVIRONMENTS:
            raise ConfigError(f"VOICE_ENV must be one of {', '.join(ENVIRONMENTS)}, not {name!r}")
        synchronous = get("VOICE_SQLITE_SYNCHRONOUS", "NORMAL").strip().upper()
        if synchronous not in {"NORMAL", "FULL", "EXTRA"}:
            raise ConfigError("VOICE_SQLITE_SYNCHRONOUS must be NORMAL, FULL or EXTRA")
        secure = get("VOICE_COOKIE_SECURE", "auto").strip().lower()
        if secure != "auto":
            secure = "true" if _bool("VOICE_COOKIE_SECURE", secure) else "false"
        surveys = Path(get("VOICE_SURVEYS_DIR", str(PROJECT_ROOT / "surveys")))
        settings = cls(
            env=name,
            database_url=get("VOICE_DATABASE_URL", "").strip() or default_database_url(),
            secret_key=get("VOICE_SECRET_KEY", ""),
            surveys_dir=surveys,
            sqlite_synchronous=synchronous,
            code_attempts=_int("VOICE_CODE_ATTEMPTS", get("VOICE_CODE_ATTEMPTS", "30")),
            code_window=_int("VOICE_CODE_WINDOW", get("VOICE_CODE_WINDOW", "600")),
            journey_hours=_int("VOICE_JOURNEY_HOURS", get("VOICE_JOURNEY_HOURS", "12")),
            cookie_secure=secure,
            debug=_bool("VOICE_DEBUG", get("VOICE_DEBUG", "false")),
            public_url=get("VOICE_PUBLIC_URL", "").strip().rstrip("/"),
            staff_session_hours=_int("VOICE_STAFF_SESSION_HOURS", get("VOICE_STAFF_SESSION_HOURS", "8")),
            sign_in_attempts=_int("VOICE_SIGN_IN_ATTEMPTS", get("VOICE_SIGN_IN_ATTEMPTS", "5")),
            lockout_minutes=_int("VOICE_LOCKOUT_MINUTES", get("VOICE_LOCKOUT_MINUTES", "15")),
            reset_minutes=_int("VOICE_RESET_MINUTES", get("VOICE_RESET_MINUTES", "60")),
            flag_review_hours=_int("VOICE_FLAG_REVIEW_HOURS", get("VOICE_FLAG_REVIEW_HOURS", "24")),
            smtp_url=get("VOICE_SMTP_URL", "").strip(),
            mail_from=get("VOICE_MAIL_FROM", "voice@localhost").strip(),
            small_number=_int("VOICE_SMALL_NUMBER", get("VOICE_SMALL_NUMBER", "10"), minimum=2),
        )
        if settings.smtp_url and not settings.smtp_url.startswith(("smtp://", "smtps://")):
            raise ConfigError("VOICE_SMTP_URL must start with smtp:// or smtps://")
        if settings.env == "production" and settings.debug:
            # A traceback page can show a request's contents, which may be a child's words.
            raise ConfigError("VOICE_DEBUG must be false in production")
        return settings.with_secret()

    def with_secret(self) -> Settings:
        """Return settings with a usable secret key, or refuse a weak one outside development.

        The embedded default (development on SQLite) generates a key once and keeps it beside the
        database, so children's resume cookies survive a restart.
        """
        key = self.secret_key.strip()
        if key.lower() not in _PLACEHOLDER_SECRETS and len(key) >= MIN_SECRET_LENGTH:
            return self
        if self.env != "development":
            raise ConfigError(
                "VOICE_SECRET_KEY must be set to a random value of at least "
                f"{MIN_SECRET_LENGTH} characters outside development, e.g. the output of "
                "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`"
            )
        if key and key.lower() not in _PLACEHOLDER_SECRETS:
            return self  # a short key is tolerated in development
        return replace(self, secret_key=_generated_secret(self.database_url))

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'var' / 'voice.db'}"


def sqlite_path(database_url: str) -> Path | None:
    """The file behind a SQLite URL, or None for in-memory and other databases."""
    if not database_url.startswith("sqlite"):
        return None
    _, _, path = database_url.partition(":///")
    path = path.split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(path)


def _generated_secret(database_url: str) -> str:
    path = sqlite_path(database_url)
    if path is None:
        return secrets.token_urlsafe(48)  # in-memory or server database: per process
    key_file = path.with_name(path.name + ".secret")
    if key_file.exists():
        return key_file.read_text().strip()
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    # Created with owner-only permissions: the key signs every child's resume cookie.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key + "\n")
    return key
