"""Rendering pages: one template serves as a full page or, for htmx, as a fragment.

Every page template starts `{% extends layout %}`. A plain request gets `base.html` (the whole
page); an htmx request gets `_fragment.html` (the page's title and main content only), which
htmx swaps into `<main>`. The endpoint never has to choose between two templates.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Router

from voice.settings import PROJECT_ROOT

TEMPLATES_DIR = PROJECT_ROOT / "templates"
MAX_RENDERED = 4096  # pages kept in memory: a few MB at most


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


class Pages:
    """The template environment, built once per app (templates compile once and stay cached)."""

    def __init__(self, router: Router, directory: Path = TEMPLATES_DIR, *, version: str) -> None:
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(directory),
            autoescape=jinja2.select_autoescape(["html"]),
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            undefined=jinja2.StrictUndefined,
        )

        @lru_cache(maxsize=512)
        def url_for(name: str, /, **params: Any) -> str:
            # Paths, not absolute URLs: correct behind a proxy and cheaper to build.
            path = str(router.url_path_for(name, **params))
            if name == "static":
                path += f"?v={version}"  # a new release busts the browser's cache
            return path

        self.url_for = url_for
        self.env.globals["url_for"] = url_for
        self._templates: dict[str, jinja2.Template] = {}
        self._rendered: dict[Hashable, str] = {}

    def render(
        self,
        request: Request,
        name: str,
        context: Mapping[str, Any] | None = None,
        *,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        cache_key: Hashable | None = None,
    ) -> HTMLResponse:
        """Render a page, or its fragment for htmx.

        `cache_key` marks a page that is the same for every child who reaches it the same way
        (a question nobody has answered yet, say). It must capture everything in `context`. Such
        a page is rendered once and then served from memory: rendering was the largest cost
        of a question page.
        """
        htmx = is_htmx(request)
        key = None if cache_key is None else (name, htmx, cache_key)
        body = self._rendered.get(key) if key is not None else None
        if body is None:
            values = dict(context or {})
            values["layout"] = "_fragment.html" if htmx else "base.html"
            template = self._templates.get(name)
            if template is None:
                template = self._templates[name] = self.env.get_template(name)
            body = template.render(values)
            if key is not None:
                if len(self._rendered) >= MAX_RENDERED:
                    self._rendered.clear()
                self._rendered[key] = body
        response = HTMLResponse(body, status_code=status_code, headers=dict(headers or {}))
        if is_htmx(request):
            # So the address bar and history show where the child is (after redirects too).
            response.headers["HX-Push-Url"] = request.url.path
        return response
