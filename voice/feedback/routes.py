"""The public "You said, we did" pages: per survey or mission pack, a version for each age band
and a full one for adults, the loop's figures, a printable poster with a QR code, an Atom feed,
"Did we get it right?", and signed preview links for drafts."""

from __future__ import annotations

import time
from datetime import UTC
from typing import Any
from xml.sax.saxutils import escape

import segno
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from voice.errors import NotFound
from voice.feedback import service as fb
from voice.web.forms import first, form_fields
from voice.web.state import base_url, services

_PUBLISHED: dict[str, Any] = {"at": 0.0, "slugs": frozenset()}


def published(request: Request) -> frozenset[str]:
    """Surveys and packs with published feedback (re-read at most every 30 s: it is on the
    children's thank-you and welcome pages)."""
    now = time.monotonic()
    if now - _PUBLISHED["at"] > 30:
        _PUBLISHED["slugs"] = frozenset(fb.published_slugs(services(request).engine))
        _PUBLISHED["at"] = now
    return _PUBLISHED["slugs"]  # type: ignore[no-any-return]


def forget_published() -> None:
    _PUBLISHED["at"] = 0.0


def feedback_link(request: Request, slug: str, band: str) -> str | None:
    return f"/you-said-we-did/{slug}/{band}" if slug in published(request) else None


def _item(request: Request) -> Any:
    found = services(request).catalogue.get(request.path_params["slug"])
    if found is None:
        raise NotFound("We can't find that survey.")
    return found


async def index(request: Request) -> Response:
    voice = services(request)
    items = [voice.catalogue.get(slug) for slug in sorted(published(request))]
    return voice.pages.render(request, "feedback/index.html",
                              {"items": [i for i in items if i is not None]})


async def choose(request: Request) -> Response:
    voice = services(request)
    item = _item(request)
    return voice.pages.render(request, "feedback/choose.html", {
        "item": item, "versions": {b: fb.VERSIONS[b] for b in item.bands} | {
            "adults": fb.VERSIONS["adults"]}})


async def page(request: Request) -> Response:
    voice = services(request)
    item = _item(request)
    version = request.path_params["version"]
    if version != "adults" and version not in item.bands:
        raise NotFound("There is no such version of this page.")
    found = fb.public_page(voice.engine, item.slug, version, voice.settings.small_number)
    return voice.pages.render(request, "feedback/page.html", {
        "item": item, "p": found, "version": version, "versions": fb.VERSIONS,
        "ratings": fb.RATINGS, "rated": request.query_params.get("rated") == "1",
        "token": voice.signer.start_token(f"rate:{item.slug}"),
        "title": item.title[item.bands[0]] if version == "adults" else item.title[version]})


async def rate(request: Request) -> Response:
    voice = services(request)
    item = _item(request)
    version = request.path_params["version"]
    fields = await form_fields(request)
    # A signed form token stops other sites posting ratings in a visitor's name.
    if voice.signer.read_start_token(first(fields, "token"), f"rate:{item.slug}") is None:
        return RedirectResponse(f"/you-said-we-did/{item.slug}/{version}", status_code=303)
    fb.rate(voice.engine, item.slug, version, first(fields, "rating"))
    return RedirectResponse(f"/you-said-we-did/{item.slug}/{version}?rated=1#rating",
                            status_code=303)


async def poster(request: Request) -> Response:
    voice = services(request)
    item = _item(request)
    version = request.query_params.get("version", item.bands[0])
    if version != "adults" and version not in item.bands:
        version = item.bands[0]
    found = fb.public_page(voice.engine, item.slug, version, voice.settings.small_number)
    return voice.pages.render(request, "feedback/poster.html", {
        "item": item, "p": found, "version": version,
        "url": f"{base_url(request)}/you-said-we-did/{item.slug}/{version}",
        "school": request.query_params.get("school", "")[:200],
        "title": item.title[item.bands[0]] if version == "adults" else item.title[version]})


async def qr(request: Request) -> Response:
    item = _item(request)
    version = request.query_params.get("version", item.bands[0])
    if version != "adults" and version not in item.bands:
        version = item.bands[0]
    url = f"{base_url(request)}/you-said-we-did/{item.slug}/{version}"
    svg = segno.make(url, error="m").svg_inline(scale=8, title="QR code for our You said, we did page")
    return Response(svg, media_type="image/svg+xml")


async def feed(request: Request) -> Response:
    voice = services(request)
    item = _item(request)
    base = base_url(request)
    entries = fb.feed_entries(voice.engine, item.slug)
    page_url = f"{base}/you-said-we-did/{item.slug}/adults"

    def stamp(moment: Any) -> str:
        return moment.replace(tzinfo=UTC).isoformat().replace("+00:00", "Z")

    updated = stamp(entries[0]["updated"]) if entries else "2026-01-01T00:00:00Z"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(item.title[item.bands[0]])}: You said, we did</title>",
        f'<link href="{escape(page_url)}"/>',
        f'<link rel="self" href="{escape(base + request.url.path)}"/>',
        f"<id>{escape(page_url)}</id>", f"<updated>{updated}</updated>",
        "<author><name>The safeguarding children partnership</name></author>",
    ]
    for entry in entries:
        parts += [
            "<entry>", f"<title>{escape(entry['title'])}</title>",
            f"<id>{escape(page_url)}#{entry['id']}</id>",
            f'<link href="{escape(page_url)}#{entry["id"]}"/>',
            f"<updated>{stamp(entry['updated'])}</updated>",
            f"<summary>{escape(entry['status'] + ': ' + entry['summary'])}</summary>", "</entry>",
        ]
    parts.append("</feed>")
    return Response("\n".join(parts), media_type="application/atom+xml; charset=utf-8",
                    headers={"Cache-Control": "public, max-age=300"})


async def preview(request: Request) -> Response:
    """A draft as the adults' page would show it, by a signed link that expires."""
    voice = services(request)
    statement, response = fb.read_preview(voice.engine, voice.settings.secret_key,
                                          request.path_params["token"])
    return voice.pages.render(request, "feedback/preview.html", {
        "s": statement, "r": response, "statuses": fb.STATUSES, "versions": fb.VERSIONS})


routes = [
    Route("/you-said-we-did", index, name="feedback_index"),
    Route("/you-said-we-did/preview/{token}", preview, name="feedback_preview"),
    Route("/you-said-we-did/{slug}", choose, name="feedback_choose"),
    Route("/you-said-we-did/{slug}/feed.atom", feed, name="feedback_feed"),
    Route("/you-said-we-did/{slug}/poster", poster, name="feedback_poster"),
    Route("/you-said-we-did/{slug}/qr.svg", qr, name="feedback_qr"),
    Route("/you-said-we-did/{slug}/{version}", page, name="feedback_page"),
    Route("/you-said-we-did/{slug}/{version}/rating", rate, methods=["POST"],
          name="feedback_rate"),
]
