"""Class codes: short enough to copy off a board, hard enough to guess, and a limit on guessing.

Seven characters from a 23-symbol alphabet give 23**7 ≈ 3.4 billion codes (about 31.7 bits). With
the default limit of 30 wrong codes per network per 10 minutes and a few hundred open sessions, a
guesser would expect to find one open class after decades, not minutes.
"""

from __future__ import annotations

import secrets

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
