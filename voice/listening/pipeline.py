"""Listen to one free-text answer: anonymise it, then screen and theme what is left.

Screening and theming read the anonymised text, never the original. So nothing they keep,
such as the words that triggered a flag, can carry a name, a number or an address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from voice.listening.anonymise import Anonymised, anonymise
from voice.listening.screen import Screening, screen
from voice.listening.theme import Codebook, Theming, theme


@dataclass(frozen=True)
class Listened:
    anonymised: Anonymised
    screening: Screening
    theming: Theming

    @property
    def text(self) -> str:
        """The only form of the answer that may be stored."""
        return self.anonymised.text


def listen(
    text: str, *, known_schools: Iterable[str] = (), codebook: Codebook | None = None
) -> Listened:
    anonymised = anonymise(text, known_schools=known_schools)
    return Listened(
        anonymised=anonymised,
        screening=screen(anonymised.text),
        theming=theme(anonymised.text, codebook),
    )
