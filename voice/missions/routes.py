"""The class's side of the Takeover Challenge: choose who is answering, see the missions, do one.

A device joins with the class code (the same `/join/CODE` as a survey) and says who is answering
on it: the whole class, a group (Group 1 to 12) or one child. A signed cookie then holds the
team's random id, never a name. Each mission is one form; it can be sent again to change it
until the session closes.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.answers.tokens import JourneyRef
from voice.clock import utcnow
from voice.errors import JourneyNotFound, NotFound, SessionUnavailable
from voice.listening.pipeline import listen
from voice.missions.forms import MissionProblems, read_mission
from voice.missions.images import MAX_BYTES
from voice.missions.model import AGENCIES, MAX_GROUPS, PLACE_FEELINGS, MissionPack
from voice.missions.service import TeamWork, join_team, save_mission, team_work
from voice.sessions.codes import display_code
from voice.sessions.routes import open_session
from voice.sessions.service import SessionInfo
from voice.web.forms import Fields, first, form_fields, form_with_files
from voice.web.state import cookie_secure, path_for, services

TEAM_COOKIE = "voice_team"
SUPPORT_COOKIE = "voice_support"
NO_TEAM = ("We couldn't find your missions on this device. Type your class code again and choose "
           "your group: your work so far is saved.")
UPLOAD_BODY_BYTES = MAX_BYTES + 256 * 1024  # one picture plus the rest of the form


def pack_for(request: Request, info: SessionInfo) -> MissionPack | None:
    return services(request).catalogue.packs.get(info.survey_slug)


# -- joining -------------------------------------------------------------------------------------


def welcome(request: Request, info: SessionInfo, pack: MissionPack, *, error: str | None = None,
            chosen: str = "", group: str = "", status_code: int = 200) -> Response:
    """Who is asking and why, and "who is answering on this device?"."""
    voice = services(request)
    return voice.pages.render(request, "missions/welcome.html", {
        "pack": pack, "band": info.band, "about": {k: w[info.band] for k, w in pack.about.items()},
        "code": info.code, "display_code": display_code(info.code),
        "token": voice.signer.start_token(info.code), "groups": range(1, MAX_GROUPS + 1),
        "error": error, "chosen": chosen, "group": group,
        "kinds": [kind for kind in ("group", "individual", "class")
                  if any(kind in m.by for m in pack.missions)],
    }, status_code=status_code)


async def choose_team(request: Request) -> Response:
    voice = services(request)
    info = await open_session(request, request.path_params["code"])
    pack = pack_for(request, info)
    if pack is None:
        return RedirectResponse(path_for(request, "welcome", code=info.code), status_code=303)
    form = await form_fields(request)
    kind, group = first(form, "team"), first(form, "group")
    team: str | None
    if kind == "class":
        team = "class"
    elif kind == "group":
        if not group.isdigit() or not 1 <= int(group) <= MAX_GROUPS:
            return welcome(request, info, pack, error="Please choose your group's number.",
                           chosen=kind, status_code=400)
        team = f"group-{int(group)}"
    elif kind == "individual":
        team = None
    else:
        return welcome(request, info, pack, error="Please choose who is answering on this device.",
                       status_code=400)
    new_id = voice.signer.read_start_token(first(form, "token"), info.code)
    if new_id is None:  # an old or altered page: show a fresh one
        return RedirectResponse(path_for(request, "welcome", code=info.code), status_code=303)
    submission_id = join_team(voice.engine, info, team, new_id)
    response = RedirectResponse(path_for(request, "missions"), status_code=303)
    response.set_cookie(TEAM_COOKIE, voice.signer.cookie_value(JourneyRef(submission_id, info.code)),
                        max_age=voice.signer.max_age, httponly=True, samesite="lax",
                        secure=cookie_secure(request))
    return response


def carry_on(request: Request) -> dict[str, str] | None:
    """"Carry on with your missions" for the front page, if this device has a team."""
    voice = services(request)
    ref = voice.signer.read_cookie(request.cookies.get(TEAM_COOKIE))
    if ref is None:
        return None
    info = voice.sessions.get(ref.code)
    if info is None or info.state(utcnow()) != "open" or pack_for(request, info) is None:
        return None
    pack = voice.catalogue.packs[info.survey_slug]
    return {"title": pack.title[info.band], "href": path_for(request, "missions")}


# -- the team's missions -------------------------------------------------------------------------


def current_team(request: Request, *, saving: bool = False) -> tuple[SessionInfo, MissionPack,
                                                                     TeamWork]:
    voice = services(request)
    ref = voice.signer.read_cookie(request.cookies.get(TEAM_COOKIE))
    if ref is None:
        raise JourneyNotFound(NO_TEAM, title="We couldn't find your missions")
    info = voice.sessions.get(ref.code)
    work = team_work(voice.engine, ref.submission_id)
    pack = pack_for(request, info) if info is not None else None
    if info is None or pack is None or work is None or work.session_id != info.id:
        raise JourneyNotFound(NO_TEAM, title="We couldn't find your missions")
    if saving and info.state(utcnow()) != "open":
        raise SessionUnavailable("This session has now closed. The work you already sent is saved. "
                                 "Thank you!", title="This session has closed")
    return info, pack, work


async def missions(request: Request) -> Response:
    voice = services(request)
    info, pack, work = current_team(request)
    ours = pack.for_team(work.kind)
    support = request.cookies.get(SUPPORT_COOKIE) == "1"
    saved = request.query_params.get("saved", "")
    response = voice.pages.render(request, "missions/list.html", {
        "pack": pack, "band": info.band, "work": work, "missions": ours,
        "others": len(pack.missions) - len(ours), "support": support,
        "saved": pack.mission(saved) if saved else None,
        "all_done": bool(ours) and all(work.done(m) for m in ours),
        "next_text": pack.about["next"][info.band], "open": info.state(utcnow()) == "open",
    })
    if support:
        response.delete_cookie(SUPPORT_COOKIE, path=path_for(request, "missions"), httponly=True,
                               samesite="lax", secure=cookie_secure(request))
    return response


def _prefill(mission: Any, saved: dict[str, Any]) -> dict[str, Any]:
    return {response.id: saved.get(mission.answer_id(response)) for response in mission.responses}


def render_mission(request: Request, info: SessionInfo, pack: MissionPack, work: TeamWork,
                   mission: Any, *, values: dict[str, Any] | None = None,
                   errors: dict[str, str] | None = None, status_code: int = 200) -> Response:
    return services(request).pages.render(request, "missions/mission.html", {
        "pack": pack, "band": info.band, "mission": mission, "work": work,
        "values": values if values is not None else _prefill(mission, work.saved),
        "errors": errors or {}, "agencies": AGENCIES, "feelings": PLACE_FEELINGS,
        "uploads": any(r.type == "upload" for r in mission.responses),
        "open": info.state(utcnow()) == "open",
    }, status_code=status_code)


def _mission(pack: MissionPack, work: TeamWork, mission_id: str) -> Any:
    mission = pack.mission(mission_id)
    if mission is None or work.kind not in mission.by:
        raise NotFound("That mission isn't one of yours. Go back to your missions.")
    return mission


async def mission_page(request: Request) -> Response:
    info, pack, work = current_team(request)
    mission = _mission(pack, work, request.path_params["mission_id"])
    return render_mission(request, info, pack, work, mission)


async def send_mission(request: Request) -> Response:
    voice = services(request)
    info, pack, work = current_team(request, saving=True)
    mission = _mission(pack, work, request.path_params["mission_id"])
    fields, uploads = await form_with_files(request, max_files=4, max_bytes=MAX_BYTES)
    files = {name: upload.data for name, upload in uploads.items()}
    schools = (*voice.known_schools(), info.school)
    codebook = voice.codebooks.get(info.survey_slug)
    kept = {mission.answer_id(r): work.saved.get(mission.answer_id(r)) for r in mission.responses}
    try:
        readings = read_mission(
            mission, info.band, fields, files,
            lambda text: listen(text, known_schools=schools, codebook=codebook), kept)
    except MissionProblems as problems:
        return render_mission(request, info, pack, work, mission, values=_posted(mission, fields,
                              work), errors=problems.messages, status_code=400)
    flagged = save_mission(voice.engine, work, info, mission, readings)
    response = RedirectResponse(path_for(request, "missions") + f"?saved={mission.id}",
                                status_code=303)
    if flagged:
        # Gentle words about who to talk to on the next page; a cookie, not the URL, carries it.
        response.set_cookie(SUPPORT_COOKIE, "1", max_age=600, path=path_for(request, "missions"),
                            httponly=True, samesite="lax", secure=cookie_secure(request))
    return response


def _posted(mission: Any, fields: Fields, work: TeamWork) -> dict[str, Any]:
    """What was typed, to show again beside the problems (nothing is lost)."""
    values: dict[str, Any] = {}
    for response in mission.responses:
        rid = response.id
        get = lambda name: (fields.get(name) or [""])[0]  # noqa: E731
        if response.type == "text":
            values[rid] = get(rid)
        elif response.type == "dot_vote":
            values[rid] = {o.value: get(f"{rid}.{o.value}") for o in response.options}
        elif response.type == "ranking":
            values[rid] = [get(f"{rid}.{n}") for n in range(1, response.pick + 1)]
        elif response.type == "ran_for_a_day":
            values[rid] = {a: get(f"{rid}.{a}") for a in response.agencies}
        elif response.type == "places":
            values[rid] = [{"place": get(f"{rid}.{n}.place"), "feel": get(f"{rid}.{n}.feel"),
                            "why": get(f"{rid}.{n}.why")} for n in range(1, response.rows + 1)]
        elif response.type == "leader_questions":
            values[rid] = [get(f"{rid}.{n}") for n in range(1, response.max + 1)]
        elif response.type == "upload":
            old = work.saved.get(mission.answer_id(response))
            values[rid] = {"image": old.get("image") if isinstance(old, dict) else None,
                           "caption": get(f"{rid}.caption")}
    return values


routes = [
    Route("/join/{code}/team", choose_team, methods=["POST"], name="choose_team"),
    Route("/missions", missions, methods=["GET"], name="missions"),
    Route("/missions/{mission_id}", mission_page, methods=["GET"], name="mission"),
    Route("/missions/{mission_id}", send_mission, methods=["POST"], name="send_mission"),
]
