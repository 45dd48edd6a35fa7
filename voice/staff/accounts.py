"""Staff accounts: creating them, signing in with lockout, password resets, and the audit log.

Passwords are hashed with Argon2id (argon2-cffi). The test environment uses the library's
cheapest parameters so the suite stays fast; every other environment uses its defaults (RFC
9106's low-memory profile).
"""

from __future__ import annotations

import hashlib
import smtplib
import ssl
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from voice.clock import utcnow
from voice.errors import AccountError, SignInRefused
from voice.settings import Settings
from voice.staff.models import ROLES, AuditEvent, Organisation, School, StaffUser

users = StaffUser.__table__  # type: ignore[attr-defined]
audit_events = AuditEvent.__table__  # type: ignore[attr-defined]
organisations = Organisation.__table__  # type: ignore[attr-defined]
schools = School.__table__  # type: ignore[attr-defined]

MIN_PASSWORD_LENGTH = 12
SIGN_IN_FAILED = "That email address and password don't match an account."


def password_hasher(settings: Settings) -> PasswordHasher:
    if settings.env == "test":
        return PasswordHasher.from_parameters(profiles.CHEAPEST)
    return PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)


def check_password_rules(password: str) -> None:
    """Long passwords, as the NCSC advises ("three random words"); no composition rules."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters. "
                           "Three random words make a strong one.")
    if len(set(password)) < 4:
        raise AccountError("That password is too easy to guess. Three random words make a strong one.")
    if len(password) > 256:
        raise AccountError("Passwords can be at most 256 characters.")


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email or len(email) > 254:
        raise AccountError("Enter an email address like name@example.org.")
    return email


@dataclass(frozen=True)
class Staff:
    """A signed-in member of staff, as the pages need them (no password hash)."""

    id: int
    email: str
    name: str
    role: str
    organisation_id: int | None
    session_epoch: int

    @property
    def label(self) -> str:
        return self.name or self.email


def _staff(row: object) -> Staff:
    return Staff(row.id, row.email, row.name, row.role, row.organisation_id,  # type: ignore[attr-defined]
                 row.session_epoch)  # type: ignore[attr-defined]


_STAFF_COLUMNS = (users.c.id, users.c.email, users.c.name, users.c.role, users.c.organisation_id,
                  users.c.session_epoch)


def record(conn: Connection, actor: Staff | None, action: str, target: str = "", detail: str = "") -> None:
    """Write one audit event in the caller's transaction."""
    conn.execute(insert(audit_events).values(
        at=utcnow(), actor_id=actor.id if actor else None,
        actor=actor.email if actor else "command line",
        action=action, target=target[:200], detail=detail[:500],
    ))


class Accounts:
    """Everything about staff accounts, on one engine."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.hasher = password_hasher(settings)
        self._dummy_hash = self.hasher.hash("not a real password, used to keep timing even")
        self._reset = URLSafeTimedSerializer(settings.secret_key, salt="voice.staff.reset")

    # -- accounts ------------------------------------------------------------------------------

    def create(self, *, email: str, role: str, password: str, name: str = "",
               organisation: str | None = None, actor: Staff | None = None) -> Staff:
        email = normalise_email(email)
        if role not in ROLES:
            raise AccountError(f"Role must be one of {', '.join(ROLES)}, not '{role}'.")
        check_password_rules(password)
        with self.engine.begin() as conn:
            org_id = None
            if role == "partner":
                if not organisation:
                    raise AccountError("A partner account needs an organisation.")
                org_id = conn.execute(select(organisations.c.id).where(
                    func.lower(organisations.c.name) == organisation.strip().lower())).scalar()
                if org_id is None:
                    raise AccountError(f"There is no organisation called '{organisation}'. Add it first.")
            if conn.execute(select(users.c.id).where(users.c.email == email)).first():
                raise AccountError(f"There is already an account for {email}.")
            new_id = conn.execute(insert(users).values(
                email=email, name=" ".join(name.split())[:120], role=role, organisation_id=org_id,
                password_hash=self.hasher.hash(password), active=True, failed_sign_ins=0,
                session_epoch=0, created_at=utcnow(),
            )).inserted_primary_key[0]
            record(conn, actor, "staff.create", email, f"role {role}")
        return self.get(int(new_id))  # type: ignore[return-value]

    def get(self, user_id: int) -> Staff | None:
        return self._active(users.c.id == user_id)

    def by_email(self, email: str) -> Staff | None:
        return self._active(users.c.email == email.strip().lower())

    def _active(self, where: Any) -> Staff | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(*_STAFF_COLUMNS).where(where, users.c.active.is_(True))).first()
        return _staff(row) if row else None

    def update(self, user_id: int, *, role: str, active: bool, organisation_id: int | None,
               actor: Staff) -> None:
        if role not in ROLES:
            raise AccountError(f"Role must be one of {', '.join(ROLES)}.")
        if role == "partner" and organisation_id is None:
            raise AccountError("A partner account needs an organisation.")
        if user_id == actor.id and (role != "admin" or not active):
            raise AccountError("You can't remove your own admin access; ask another admin.")
        with self.engine.begin() as conn:
            row = conn.execute(select(users.c.email, users.c.role, users.c.active).where(
                users.c.id == user_id)).first()
            if row is None:
                raise AccountError("There is no such account.")
            conn.execute(update(users).where(users.c.id == user_id).values(
                role=role, active=active, organisation_id=organisation_id if role == "partner" else None,
                # a change of role or access ends the person's current sign-ins
                session_epoch=users.c.session_epoch + 1,
            ))
            changes = []
            if row.role != role:
                changes.append(f"role {row.role} -> {role}")
            if row.active != active:
                changes.append("reactivated" if active else "deactivated")
            record(conn, actor, "staff.update", row.email, "; ".join(changes) or "organisation")

    # -- signing in ----------------------------------------------------------------------------

    def sign_in(self, email: str, password: str, now: datetime | None = None) -> Staff:
        """The account, or SignInRefused. Wrong passwords in a row lock the account for a while."""
        now = now or utcnow()
        email = email.strip().lower()
        with self.engine.begin() as conn:
            row = conn.execute(select(users).where(users.c.email == email)).first()
            if row is None or not row.active:
                self._verify(self._dummy_hash, password)  # the same work, so timing tells nothing
                raise SignInRefused(SIGN_IN_FAILED)
            if row.locked_until is not None and row.locked_until > now:
                minutes = max(1, round((row.locked_until - now).total_seconds() / 60))
                raise SignInRefused(
                    f"This account is locked after too many wrong passwords. Try again in {minutes} "
                    f"minute{'s' if minutes != 1 else ''}, or reset your password.",
                    title="Account locked")
            staff: Staff | None = None
            if not self._verify(row.password_hash, password):
                failures = row.failed_sign_ins + 1
                values: dict[str, object] = {"failed_sign_ins": failures}
                if failures >= self.settings.sign_in_attempts:
                    values = {"failed_sign_ins": 0,
                              "locked_until": now + timedelta(minutes=self.settings.lockout_minutes)}
                    record(conn, None, "staff.locked", email,
                           f"{failures} wrong passwords in a row")
            else:
                values = {"failed_sign_ins": 0, "locked_until": None, "last_sign_in_at": now}
                if self.hasher.check_needs_rehash(row.password_hash):
                    values["password_hash"] = self.hasher.hash(password)
                staff = _staff(row)
                record(conn, staff, "staff.sign_in")
            conn.execute(update(users).where(users.c.id == row.id).values(**values))
        # Raised after the commit, so the count of wrong passwords is kept.
        if staff is None:
            raise SignInRefused(SIGN_IN_FAILED)
        return staff

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            return self.hasher.verify(hashed, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def end_sessions(self, staff: Staff) -> None:
        """Sign the person out everywhere (their cookies carry the old epoch)."""
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == staff.id).values(
                session_epoch=users.c.session_epoch + 1))
            record(conn, staff, "staff.sign_out")

    # -- password resets -----------------------------------------------------------------------

    def _fingerprint(self, password_hash: str) -> str:
        # Part of the token: once the password changes the old link stops working (single use).
        return hashlib.sha256(password_hash.encode()).hexdigest()[:16]

    def reset_token(self, email: str) -> str | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(users.c.id, users.c.password_hash).where(
                users.c.email == email.strip().lower(), users.c.active.is_(True))).first()
        if row is None:
            return None
        return self._reset.dumps({"u": row.id, "p": self._fingerprint(row.password_hash)})

    def reset_link(self, email: str, base_url: str) -> str | None:
        token = self.reset_token(email)
        return None if token is None else f"{base_url.rstrip('/')}/staff/password-reset/{token}"

    def check_reset(self, token: str) -> int:
        """The account id a reset link is for; AccountError if expired, used or tampered with."""
        try:
            data = self._reset.loads(token, max_age=self.settings.reset_minutes * 60)
        except SignatureExpired:
            raise AccountError("This reset link has expired. Ask for a new one.",
                               title="Link expired") from None
        except BadSignature:
            raise AccountError("This reset link isn't valid. Ask for a new one.",
                               title="Link not valid") from None
        with self.engine.connect() as conn:
            row = conn.execute(select(users.c.password_hash).where(
                users.c.id == data.get("u"), users.c.active.is_(True))).first()
        if row is None or self._fingerprint(row.password_hash) != data.get("p"):
            raise AccountError("This reset link has already been used. Ask for a new one.",
                               title="Link already used")
        return int(data["u"])

    def reset_password(self, token: str, password: str) -> Staff:
        user_id = self.check_reset(token)
        check_password_rules(password)
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.id == user_id).values(
                password_hash=self.hasher.hash(password), failed_sign_ins=0, locked_until=None,
                session_epoch=users.c.session_epoch + 1))
            staff = _staff(conn.execute(select(*_STAFF_COLUMNS).where(users.c.id == user_id)).one())
            record(conn, staff, "staff.password_reset")
        return staff

    def send_reset_email(self, email: str, base_url: str) -> bool:
        """Email a reset link if SMTP is set up and the account exists. Says nothing either way."""
        if not self.settings.smtp_url:
            return False
        link = self.reset_link(email, base_url)
        if link is None:
            return True
        message = EmailMessage()
        message["From"] = self.settings.mail_from
        message["To"] = email.strip().lower()
        message["Subject"] = "Reset your Voice password"
        message.set_content(
            "Someone asked to reset the password for your Voice staff account.\n\n"
            f"To choose a new password, open this link within {self.settings.reset_minutes} minutes:\n"
            f"{link}\n\nIf it wasn't you, ignore this email: your password stays the same.\n")
        send_mail(self.settings.smtp_url, message)
        return True


def send_mail(smtp_url: str, message: EmailMessage) -> None:
    parts = urlsplit(smtp_url)
    host = parts.hostname or "localhost"
    if parts.scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, parts.port or 465, timeout=20,
                                                context=ssl.create_default_context())
    else:
        client = smtplib.SMTP(host, parts.port or 587, timeout=20)
    with client:
        if parts.scheme == "smtp" and client.has_extn("starttls"):
            client.starttls(context=ssl.create_default_context())
        if parts.username:
            client.login(unquote(parts.username), unquote(parts.password or ""))
        client.send_message(message)


class KnownSchools:
    """The schools an admin has added, for the anonymiser at ingestion: a child who names any
    of them has it removed, however it is spelt in case. Re-read every ``ttl`` seconds so a
    school added in one process reaches the others."""

    def __init__(self, engine: Engine, ttl: float = 60.0) -> None:
        self.engine = engine
        self.ttl = ttl
        self._names: tuple[str, ...] = ()
        self._until = 0.0

    def __call__(self) -> tuple[str, ...]:
        now = time.monotonic()
        if now >= self._until:
            with self.engine.connect() as conn:
                self._names = tuple(sorted(conn.execute(select(schools.c.name)).scalars()))
            self._until = now + self.ttl
        return self._names

    def forget(self) -> None:
        self._until = 0.0
