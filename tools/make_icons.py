"""Draw the app's icons (static/icons/icon-192.png, icon-512.png, favicon.ico) with the standard
library only: a blue tile with a white house and the letter-free door, readable at 16 px.

Run from the repository root: `python tools/make_icons.py` (the files are committed; rerun only
to change the drawing).
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

BLUE = (0x1D, 0x4F, 0x91)
WHITE = (0xFF, 0xFF, 0xFF)
OUT = Path(__file__).resolve().parent.parent / "static" / "icons"


def _inside_house(x: float, y: float) -> bool:
    """(x, y) in 0..1: the roof (a triangle) and the walls with a door cut out."""
    roof = 0.22 <= y <= 0.5 and abs(x - 0.5) <= (y - 0.22) / 0.28 * 0.32
    walls = 0.28 <= x <= 0.72 and 0.48 <= y <= 0.78
    door = 0.44 <= x <= 0.56 and 0.6 <= y <= 0.78
    return (roof or walls) and not door


def pixels(size: int) -> list[list[tuple[int, int, int]]]:
    rows = []
    for j in range(size):
        row = []
        for i in range(size):
            x, y = (i + 0.5) / size, (j + 0.5) / size
            row.append(WHITE if _inside_house(x, y) else BLUE)
        rows.append(row)
    return rows


def png(size: int) -> bytes:
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def ico(size: int = 32) -> bytes:
    """An .ico holding one PNG image (every current browser reads it)."""
    image = png(size)
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(image), 6 + 16)
    return directory + entry + image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (OUT / f"icon-{size}.png").write_bytes(png(size))
    (OUT / "favicon.ico").write_bytes(ico())


if __name__ == "__main__":
    main()
