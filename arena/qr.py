"""The QR code of the join poster, as inline SVG (no image file, nothing from elsewhere)."""

import functools

import qrcode
import qrcode.image.svg
from django.utils.safestring import mark_safe


@functools.lru_cache(maxsize=64)  # the projector asks for the same code on every load
def qr_svg(data):
    """An SVG element that scales with CSS; medium error correction survives a creased poster
    and keeps the code coarse enough to scan from a few metres."""
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
        image_factory=qrcode.image.svg.SvgPathImage,
    )
    qr.add_data(data)
    qr.make(fit=True)
    svg = qr.make_image().to_string(encoding="unicode")
    # The SVG holds only path geometry, never the data as text, so it is safe to inline.
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
