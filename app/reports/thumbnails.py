"""Small previews of image evidence for the PDF report, decoded safely.

An image from outside can declare a size that takes gigabytes to decode (a
"decompression bomb": a few kilobytes of PNG that say 50,000 x 50,000). Pillow
reads only the header when an image is opened, so the size is checked before
any pixel is decoded: images over :data:`~app.document.evidence.MAX_IMAGE_PIXELS`
get no thumbnail. JPEGs are decoded at a reduced scale (``draft``), and the
result is always a small RGB PNG.
"""

from __future__ import annotations

import io
import logging
import warnings

from app.document.evidence import MAX_IMAGE_PIXELS

log = logging.getLogger("claimsheet.reports")

MAX_THUMBNAIL_SOURCE_BYTES = 64 * 1024 * 1024
"""Image files larger than this are not read for a thumbnail."""


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the header only, or None when it cannot be read."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(io.BytesIO(data)) as image:
                return int(image.size[0]), int(image.size[1])
    except Exception:  # noqa: BLE001 - any damage: no size, no thumbnail
        return None


def thumbnail_png(data: bytes, box: int = 480) -> bytes | None:
    """A PNG at most ``box`` pixels wide and high, or None (too large, damaged, unknown)."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow's own bomb warning: we check first
            with Image.open(io.BytesIO(data)) as opened:
                width, height = opened.size
                if width <= 0 or height <= 0 or width * height > MAX_IMAGE_PIXELS:
                    return None
                opened.draft("RGB", (box, box))
                opened.thumbnail((box, box))
                image: Image.Image = opened
                if image.mode in ("RGBA", "LA", "P", "PA"):
                    image = image.convert("RGBA")
                    background = Image.new("RGB", image.size, (255, 255, 255))
                    background.paste(image, mask=image.getchannel("A"))
                    image = background
                elif image.mode != "RGB":
                    image = image.convert("RGB")
                out = io.BytesIO()
                image.save(out, "PNG", optimize=False)
                return out.getvalue()
    except Exception:  # noqa: BLE001 - a damaged image prints without a thumbnail
        log.warning("no thumbnail for an image", exc_info=True)
        return None
