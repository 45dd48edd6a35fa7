"""The staff side of the Takeover Challenge: project a brief, watch which groups are done, see a
pack's results, and check the pictures classes sent.

Pictures can show a child's face, name or handwriting, so they are shown only to the roles that
read children's work (analysts, administrators and the safeguarding lead), never to facilitators
or partners, and each one is checked by a person before it counts as approved.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from voice.errors import NotFound, VoiceError
from voice.missions.model import FOCUSES, MissionPack, note_blocks
from voice.missions.models import IMAGE_STATUSES
from voice.missions.service import class_progress, image_data, pack_images, pack_results, review_image
from voice.results.stats import suppress
from voice.sessions.service import SessionSummary
from voice.staff.accounts import record
from voice.staff.auth import checked_form, signed_in, staff_only
from voice.staff.routes import BAND_NAMES, SESSION_ROLES, page, see_other, session_summary
from voice.web.forms import first
from voice.web.state import services

RESULTS_ROLES = ("analyst", "admin")
PICTURE_ROLES = ("analyst", "admin", "safeguarding")


def _pack(request: Request, slug: str) -> MissionPack:
    pack = services(request).catalogue.packs.get(slug)
    if pack is None:
        raise NotFound("There is no mission pack with that name.")
    return pack


def session_pack(request: Request) -> tuple[SessionSummary, MissionPack]:
    summary = session_summary(request)
    pack = services(request).catalogue.packs.get(summary.info.survey_slug)
    if pack is None:
        raise NotFound("This class session is for a survey, not a mission pack.")
    return summary, pack


@staff_only(SESSION_ROLES)
async def mission_progress(request: Request) -> Response:
    """The grid of teams and missions done (htmx polls it): never what anyone wrote."""
    summary, pack = session_pack(request)
    voice = services(request)
    progress = class_progress(voice.engine, summary.info.id, pack)
    # How many children on their own have done each mission is a count per group: small ones
    # are suppressed like every figure that leaves an analyst's screen.
    solo = suppress({m.id: progress.individual_done.get(m.id, 0) for m in pack.missions
                     if "individual" in m.by}, voice.settings.small_number,
                    total=progress.individuals)
    return page(request, "staff/_mission_progress.html", {
        "pack": pack, "progress": progress, "solo": solo,
        "band": summary.info.band})


@staff_only(SESSION_ROLES)
async def project_brief(request: Request) -> Response:
    """One mission's brief in large type for the projector, with the teacher's notes below."""
    summary, pack = session_pack(request)
    mission = pack.mission(request.path_params["mission_id"])
    if mission is None:
        raise NotFound("There is no such mission in this pack.")
    return page(request, "staff/mission_brief.html", {
        "summary": summary, "pack": pack, "mission": mission, "band": summary.info.band,
        "focuses": FOCUSES, "note_blocks": note_blocks})


@staff_only(PICTURE_ROLES)
async def packs(request: Request) -> Response:
    return page(request, "staff/mission_packs.html", {
        "packs": sorted(services(request).catalogue.packs.values(), key=lambda p: p.slug),
        "band_names": BAND_NAMES, "sees_results": signed_in(request).role in RESULTS_ROLES})


@staff_only(RESULTS_ROLES)
async def results(request: Request) -> Response:
    voice = services(request)
    pack = _pack(request, request.path_params["slug"])
    codebook = voice.codebooks.get(pack.slug)
    labels = {t.name: t.label for t in codebook.themes} if codebook else {}
    found = pack_results(voice.engine, pack, labels)
    return page(request, "staff/mission_results.html", {
        "pack": pack, "results": found, "band_names": BAND_NAMES, "statuses": IMAGE_STATUSES})


@staff_only(PICTURE_ROLES)
async def pictures(request: Request) -> Response:
    voice = services(request)
    pack = _pack(request, request.path_params["slug"])
    status = request.query_params.get("status", "new")
    if status not in IMAGE_STATUSES:
        status = "new"
    rows = pack_images(voice.engine, pack, status)
    return page(request, "staff/mission_pictures.html", {
        "pack": pack, "rows": rows, "status": status, "statuses": IMAGE_STATUSES,
        "band_names": BAND_NAMES, "may_review": signed_in(request).role in RESULTS_ROLES})


@staff_only(RESULTS_ROLES)
async def review_picture(request: Request) -> Response:
    fields = await checked_form(request)
    status = first(fields, "status")
    if status not in ("approved", "rejected", "new"):
        raise VoiceError("Choose approve or set aside.", title="There is a problem")
    voice = services(request)
    staff = signed_in(request)
    image_id = int(request.path_params["image_id"])
    slug = review_image(voice.engine, image_id, status, staff.id)
    if slug is None:
        raise NotFound("There is no such picture.")
    with voice.engine.begin() as conn:
        record(conn, staff, "picture.review", f"picture {image_id}", IMAGE_STATUSES[status])
    back = first(fields, "back", "new")
    return see_other(f"/staff/missions/{slug}/pictures?status="
                     f"{back if back in IMAGE_STATUSES else 'new'}")


@staff_only(PICTURE_ROLES)
async def picture(request: Request) -> Response:
    found = image_data(services(request).engine, int(request.path_params["image_id"]))
    if found is None:
        raise NotFound("There is no such picture.")
    data, media_type = found
    # Private to this signed-in member of staff: never cached by a browser or proxy, never
    # sniffed as anything but the picture it is.
    return Response(data, media_type=media_type, headers={
        "Cache-Control": "private, no-store", "Content-Disposition": "inline",
        "Cross-Origin-Resource-Policy": "same-origin"})


routes = [
    Route("/staff/sessions/{session_id:int}/missions", mission_progress,
          name="staff_mission_progress"),
    Route("/staff/sessions/{session_id:int}/missions/{mission_id}", project_brief,
          name="staff_mission_brief"),
    Route("/staff/missions", packs, name="staff_mission_packs"),
    Route("/staff/missions/{slug}", results, name="staff_mission_results"),
    Route("/staff/missions/{slug}/pictures", pictures, name="staff_mission_pictures"),
    Route("/staff/pictures/{image_id:int}", review_picture, methods=["POST"],
          name="staff_picture_review"),
    Route("/staff/pictures/{image_id:int}/image", picture, name="staff_picture"),
]
