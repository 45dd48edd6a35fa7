"""Mission fixtures: an app whose catalogue has the shipped surveys and packs plus a small test
pack (`mini-missions`, one mission per way of responding), and a device-per-team helper."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from starlette.applications import Starlette
from starlette.testclient import TestClient

from tests.conftest import SURVEYS, running_app
from voice.settings import Settings
from voice.surveys.loader import load_catalogue

PACKS = Path(__file__).parent / "packs"
TOKEN = re.compile(r'name="token" value="([^"]+)"')


@pytest.fixture
def app(settings: Settings) -> Iterator[Starlette]:
    yield from running_app(settings, catalogue=load_catalogue([SURVEYS, PACKS]))


def device(app: Starlette, code: str, team: str, group: int | None = None) -> TestClient:
    """A new browser-like client that joins `code` as a team ("group", "individual", "class")."""
    client = TestClient(app, follow_redirects=True)
    welcome = client.get(f"/join/{code}")
    assert welcome.status_code == 200, welcome.text[:300]
    token = TOKEN.search(welcome.text)
    assert token, "no start token on the welcome page"
    data = {"token": token.group(1), "team": team}
    if group is not None:
        data["group"] = str(group)
    joined = client.post(f"/join/{code}/team", data=data)
    assert joined.url.path == "/missions", joined.text[:300]
    return client


def picture(kind: str = "PNG", size: tuple[int, int] = (64, 48), exif: bool = False) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    out = io.BytesIO()
    if exif:
        data = Image.Exif()
        data[0x010F] = "SpyPhone Ltd"  # Make
        data[0x0110] = "Model X"  # Model
        image.save(out, format=kind, exif=data.tobytes())
    else:
        image.save(out, format=kind)
    return out.getvalue()
