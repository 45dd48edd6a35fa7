"""Load and validate survey files (`surveys/*.toml`): all of them or none.

Every mistake is reported at once, each naming the file, the question and what is wrong, so a
participation worker can fix a file in one pass; a catalogue with any error is never returned.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from voice.missions.loader import parse_pack
from voice.missions.model import MissionPack
from voice.surveys.checks import ID_RE, Checker, Problem, SurveyLoadError
from voice.surveys.model import (
    QUESTION_TYPES,
    Condition,
    Headline,
    Option,
    Question,
    Survey,
)

__all__ = ["Catalogue", "Problem", "SurveyLoadError", "load_catalogue", "parse_file",
           "parse_survey", "survey_files"]

TOP_LEVEL_KEYS = {"kind", "slug", "title", "version", "bands", "minutes", "about", "questions",
                  "codebook", "headlines"}
HEADLINE_KEYS = {"id", "label", "question", "answers"}
KINDS = ("survey", "missions")
QUESTION_KEYS = {
    "id", "type", "text", "help", "options", "labels", "not_sure", "pick", "max_length",
    "rather_not_say", "bands", "show_if",
}
CHOICE_TYPES = {"single", "multiple", "ranking"}
MAX_TEXT_LENGTH = 5000
YES_NO_LABELS = {"yes": "Yes", "no": "No", "not_sure": "Not sure"}


@dataclass
class Catalogue:
    """Every survey and mission pack known to this deployment, by slug (slugs are unique across
    both)."""

    surveys: dict[str, Survey] = field(default_factory=dict)
    packs: dict[str, MissionPack] = field(default_factory=dict)

    def get(self, slug: str) -> Survey | MissionPack | None:
        return self.surveys.get(slug) or self.packs.get(slug)

    def __iter__(self) -> Iterator[Survey | MissionPack]:
        yield from self.surveys.values()
        yield from self.packs.values()

    def __len__(self) -> int:
        return len(self.surveys) + len(self.packs)


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
    catalogue = Catalogue()
    seen: dict[str, str] = {}
    files = survey_files(paths)
    for path in files:
        loaded, file_problems = parse_file(path)
        problems.extend(file_problems)
        if loaded is None:
            continue
        if loaded.slug in seen:
            problems.append(
                Problem(str(path), f"slug '{loaded.slug}' is already used by {seen[loaded.slug]}")
            )
            continue
        seen[loaded.slug] = str(path)
        if isinstance(loaded, MissionPack):
            catalogue.packs[loaded.slug] = loaded
        else:
            catalogue.surveys[loaded.slug] = loaded
    if problems:
        raise SurveyLoadError(problems)
    return catalogue


def parse_file(path: Path) -> tuple[Survey | MissionPack | None, list[Problem]]:
    """Parse one file: a survey, or a mission pack (`kind = "missions"`). Returns it only if the
    file has no problems at all."""
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
    kind = data.get("kind", "survey")
    if kind == "missions":
        return parse_pack(data, name, path)
    if kind != "survey":
        return None, [Problem(name, f"'kind' {kind!r} is not one of {', '.join(KINDS)}")]
    return parse_survey(data, name, path)


def parse_survey(
    data: Mapping[str, Any], name: str, path: Path | None = None
) -> tuple[Survey | None, list[Problem]]:
    checker = _SurveyChecker(name)
    survey = checker.survey(data, path or Path(name))
    if checker.problems:
        return None, checker.problems
    return survey, []


class _SurveyChecker(Checker):
    """Walks one parsed survey file, collecting problems instead of stopping at the first."""

    def survey(self, data: Mapping[str, Any], path: Path | None) -> Survey | None:
        header = self.header(data, path, TOP_LEVEL_KEYS)
        questions = self.questions(data.get("questions"), header.bands)
        headlines = self.headlines(data.get("headlines"), questions)
        if self.problems:
            return None
        return Survey(
            slug=header.slug,
            title=header.title,
            version=header.version,
            bands=header.bands,
            about=header.about,
            questions=questions,
            minutes=header.minutes,
            path=path,
            codebook=header.codebook,
            headlines=headlines,
        )

    def headlines(self, value: Any, questions: tuple[Question, ...]) -> tuple[Headline, ...]:
        """Optional [[headlines]]: { id, label, question, answers = [values] }."""
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem("[[headlines]] must be a list of tables")
            return ()
        known = {question.id: question for question in questions}
        found: list[Headline] = []
        for number, raw in enumerate(value, start=1):
            where = f"headline #{number}"
            if not isinstance(raw, dict):
                self.problem(f"{where} must be a table")
                continue
            for key in sorted(set(raw) - HEADLINE_KEYS):
                self.problem(f"{where} has unknown key '{key}'")
            hid, label, qid, answers = (raw.get(k) for k in ("id", "label", "question", "answers"))
            if not isinstance(hid, str) or not ID_RE.match(hid):
                self.problem(f"{where}: 'id' must start with a letter and use only a-z, 0-9 and _")
            if not isinstance(label, str) or not label.strip():
                self.problem(f"{where}: 'label' must be text, e.g. \"Has a trusted adult\"")
            question = known.get(qid) if isinstance(qid, str) else None
            if question is None or question.type in ("text", "ranking", "multiple"):
                self.problem(f"{where}: 'question' must be a single, scale or yes/no question "
                             "in this file")
                continue
            values = {option.value for option in question.options}
            if not isinstance(answers, list) or not answers or any(a not in values for a in answers):
                self.problem(f"{where}: 'answers' must list values of '{qid}' "
                             f"({', '.join(sorted(values))})")
                continue
            if isinstance(hid, str) and isinstance(label, str):
                found.append(Headline(hid, label.strip(), question.id, frozenset(answers)))
        return tuple(found)

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
        return self.choices(raw.get(key), key, low, high, bands, label, f"{qtype} questions")

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
