"""Analysts' pages: results per survey, and the theming workspace (codebook, coding, agreement,
quotes). Analysts and administrators only; every change is audited."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from voice.errors import NotFound
from voice.listening.theme import Codebook
from voice.missions.model import MissionPack
from voice.results import workspace as ws
from voice.results.analysis import SPLITS, Filters, survey_results
from voice.results.exports import FORMATS, KINDS, export
from voice.staff.accounts import record
from voice.staff.auth import checked_form, signed_in, staff_only
from voice.staff.routes import BAND_NAMES, page, see_other
from voice.surveys.model import Survey
from voice.web.forms import first
from voice.web.state import services

RESULTS_ROLES = ("analyst", "admin")
TEXT_TYPES = {"text", "ran_for_a_day", "places", "leader_questions", "upload"}


def _item(request: Request) -> Survey | MissionPack:
    found = services(request).catalogue.get(request.path_params["slug"])
    if found is None:
        raise NotFound("There is no survey or mission pack with that name.")
    return found


def _start_codebook(request: Request, slug: str) -> Codebook:
    return services(request).codebooks.get(slug) or Codebook.default()


def text_questions(item: Survey | MissionPack) -> list[tuple[str, str]]:
    """(question id, what it asked) for every free-text question, or each mission with writing."""
    if isinstance(item, Survey):
        return [(q.id, q.text[q.bands[0]]) for q in item.questions if q.type == "text"]
    return [(m.id, m.title[item.bands[0]]) for m in item.missions
            if any(r.type in TEXT_TYPES for r in m.responses)]


# -- results ---------------------------------------------------------------------------------------


@staff_only(RESULTS_ROLES)
async def results_home(request: Request) -> Response:
    catalogue = services(request).catalogue
    return page(request, "staff/results_home.html", {
        "surveys": list(catalogue.surveys.values()), "packs": list(catalogue.packs.values()),
        "band_names": BAND_NAMES, "text_questions": text_questions})


def _filters(request: Request) -> Filters:
    query = request.query_params

    def day(name: str) -> date | None:
        try:
            return date.fromisoformat(query.get(name, ""))
        except ValueError:
            return None

    year = query.get("year", "")
    split = query.get("split", "")
    return Filters(band=query.get("band", ""), school=query.get("school", ""),
                   year_group=int(year) if year.isdigit() else None, opens_from=day("from"),
                   opens_to=day("to"), version=query.get("version", ""),
                   split=split if split in SPLITS else "")


@staff_only(RESULTS_ROLES)
async def results(request: Request) -> Response:
    item = _item(request)
    if isinstance(item, MissionPack):
        return RedirectResponse(f"/staff/missions/{item.slug}", status_code=303)
    voice = services(request)
    found = survey_results(voice.results, item, _filters(request))
    return page(request, "staff/results.html", {
        "r": found, "survey": item, "splits": SPLITS, "band_names": BAND_NAMES,
        "text_questions": dict(text_questions(item)), "small": voice.settings.small_number,
        "query": request.url.query})


@staff_only(RESULTS_ROLES)
async def download(request: Request) -> Response:
    """An export as a file: answers, submissions, themes (counts, small numbers hidden) or the
    codebook, in CSV or XLSX. Written to a temporary file off the event loop, then deleted."""
    item = _item(request)
    voice = services(request)
    kind = request.query_params.get("kind", "")
    fmt = request.query_params.get("format", "")
    if kind not in KINDS or fmt not in FORMATS:
        raise NotFound("Choose one of the exports listed on the results page.")
    folder = tempfile.mkdtemp(prefix="voice-export-")
    path = Path(folder) / f"{item.slug}-{kind}.{fmt}"
    try:
        await run_in_threadpool(export, voice.engine, voice.catalogue, item.slug, kind, fmt,
                                path, small_number=voice.settings.small_number)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    with voice.engine.begin() as conn:
        record(conn, signed_in(request), "export", item.slug, f"{kind} as {fmt}")
    media = ("text/csv; charset=utf-8" if fmt == "csv" else
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    return FileResponse(path, media_type=media, filename=path.name,
                        headers={"Cache-Control": "private, no-store"},
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))


# -- the theming workspace -----------------------------------------------------------------------


def _workspace_context(request: Request, item: Survey | MissionPack,
                       question_id: str) -> dict[str, Any]:
    voice = services(request)
    asked = dict(text_questions(item))
    if question_id not in asked:
        raise NotFound("There is no free-text question with that name.")
    themes = ws.working_codebook(voice.engine, item.slug, _start_codebook(request, item.slug))
    names = ws.resolve(themes)
    theme_filter = request.query_params.get("theme", "")
    sample = request.query_params.get("sample") == "1"
    words = request.query_params.get("q", "").strip()[:100]
    staff = signed_in(request)
    found = ws.work_answers(voice.engine, item.slug, question_id, staff.id, names,
                            theme_filter=theme_filter, sample_only=sample, words=words)
    try:
        number = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        number = 1
    pages = max(1, -(-len(found) // ws.PAGE))
    number = min(number, pages)
    return {
        "item": item, "question_id": question_id, "question_text": asked[question_id],
        "answers": found[(number - 1) * ws.PAGE: number * ws.PAGE], "total": len(found),
        "page_number": number, "pages": pages, "themes": themes,
        "active": [t for t in themes if t.status == "active"],
        "labels": {t.name: t.label for t in themes}, "theme_filter": theme_filter,
        "sample": sample, "words": words, "phrases": ws.emergent_phrases(found),
        "base": f"/staff/workspace/{item.slug}/{question_id}",
        "back_query": request.url.query if request.method == "GET" else "",
        "band_names": BAND_NAMES, "error": None,
    }


@staff_only(RESULTS_ROLES)
async def workspace(request: Request) -> Response:
    item = _item(request)
    return page(request, "staff/workspace.html",
                _workspace_context(request, item, request.path_params["question_id"]))


def _back(request: Request, fields: dict[str, list[str]]) -> str:
    base = f"/staff/workspace/{request.path_params['slug']}/{request.path_params['question_id']}"
    query = first(fields, "back")
    return base + ("?" + query if query and "//" not in query and "\\" not in query else "")


def _answer_key(value: str) -> tuple[str, str] | None:
    sub_id, _, qid = value.partition("|")
    return (sub_id, qid) if sub_id and qid else None


@staff_only(RESULTS_ROLES)
async def decide(request: Request) -> Response:
    """One theme on one answer: confirm, reject or take back (htmx swaps the answer's row)."""
    item = _item(request)
    fields = await checked_form(request)
    voice = services(request)
    key = _answer_key(first(fields, "answer"))
    name = first(fields, "theme")
    choice = first(fields, "decision")
    themes = ws.working_codebook(voice.engine, item.slug, _start_codebook(request, item.slug))
    if key is None or name not in {t.name for t in themes if t.status == "active"} \
            or choice not in ("yes", "no", "undo"):
        raise ws.WorkspaceError("Choose a theme and confirm or reject it.")
    ws.decide(voice.engine, signed_in(request).id, [key], name,
              None if choice == "undo" else choice == "yes")
    if request.headers.get("hx-request") == "true":
        context = _workspace_context(request, item, request.path_params["question_id"])
        every = ws.work_answers(voice.engine, item.slug, request.path_params["question_id"],
                                signed_in(request).id, ws.resolve(themes))
        context["a"] = next(a for a in every if (a.submission_id, a.question_id) == key)
        return page(request, "staff/_workspace_row.html", context)
    return see_other(_back(request, fields))


@staff_only(RESULTS_ROLES)
async def bulk(request: Request) -> Response:
    item = _item(request)
    fields = await checked_form(request)
    voice = services(request)
    keys = [k for k in (_answer_key(v) for v in fields.get("answers", [])) if k]
    name = first(fields, "theme")
    choice = first(fields, "decision")
    themes = ws.working_codebook(voice.engine, item.slug, _start_codebook(request, item.slug))
    if not keys:
        raise ws.WorkspaceError("Tick the answers you want to code first.")
    if name not in {t.name for t in themes if t.status == "active"} or choice not in ("yes", "no"):
        raise ws.WorkspaceError("Choose a theme, then confirm or reject it for the ticked answers.")
    ws.decide(voice.engine, signed_in(request).id, keys, name, choice == "yes")
    return see_other(_back(request, fields))


@staff_only(RESULTS_ROLES)
async def quote(request: Request) -> Response:
    item = _item(request)
    fields = await checked_form(request)
    voice = services(request)
    key = _answer_key(first(fields, "answer"))
    if key is None:
        raise ws.WorkspaceError("Choose an answer to quote.")
    if first(fields, "action") == "withdraw":
        ws.withdraw_quote(voice.engine, item.slug, signed_in(request), *key)
    else:
        ws.approve_quote(voice.engine, item.slug, signed_in(request), *key,
                         known_schools=voice.known_schools())
    return see_other(_back(request, fields))


@staff_only(RESULTS_ROLES)
async def codebook(request: Request) -> Response:
    item = _item(request)
    voice = services(request)
    staff = signed_in(request)
    start = _start_codebook(request, item.slug)
    error, status, message = None, 200, None
    if request.method == "POST":
        fields = await checked_form(request)
        action = first(fields, "action")
        values = {k: first(fields, k) for k in ("label", "description", "examples", "not_text")}
        try:
            if action == "add":
                ws.add_theme(voice.engine, item.slug, staff, name=first(fields, "name"), **values)
            elif action == "edit":
                ws.edit_theme(voice.engine, item.slug, staff, first(fields, "name"), **values)
            elif action == "retire":
                ws.retire_theme(voice.engine, item.slug, staff, first(fields, "name"))
            elif action == "merge":
                ws.merge_themes(voice.engine, item.slug, staff, first(fields, "source"),
                                first(fields, "target"))
            elif action != "rerun":
                raise ws.WorkspaceError("Choose what to do.")
            themes = ws.working_codebook(voice.engine, item.slug, start)
            working = ws.as_codebook(themes)
            voice.codebooks[item.slug] = working  # new answers in this process use it at once
            if action in ("rerun", "merge", "retire", "add", "edit"):
                count = ws.rerun_suggestions(voice.engine, item.slug, working, ws.resolve(themes))
                message = f"Suggestions were made again for {count} answer" \
                          f"{'' if count == 1 else 's'} with the codebook as it is now."
        except ws.WorkspaceError as problem:
            error, status = problem.message, 400
    themes = ws.working_codebook(voice.engine, item.slug, start)
    return page(request, "staff/codebook.html", {
        "item": item, "themes": themes, "active": [t for t in themes if t.status == "active"],
        "labels": {t.name: t.label for t in themes}, "error": error, "message": message,
        "text_questions": text_questions(item)}, status_code=status)


@staff_only(RESULTS_ROLES)
async def agreement_page(request: Request) -> Response:
    item = _item(request)
    voice = services(request)
    question_id = request.path_params["question_id"]
    asked = dict(text_questions(item))
    if question_id not in asked:
        raise NotFound("There is no free-text question with that name.")
    everyone = ws.coders(voice.engine, item.slug)
    me = signed_in(request).id
    try:
        first_id = int(request.query_params.get("first", me))
        second_id = int(request.query_params.get("second", next(
            (c for c, _ in everyone if c != first_id), 0)))
    except ValueError:
        first_id, second_id = me, 0
    themes = ws.working_codebook(voice.engine, item.slug, _start_codebook(request, item.slug))
    both, rows = (0, [])
    if second_id and second_id != first_id:
        both, rows = ws.theme_agreement(voice.engine, item.slug, question_id, first_id,
                                        second_id, themes)
    return page(request, "staff/agreement.html", {
        "item": item, "question_id": question_id, "question_text": asked[question_id],
        "coders": everyone, "first_id": first_id, "second_id": second_id, "both": both,
        "rows": rows})


routes = [
    Route("/staff/results", results_home, name="staff_results_home"),
    Route("/staff/results/{slug}", results, name="staff_results"),
    Route("/staff/results/{slug}/export", download, name="staff_results_export"),
    Route("/staff/workspace/{slug}/codebook", codebook, methods=["GET", "POST"],
          name="staff_codebook"),
    Route("/staff/workspace/{slug}/{question_id}", workspace, name="staff_workspace"),
    Route("/staff/workspace/{slug}/{question_id}/decide", decide, methods=["POST"],
          name="staff_workspace_decide"),
    Route("/staff/workspace/{slug}/{question_id}/bulk", bulk, methods=["POST"],
          name="staff_workspace_bulk"),
    Route("/staff/workspace/{slug}/{question_id}/quote", quote, methods=["POST"],
          name="staff_workspace_quote"),
    Route("/staff/workspace/{slug}/{question_id}/agreement", agreement_page,
          name="staff_workspace_agreement"),
]
