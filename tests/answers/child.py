"""A simulated child driving the journey over plain HTTP, reading pages as a person would."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from starlette.testclient import TestClient

from voice.surveys.model import BandQuestion, BandSurvey


class Child:
    def __init__(self, client: TestClient, survey: BandSurvey) -> None:
        self.client = client
        self.survey = survey
        self.response: Any = None

    @property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.response.text, "html.parser")

    @property
    def path(self) -> str:
        return self.response.url.path

    @property
    def question(self) -> BandQuestion | None:
        if not self.path.startswith("/answer/"):
            return None
        return self.survey.question(self.path.rsplit("/", 1)[1])

    def join(self, code: str) -> Child:
        self.response = self.client.post("/join", data={"code": code})
        return self

    def take_part(self, answer: str = "yes") -> Child:
        token = self.soup.find("input", {"name": "token"})["value"]
        action = self.soup.find("form", class_="take-part")["action"]
        self.response = self.client.post(action, data={"token": token, "take_part": answer})
        return self

    def start(self, code: str) -> Child:
        return self.join(code).take_part()

    def post(self, action: str = "next", **fields: Any) -> Child:
        form = self.soup.find("form", class_="question")
        self.response = self.client.post(form["action"], data={"action": action, **fields})
        return self

    def answer_with(self, value: Any) -> Child:
        question = self.question
        assert question is not None, f"not on a question page: {self.path}"
        if question.type == "ranking":
            fields = {f"rank_{i + 1}": v for i, v in enumerate(value)}
            return self.post(**fields)
        return self.post(answer=value)

    def answer_typical(self) -> Child:
        """Answer whatever question this is with a sensible first choice."""
        question = self.question
        assert question is not None
        if question.type == "text":
            return self.answer_with("More buses in the evening please")
        if question.type == "ranking":
            return self.answer_with([c.value for c in question.choices[: question.pick]])
        if question.type == "multiple":
            return self.answer_with([question.choices[0].value])
        return self.answer_with(question.choices[-1].value)

    def answer_all(self, limit: int = 40) -> Child:
        for _ in range(limit):
            if self.question is None:
                return self
            self.answer_typical()
        raise AssertionError("the survey never ended")

    def submit(self) -> Child:
        form = self.soup.find("form", action="/submit")
        assert form is not None, "no send button on this page"
        self.response = self.client.post("/submit")
        return self
