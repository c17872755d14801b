"""Draw the pictures tests/pdf/photos.tex places (photos, a logo, a headline bar, a banner, an
advert picture): plain shapes and gradients, so that the issue needs no real photographs."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw


def gradient(size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    for y in range(size[1]):
        share = y / max(1, size[1] - 1)
        colour = tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (size[0], y)], fill=colour)
    return image


def photo(
    size: tuple[int, int], sky: tuple[int, int, int], ground: tuple[int, int, int], seed: int
) -> Image.Image:
    """A landscape of sorts: sky, ground, a few shapes (people, trees)."""
    image = gradient(size, sky, ground)
    draw = ImageDraw.Draw(image)
    width, height = size
    for index in range(12):
        x = (index * 97 + seed * 31) % width
        y = height // 2 + (index * 53 + seed * 17) % (height // 2)
        radius = 20 + (index * 13 + seed) % 40
        draw.ellipse(
            [x - radius, y - radius, x + radius, y + radius], fill=((x * 7) % 256, (y * 3) % 256, 90)
        )
    return image


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    photo((1200, 800), (150, 190, 235), (60, 120, 60), 1).save(folder / "photo-lake.jpg", quality=85)
    photo((1000, 700), (200, 210, 240), (200, 170, 60), 2).save(folder / "photo-field.jpg", quality=85)
    photo((900, 640), (240, 230, 210), (150, 90, 60), 3).save(folder / "photo-class.jpg", quality=85)
    gradient((1400, 60), (250, 235, 200), (240, 210, 150)).save(folder / "bar.jpg", quality=85)
    gradient((1200, 50), (20, 80, 160), (200, 220, 240)).save(folder / "banner.jpg", quality=85)
    photo((600, 480), (250, 250, 240), (40, 160, 60), 4).save(folder / "advert.jpg", quality=85)
    logo = Image.new("RGB", (240, 80), (255, 255, 255))
    ImageDraw.Draw(logo).rectangle([10, 10, 230, 70], outline=(180, 0, 0), width=6)
    logo.save(folder / "logo.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
