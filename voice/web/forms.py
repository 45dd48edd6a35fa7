"""Reading posted forms: every field as a list of strings, whatever the encoding mistakes.

Plain form posts (`application/x-www-form-urlencoded`, what every journey page sends) are parsed
with the standard library, about ten times cheaper than the general multipart parser. Bytes that
are not UTF-8 become U+FFFD rather than an error, so a child's answer is never lost to a
broken keyboard or proxy.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.datastructures import UploadFile
from starlette.requests import Request

from voice.errors import VoiceError

MAX_FIELDS = 200


class NotAForm(VoiceError):
    status_code = 415
    title = "That didn't work"

Fields = dict[str, list[str]]


async def form_fields(request: Request) -> Fields:
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    fields: Fields = {}
    if content_type == "application/x-www-form-urlencoded" or not content_type:
        body = (await request.body()).decode("utf-8", errors="replace")
        try:
            pairs = parse_qsl(body, keep_blank_values=True, max_num_fields=MAX_FIELDS)
        except ValueError:  # more fields than any of our forms has
            return {}
        for name, value in pairs:
            fields.setdefault(name, []).append(value)
        return fields
    if content_type != "multipart/form-data":
        # Not a form at all (JSON, XML, plain text…): refuse it rather than read it as an empty
        # form, which on a question page would count as "skip" and replace a saved answer.
        raise NotAForm("That didn't work. Please go back and use the buttons on the page.")
    async with request.form(max_fields=MAX_FIELDS) as form:
        for name, value in form.multi_items():
            if isinstance(value, str):
                fields.setdefault(name, []).append(value)
    return fields


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes  # at most the caller's max_bytes + 1, so "too big" can be told apart


async def form_with_files(request: Request, *, max_files: int,
                          max_bytes: int) -> tuple[Fields, dict[str, Upload]]:
    """A form that may carry files (a mission's poster, a CSV import): the fields, and each
    non-empty file read up to `max_bytes` + 1 bytes. A plain form has no files."""
    content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if content_type != "multipart/form-data":
        return await form_fields(request), {}
    fields: Fields = {}
    files: dict[str, Upload] = {}
    async with request.form(max_fields=MAX_FIELDS, max_files=max_files) as form:
        for name, value in form.multi_items():
            if isinstance(value, UploadFile):
                data = await value.read(max_bytes + 1)
                if data:
                    files[name] = Upload(value.filename or "", data)
            else:
                fields.setdefault(name, []).append(value)
    return fields, files


def first(fields: Fields, name: str, default: str = "") -> str:
    values = fields.get(name)
    return values[0] if values else default
