"""What every file in `surveys/` shares: problems, reported all at once, and the checks common
to surveys and mission packs (slug, version, age bands, per-band wording, the [about] texts, an
optional codebook, lists of options).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from voice.listening.theme import Codebook
from voice.surveys.model import ABOUT_KEYS, BANDS, Option, Wording

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
VALUE_RE = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Problem:
    """One mistake (or, for the reading-level lint, one warning) in one file."""

    file: str
    message: str
    question: str | None = None

    def __str__(self) -> str:
        # A survey names a question by its id; a mission pack's places are already phrases
        # ("mission 'x', response 'y'").
        where = ""
        if self.question:
            where = (f"{self.question}: " if self.question.startswith("mission ")
                     else f"question '{self.question}': ")
        return f"{self.file}: {where}{self.message}"


class SurveyLoadError(Exception):
    """One or more survey files are wrong; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass(frozen=True)
class Header:
    """The parts every survey and mission pack file starts with."""

    slug: str
    title: Wording
    version: str
    bands: tuple[str, ...]
    about: dict[str, Wording]
    minutes: int | None
    codebook: Path | None


class Checker:
    """Walks one parsed file, collecting problems instead of stopping at the first."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def problem(self, message: str, question: str | None = None) -> None:
        self.problems.append(Problem(self.name, message, question))

    def header(self, data: Mapping[str, Any], path: Path | None, keys: set[str]) -> Header:
        """Check the top-level keys and the shared header. Whatever is wrong is reported, and the
        rest of the file is still checked (with the bands that could be read)."""
        for key in sorted(set(data) - keys):
            self.problem(f"unknown key '{key}' (expected one of {', '.join(sorted(keys))})")
        slug = data.get("slug")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            self.problem("'slug' must be lowercase words joined by hyphens, e.g. 'your-voice-matters'")
        version = data.get("version")
        if not isinstance(version, str) or not version.strip():
            self.problem("'version' must be a non-empty string such as \"2026-27\"")
        bands = self.bands(data.get("bands"), BANDS, "'bands'")
        minutes = self.whole_number(data.get("minutes"), "'minutes'", 1, 120)
        codebook = self.codebook(data.get("codebook"), path)
        title = self.wording(data.get("title"), bands, "'title'")
        about = self.about(data.get("about"), bands)
        return Header(slug if isinstance(slug, str) else "", title or {},
                      version if isinstance(version, str) else "", bands, about, minutes, codebook)

    def whole_number(
        self, value: Any, what: str, low: int, high: int, question: str | None = None,
        default: int | None = None,
    ) -> int | None:
        """An optional whole number from `low` to `high` (`default` when absent or wrong)."""
        if value is None:
            return default
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.problem(f"{what} must be a whole number from {low} to {high}", question)
            return default
        return value

    def codebook(self, value: Any, path: Path | None) -> Path | None:
        """An optional theming codebook, a path relative to the survey file; it must load."""
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem("'codebook' must be a path to a codebook file, relative to this file")
            return None
        resolved = (path.parent if path else Path(".")) / value
        try:
            Codebook.load(resolved)
        except (OSError, ValueError) as error:
            self.problem(f"'codebook' {value!r} cannot be used: {error}")
            return None
        return resolved

    def bands(
        self, value: Any, allowed: tuple[str, ...], what: str, question: str | None = None
    ) -> tuple[str, ...]:
        if not isinstance(value, list) or not value or not all(isinstance(b, str) for b in value):
            self.problem(f"{what} must be a list of age bands, e.g. [\"primary\", \"secondary\"]",
                         question)
            return ()
        unknown = [band for band in value if band not in allowed]
        if unknown:
            self.problem(
                f"{what} has {', '.join(repr(b) for b in unknown)}; allowed here: "
                f"{', '.join(allowed)}",
                question,
            )
        if len(set(value)) != len(value):
            self.problem(f"{what} lists a band twice", question)
        return tuple(band for band in BANDS if band in value)

    def wording(
        self, value: Any, bands: tuple[str, ...], what: str, question: str | None = None,
        *, required: bool = True,
    ) -> Wording | None:
        """A text value: one string for every band, or a table with one string per band."""
        if value is None:
            if required:
                self.problem(f"{what} is missing", question)
            return None
        if isinstance(value, str):
            if not value.strip():
                self.problem(f"{what} is empty", question)
            return {band: value.strip() for band in bands}
        if isinstance(value, dict):
            unknown = sorted(set(value) - set(BANDS))
            if unknown:
                self.problem(f"{what} has wording for unknown band(s) {', '.join(unknown)}",
                             question)
            missing = [band for band in bands if band not in value]
            if missing:
                self.problem(f"{what} has no wording for {', '.join(missing)}", question)
            result: dict[str, str] = {}
            for band in bands:
                text = value.get(band)
                if band in value and (not isinstance(text, str) or not text.strip()):
                    self.problem(f"{what} for {band} must be non-empty text", question)
                elif isinstance(text, str):
                    result[band] = text.strip()
            return result
        self.problem(f"{what} must be text, or a table of text per band", question)
        return None

    def about(self, value: Any, bands: tuple[str, ...]) -> dict[str, Wording]:
        if not isinstance(value, dict):
            self.problem(f"[about] is missing; it needs {', '.join(ABOUT_KEYS)}")
            return {}
        for key in sorted(set(value) - set(ABOUT_KEYS)):
            self.problem(f"[about] has unknown key '{key}'")
        about: dict[str, Wording] = {}
        for key in ABOUT_KEYS:
            wording = self.wording(value.get(key), bands, f"[about] '{key}'")
            if wording is not None:
                about[key] = wording
        return about


    def choices(
        self, items: Any, key: str, low: int, high: int, bands: tuple[str, ...], label: str,
        what: str,
    ) -> tuple[Option, ...]:
        """A list of {{ value, label }} tables: values unique and simple, labels worded per band."""
        if not isinstance(items, list) or not low <= len(items) <= high:
            self.problem(f"{what} need '{key}': a list of {low} to {high} "
                         "{ value = \"…\", label = \"…\" }", label)
            return ()
        options: list[Option] = []
        seen: set[str] = set()
        for position, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                self.problem(f"{key} #{position} must be {{ value = \"…\", label = \"…\" }}", label)
                continue
            value = item.get("value")
            if not isinstance(value, str) or not VALUE_RE.match(value):
                self.problem(f"{key} #{position}: 'value' must use only a-z, 0-9 and _", label)
                continue
            if value in seen:
                self.problem(f"{key}: the value '{value}' is used twice", label)
                continue
            seen.add(value)
            for extra in sorted(set(item) - {"value", "label"}):
                self.problem(f"{key} '{value}': unknown key '{extra}'", label)
            wording = self.wording(item.get("label"), bands, f"{key} '{value}' label", label)
            if wording is not None:
                options.append(Option(value, wording))
        return tuple(options)
