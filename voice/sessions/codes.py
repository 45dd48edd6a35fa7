"""Class codes: short enough to copy off a board, hard enough to guess, and a limit on guessing.

Seven characters from a 23-symbol alphabet give 23**7 ≈ 3.4 billion codes (about 31.7 bits). With
the default limit of 30 wrong codes per network per 10 minutes and a few hundred open sessions, a
guesser would expect to find one open class after decades, not minutes.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections import deque
from dataclasses import dataclass, field

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G: easy to misread on a projector or in a child's handwriting.
ALPHABET = "ACDEFHJKMNPQRTUVWXY3479"
CODE_LENGTH = 7


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a child typed, as a code: upper case, spaces and dashes dropped."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())[:32]


def looks_like_code(code: str) -> bool:
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def display_code(code: str) -> str:
    """Split for reading aloud and copying: 'ACD EFHJ'."""
    return f"{code[:3]} {code[3:]}" if len(code) == CODE_LENGTH else code


@dataclass
class CodeAttemptLimiter:
    """Counts wrong class codes per client network, in memory only.

    The client address is hashed with a key that lives only in this process and is never
    written down, so no child's IP address is stored, even transiently in readable form. A
    whole class usually shares one school address, so only *wrong* codes count.
    """

    attempts: int
    window: float
    _key: bytes = field(default_factory=lambda: secrets.token_bytes(16), repr=False)
    _failures: dict[bytes, deque[float]] = field(default_factory=dict, repr=False)

    def _client(self, address: str) -> bytes:
        return hashlib.blake2b(address.encode(), key=self._key, digest_size=12).digest()

    def _recent(self, client: bytes, now: float) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def retry_after(self, address: str, now: float | None = None) -> int:
        """Seconds until this client may try a code again (0 if it may now)."""
        now = time.monotonic() if now is None else now
        failures = self._recent(self._client(address), now)
        if len(failures) < self.attempts:
            return 0
        return max(1, int(failures[0] + self.window - now) + 1)

    def record_failure(self, address: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        client = self._client(address)
        self._recent(client, now).append(now)
        if len(self._failures) > 50_000:  # bound memory under a flood of addresses
            self._forget_idle(now)

    def _forget_idle(self, now: float) -> None:
        for client in [c for c, f in self._failures.items() if not f or f[-1] <= now - self.window]:
            del self._failures[client]
