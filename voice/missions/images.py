"""Posters and drawings that classes upload: JPEG or PNG only, size-limited, re-encoded.

A photo from a phone carries metadata (where and when it was taken, the device); a child's
drawing should carry nothing but the drawing. Every upload is decoded with Pillow, limited to
the JPEG and PNG decoders, checked against size and pixel limits before its pixels are read,
turned upright by its orientation tag, shrunk to a sensible size and saved afresh with no
metadata at all (no EXIF, GPS, XMP, ICC profile, comments or text chunks).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from voice.errors import VoiceError

MAX_BYTES = 8 * 1024 * 1024  # a phone photo of a poster is typically 2-5 MB
MAX_SIDE = 8000  # pixels, either side, as uploaded
MAX_PIXELS = 40_000_000  # as uploaded; well under Pillow's own bomb limit
STORED_SIDE = 2000  # the longest side kept: plenty for a gallery or a board paper
JPEG_QUALITY = 85

_SIGNATURES = ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"))


class ImageRefused(VoiceError):
    """An upload that is not a JPEG or PNG picture we can use, in words a child understands."""

    status_code = 400
    title = "We couldn't use that picture"


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    media_type: str  # image/jpeg or image/png
    width: int
    height: int


def clean_image(data: bytes) -> CleanImage:
    """Check an upload and return it re-encoded without metadata; ImageRefused otherwise."""
    if not data:
        raise ImageRefused("The file was empty. Please choose your picture again.")
    if len(data) > MAX_BYTES:
        megabytes = MAX_BYTES // (1024 * 1024)
        raise ImageRefused(f"That picture is too big. Please use one smaller than {megabytes} MB.")
    kind = next((name for signature, name in _SIGNATURES if data.startswith(signature)), None)
    if kind is None:
        raise ImageRefused("Please upload a photo or drawing saved as a JPG or PNG picture.")
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as probe:
            width, height = probe.size
            if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
                raise ImageRefused("That picture has too many pixels. Please use a smaller photo.")
            probe.verify()  # structure and checksums, without decoding every pixel
        with Image.open(io.BytesIO(data), formats=[kind]) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
    except ImageRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ImageRefused("That picture seems to be damaged. Please take or save it again.") from None
    return _reencode(upright, kind)


def _reencode(image: Image.Image, kind: str) -> CleanImage:
    if kind == "JPEG":
        clean = image.convert("RGB")
    else:
        clean = image.convert("RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
                              else "RGB")
    clean.thumbnail((STORED_SIDE, STORED_SIDE))
    clean.info = {}  # nothing of the original file's metadata travels with the pixels
    out = io.BytesIO()
    if kind == "JPEG":
        clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        media = "image/jpeg"
    else:
        clean.save(out, format="PNG", optimize=True)
        media = "image/png"
    return CleanImage(out.getvalue(), media, clean.width, clean.height)
