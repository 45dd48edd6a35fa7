"""Reading-level lint: warn when a question reads above its age band.

Uses textstat's Flesch–Kincaid grade (a US school grade; UK year ≈ grade + 1). Very short texts
give noisy grades, so texts under a few words are not judged.
"""

from __future__ import annotations

import textstat

from voice.surveys.loader import Problem
from voice.surveys.model import Survey

# Highest Flesch–Kincaid grade a band's wording should read at.
BAND_GRADE: dict[str, float] = {"primary": 4.0, "secondary": 7.0, "post16": 9.0}
MIN_WORDS = 4


def reading_grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def reading_level_warnings(survey: Survey, file: str | None = None) -> list[Problem]:
    """One warning per question text or help that reads above its band's level."""
    name = file or str(survey.path or survey.slug)
    warnings: list[Problem] = []
    for question in survey.questions:
        for what, wording in (("text", question.text), ("help", question.help)):
            if not wording:
                continue
            for band, text in wording.items():
                if len(text.split()) < MIN_WORDS:
                    continue
                grade = reading_grade(text)
                limit = BAND_GRADE[band]
                if grade > limit:
                    warnings.append(
                        Problem(
                            name,
                            f"{what} for {band} reads at grade {grade:.1f}, above the "
                            f"{band} level of {limit:g}: use shorter words and sentences",
                            question.id,
                        )
                    )
    return warnings
