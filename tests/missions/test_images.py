"""Uploaded posters and drawings: only JPEG and PNG, size limits, and no metadata kept."""

from __future__ import annotations

import io

import pytest
from PIL import Image, PngImagePlugin

from voice.missions import images
from voice.missions.images import ImageRefused, clean_image

GPS_IFD = 0x8825
MAKE, MODEL, ORIENTATION, DATETIME = 0x010F, 0x0110, 0x0112, 0x0132


def _jpeg_with_metadata(size: tuple[int, int] = (64, 32), orientation: int = 1) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    exif = Image.Exif()
    exif[MAKE] = "PhoneMaker"
    exif[MODEL] = "Phone 12"
    exif[DATETIME] = "2026:11:20 09:15:00"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (53.0, 13.0, 48.0), 3: "W", 4: (0.0, 32.0, 24.0)})
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"taken at Oakwood School",
               icc_profile=b"\x00" * 128)
    return out.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Jake Smith, Year 6")
    info.add_text("Location", "14 Mill Lane")
    out = io.BytesIO()
    Image.new("RGBA", (40, 40), (0, 128, 0, 200)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def test_a_photo_comes_back_without_its_metadata() -> None:
    original = _jpeg_with_metadata()
    assert b"PhoneMaker" in original and b"Oakwood" in original
    clean = clean_image(original)
    assert clean.media_type == "image/jpeg"
    for secret in (b"PhoneMaker", b"Phone 12", b"2026:11:20", b"Oakwood", b"Exif"):
        assert secret not in clean.data
    with Image.open(io.BytesIO(clean.data)) as reopened:
        assert reopened.format == "JPEG"
        assert len(reopened.getexif()) == 0
        assert "icc_profile" not in reopened.info and "comment" not in reopened.info
        assert reopened.size == (64, 32)
        left, right = reopened.getpixel((5, 16)), reopened.getpixel((58, 16))
        assert left[2] > left[0] and right[0] > right[2]  # the picture itself is intact


def test_a_sideways_photo_is_turned_upright_before_its_tags_go() -> None:
    clean = clean_image(_jpeg_with_metadata(size=(64, 32), orientation=6))  # "rotate 90° clockwise"
    assert (clean.width, clean.height) == (32, 64)


def test_a_png_loses_its_text_chunks_and_keeps_transparency() -> None:
    original = _png_with_text()
    assert b"Jake Smith" in original
    clean = clean_image(original)
    assert clean.media_type == "image/png"
    assert b"Jake Smith" not in clean.data and b"Mill Lane" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as reopened:
        assert reopened.mode == "RGBA" and reopened.getpixel((1, 1))[3] == 200
        assert not reopened.text


def test_big_pictures_are_shrunk_for_storage() -> None:
    out = io.BytesIO()
    Image.new("RGB", (3000, 1500), (10, 10, 10)).save(out, format="JPEG")
    clean = clean_image(out.getvalue())
    assert (clean.width, clean.height) == (images.STORED_SIDE, images.STORED_SIDE // 2)


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, format="GIF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"%PDF-1.7\n...", "JPG or PNG"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "JPG or PNG"),
        (b"just some text pretending to be a picture", "JPG or PNG"),
        (_gif(), "JPG or PNG"),
        (b"\xff\xd8\xff" + b"\x00" * 200, "damaged"),
    ],
)
def test_anything_else_is_refused_with_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(ImageRefused) as refused:
        clean_image(data)
    assert message in refused.value.message


def test_a_truncated_picture_is_refused() -> None:
    whole = _jpeg_with_metadata(size=(200, 200))
    with pytest.raises(ImageRefused, match="damaged"):
        clean_image(whole[: len(whole) // 2])


def test_a_file_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _jpeg_with_metadata()
    monkeypatch.setattr(images, "MAX_BYTES", len(data) - 1)
    with pytest.raises(ImageRefused, match="too big"):
        clean_image(data)


def test_too_many_pixels_is_refused_before_they_are_decoded() -> None:
    out = io.BytesIO()
    Image.new("1", (images.MAX_SIDE + 1, 1)).save(out, format="PNG")  # tiny file, huge width
    with pytest.raises(ImageRefused, match="too many pixels"):
        clean_image(out.getvalue())
