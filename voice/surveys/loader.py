"""Load and validate survey files (`surveys/*.toml`): all of them or none.

Every mistake is reported at once, each naming the file, the question and what is wrong, so a
participation worker can fix a file in one pass; a catalogue with any error is never returned.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice.listening.theme import Codebook
from voice.surveys.model import (
    ABOUT_KEYS,
    BANDS,
    QUESTION_TYPES,
    Condition,
    Option,
    Question,
    Survey,
    Wording,
)

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
VALUE_RE = re.compile(r"^[a-z0-9_]+$")
TOP_LEVEL_KEYS = {"slug", "title", "version", "bands", "minutes", "about", "questions", "codebook"}
QUESTION_KEYS = {
    "id", "type", "text", "help", "options", "labels", "not_sure", "pick", "max_length",
    "rather_not_say", "bands", "show_if",
}
CHOICE_TYPES = {"single", "multiple", "ranking"}
MAX_TEXT_LENGTH = 5000
YES_NO_LABELS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}


@dataclass(frozen=True)
class Problem:
    """One mistake (or, for the reading-level lint, one warning) in one file."""

    file: str
    message: str
    question: str | None = None

    def __str__(self) -> str:
        where = f"question '{self.question}': " if self.question else ""
        return f"{self.file}: {where}{self.message}"


class SurveyLoadError(Exception):
    """One or more survey files are wrong; nothing was loaded."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Catalogue:
    """Every survey known to this deployment, by slug."""

    surveys: dict[str, Survey] = field(default_factory=dict)

    def get(self, slug: str) -> Survey | None:
        return self.surveys.get(slug)

    def __iter__(self) -> Iterator[Survey]:
        return iter(self.surveys.values())

    def __len__(self) -> int:
        return len(self.surveys)


def survey_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders into their `*.toml` files, sorted so errors come out in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.glob("*.toml")))
        else:
            files.append(path)
    return files


def load_catalogue(paths: Iterable[Path]) -> Catalogue:
    """Load every survey file under `paths`, or raise SurveyLoadError listing every problem."""
    problems: list[Problem] = []
    surveys: dict[str, Survey] = {}
    seen: dict[str, str] = {}
    files = survey_files(paths)
    for path in files:
        survey, file_problems = parse_survey_file(path)
        problems.extend(file_problems)
        if survey is None:
            continue
        if survey.slug in seen:
            problems.append(
                Problem(str(path), f"slug '{survey.slug}' is already used by {seen[survey.slug]}")
            )
            continue
        seen[survey.slug] = str(path)
        surveys[survey.slug] = survey
    if problems:
        raise SurveyLoadError(problems)
    return Catalogue(surveys)


def parse_survey_file(path: Path) -> tuple[Survey | None, list[Problem]]:
    """Parse one file. Returns the survey only if the file has no problems at all."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(name, f"cannot be read ({error.strerror or error})")]
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [Problem(name, "is not UTF-8 text")]
    except tomllib.TOMLDecodeError as error:
        return None, [Problem(name, f"is not valid TOML: {error}")]
    return parse_survey(data, name, path)


def parse_survey(
    data: Mapping[str, Any], name: str, path: Path | None = None
) -> tuple[Survey | None, list[Problem]]:
    checker = _Checker(name)
    survey = checker.survey(data, path or Path(name))
    if checker.problems:
        return None, checker.problems
    return survey, []


class _Checker:
    """Walks one parsed file, collecting problems instead of stopping at the first."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []

    def problem(self, message: str, question: str | None = None) -> None:
        self.problems.append(Problem(self.name, message, question))

    # -- the file ----------------------------------------------------------------------------
    def survey(self, data: Mapping[str, Any], path: Path | None) -> Survey | None:
        for key in sorted(set(data) - TOP_LEVEL_KEYS):
            self.problem(f"unknown key '{key}' (expected one of {', '.join(sorted(TOP_LEVEL_KEYS))})")
        slug = data.get("slug")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            self.problem("'slug' must be lowercase words joined by hyphens, e.g. 'your-voice-matters'")
        version = data.get("version")
        if not isinstance(version, str) or not version.strip():
            self.problem("'version' must be a non-empty string such as \"2026-27\"")
        bands = self.bands(data.get("bands"), BANDS, "'bands'")
        minutes = data.get("minutes")
        if minutes is not None and (not isinstance(minutes, int) or not 1 <= minutes <= 120):
            self.problem("'minutes' must be a whole number from 1 to 120")
            minutes = None
        codebook = self.codebook(data.get("codebook"), path)
        title = self.wording(data.get("title"), bands, "'title'")
        about = self.about(data.get("about"), bands)
        questions = self.questions(data.get("questions"), bands)
        if self.problems:
            return None
        assert isinstance(slug, str) and isinstance(version, str) and title is not None
        return Survey(
            slug=slug,
            title=title,
            version=version,
            bands=bands,
            about=about,
            questions=questions,
            minutes=minutes,
            path=path,
            codebook=codebook,
        )

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

    # -- the questions -----------------------------------------------------------------------
    def questions(self, value: Any, bands: tuple[str, ...]) -> tuple[Question, ...]:
        if not isinstance(value, list) or not value:
            self.problem("there are no [[questions]]")
            return ()
        questions: list[Question] = []
        known: dict[str, Question] = {}
        self.broken: set[str] = set()  # questions already reported: no knock-on complaints
        for number, raw in enumerate(value, start=1):
            label = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) \
                else f"#{number}"
            if not isinstance(raw, dict):
                self.problem("must be a table", label)
                continue
            question = self.question(raw, label, bands, known)
            if question is None:
                self.broken.add(label)
                continue
            if question.id in known:
                self.problem("the id is used twice in this file", question.id)
                continue
            known[question.id] = question
            questions.append(question)
        return tuple(questions)

    def question(
        self, raw: Mapping[str, Any], label: str, survey_bands: tuple[str, ...],
        earlier: Mapping[str, Question],
    ) -> Question | None:
        before = len(self.problems)
        for key in sorted(set(raw) - QUESTION_KEYS):
            self.problem(f"unknown key '{key}'", label)
        qid = raw.get("id")
        if not isinstance(qid, str) or not ID_RE.match(qid):
            self.problem("'id' must start with a letter and use only a-z, 0-9 and _", label)
        qtype = raw.get("type")
        if qtype not in QUESTION_TYPES:
            self.problem(f"'type' {qtype!r} is not one of {', '.join(QUESTION_TYPES)}", label)
        bands = survey_bands
        if "bands" in raw:
            bands = self.bands(raw["bands"], survey_bands, "'bands'", label)
        text = self.wording(raw.get("text"), bands, "'text'", label)
        help_text = self.wording(raw.get("help"), bands, "'help'", label, required=False)
        options = self.options(raw, qtype, bands, label)
        pick = self.pick(raw, qtype, len(options), label)
        max_length = self.max_length(raw, qtype, label)
        rather_not_say = raw.get("rather_not_say", True)
        if not isinstance(rather_not_say, bool):
            self.problem("'rather_not_say' must be true or false", label)
        show_if = self.condition(raw.get("show_if"), bands, earlier, label)
        for key, allowed in (("not_sure", {"yes_no"}), ("pick", {"ranking"}),
                             ("max_length", {"text"}), ("labels", {"scale"})):
            if key in raw and qtype in QUESTION_TYPES and qtype not in allowed:
                self.problem(f"'{key}' only applies to {', '.join(sorted(allowed))} questions", label)
        if qtype in {"yes_no", "text", "scale"} and "options" in raw:
            hint = "use 'labels'" if qtype == "scale" else "remove it"
            self.problem(f"'options' does not apply to {qtype} questions ({hint})", label)
        if len(self.problems) > before:
            return None
        assert isinstance(qid, str) and isinstance(qtype, str) and text is not None
        return Question(
            id=qid, type=qtype, text=text, bands=bands, help=help_text, options=options,
            pick=pick, max_length=max_length, rather_not_say=bool(rather_not_say),
            show_if=show_if,
        )

    def options(
        self, raw: Mapping[str, Any], qtype: Any, bands: tuple[str, ...], label: str
    ) -> tuple[Option, ...]:
        if qtype == "yes_no":
            not_sure = raw.get("not_sure", False)
            if not isinstance(not_sure, bool):
                self.problem("'not_sure' must be true or false", label)
                not_sure = False
            values = ["yes", "no"] + (["not_sure"] if not_sure else [])
            return tuple(
                Option(value, {band: YES_NO_LABELS[value] for band in bands}) for value in values
            )
        if qtype == "scale":
            key, low, high = "labels", 3, 5
        elif qtype in CHOICE_TYPES:
            key, low, high = "options", 2, 20
        else:
            return ()
        items = raw.get(key)
        if not isinstance(items, list) or not low <= len(items) <= high:
            self.problem(f"{qtype} questions need '{key}': a list of {low} to {high} "
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

    def pick(self, raw: Mapping[str, Any], qtype: Any, option_count: int, label: str) -> int:
        if qtype != "ranking":
            return 0
        pick = raw.get("pick", min(3, option_count))
        if not isinstance(pick, int) or isinstance(pick, bool) or pick < 1:
            self.problem("'pick' must be a whole number of at least 1", label)
            return 0
        if option_count and pick > option_count:
            self.problem(f"'pick' is {pick} but there are only {option_count} options", label)
        return pick

    def max_length(self, raw: Mapping[str, Any], qtype: Any, label: str) -> int:
        value = raw.get("max_length", 1000)
        if qtype == "text" and (
            not isinstance(value, int) or isinstance(value, bool)
            or not 1 <= value <= MAX_TEXT_LENGTH
        ):
            self.problem(f"'max_length' must be a whole number from 1 to {MAX_TEXT_LENGTH}", label)
            return 1000
        return value if isinstance(value, int) else 1000

    def condition(
        self, raw: Any, bands: tuple[str, ...], earlier: Mapping[str, Question], label: str
    ) -> Condition | None:
        if raw is None:
            return None
        if not isinstance(raw, dict) or set(raw) != {"question", "answer"}:
            self.problem("'show_if' must be { question = \"id\", answer = [\"value\", …] }", label)
            return None
        target_id, answers = raw["question"], raw["answer"]
        if isinstance(answers, str):
            answers = [answers]
        target = earlier.get(target_id) if isinstance(target_id, str) else None
        if target is None and target_id in getattr(self, "broken", ()):
            return None
        if target is None:
            self.problem(f"'show_if' refers to {target_id!r}, which is not an earlier question",
                         label)
            return None
        if target.type in {"text", "ranking"}:
            self.problem(f"'show_if' cannot depend on the {target.type} question '{target_id}'",
                         label)
            return None
        missing_bands = [band for band in bands if band not in target.bands]
        if missing_bands:
            self.problem(f"'show_if' depends on '{target_id}', which is not asked in "
                         f"{', '.join(missing_bands)}", label)
        values = {option.value for option in target.options}
        if not isinstance(answers, list) or not answers or not all(
            isinstance(answer, str) for answer in answers
        ):
            self.problem("'show_if' answer must be a list of answer values", label)
            return None
        unknown = [answer for answer in answers if answer not in values]
        if unknown:
            self.problem(
                f"'show_if' answer {', '.join(repr(a) for a in unknown)} is not a value of "
                f"'{target_id}' ({', '.join(sorted(values))})",
                label,
            )
            return None
        return Condition(target_id, frozenset(answers))
