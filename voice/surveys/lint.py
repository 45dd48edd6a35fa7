"""Reading-level lint: warn when a question reads above its age band.

Uses textstat's Flesch–Kincaid grade (a US school grade; UK year ≈ grade + 1). Very short texts
give noisy grades, so texts under a few words are not judged.
"""

from __future__ import annotations

from collections.abc import Iterator

import textstat

from voice.missions.model import MissionPack
from voice.surveys.checks import Problem
from voice.surveys.model import Survey, Wording

# Highest Flesch–Kincaid grade a band's wording should read at.
BAND_GRADE: dict[str, float] = {"primary": 4.0, "secondary": 7.0, "post16": 9.0}
MIN_WORDS = 4


def reading_grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def grade_above(text: str, band: str) -> float | None:
    """The text's grade when it reads above `band`'s level (None when it doesn't, or is too
    short to judge)."""
    limit = BAND_GRADE.get(band)
    if limit is None or len(text.split()) < MIN_WORDS:
        return None
    grade = reading_grade(text)
    return grade if grade > limit else None


def _children_read(item: Survey | MissionPack) -> Iterator[tuple[str, str, Wording | None]]:
    """(where, what, wording) for every text a child reads: questions and their help; for a
    mission pack, each brief and each response's prompt, help and options. Teacher notes are for
    adults and are not judged."""
    if isinstance(item, Survey):
        for question in item.questions:
            yield question.id, "text", question.text
            yield question.id, "help", question.help
        return
    for mission in item.missions:
        yield f"mission '{mission.id}'", "brief", mission.brief
        for response in mission.responses:
            where = f"mission '{mission.id}', response '{response.id}'"
            yield where, "text", response.text
            yield where, "help", response.help
            for option in response.options:
                yield where, f"option '{option.value}'", option.label


def reading_level_warnings(item: Survey | MissionPack, file: str | None = None) -> list[Problem]:
    """One warning per text a child reads that reads above its band's level."""
    name = file or str(item.path or item.slug)
    warnings: list[Problem] = []
    for where, what, wording in _children_read(item):
        if not wording:
            continue
        for band, text in wording.items():
            grade = grade_above(text, band)
            if grade is not None:
                warnings.append(
                    Problem(
                        name,
                        f"{what} for {band} reads at grade {grade:.1f}, above the "
                        f"{band} level of {BAND_GRADE[band]:g}: use shorter words and sentences",
                        where,
                    )
                )
    return warnings
