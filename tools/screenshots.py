"""Screenshots of the report pages in headless Chromium, at desktop and phone width, to look at them.

    python tools/screenshots.py [reports/index.html reports/2022Q4/*.html ...] [--out screenshots/]

With no page named: reports/index.html and every page of the newest quarter. Each page gives
<name>.desktop-1.png, -2.png … (1280 px wide) and <name>.phone-1.png … (390 px wide): the page is shot
in a tall window, the blank end cut off, and the rest cut into screens that an image viewer shows whole.
Needs a Chromium (Debian: apt-get install -y chromium); nothing is fetched from the network.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = {"desktop": (1280, 14000), "phone": (390, 24000)}
SCREEN = {"desktop": 1600, "phone": 1400}  # the height of one tile
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--hide-scrollbars",
    "--virtual-time-budget=3000",
]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        if found := shutil.which(name):
            return found
    sys.exit("tools/screenshots.py: no Chromium found — install it (apt-get install -y chromium)")


def shoot(browser: str, page: Path, out: Path, width: int, height: int) -> bool:
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [browser, *FLAGS, f"--window-size={width},{height}", f"--screenshot={out}", page.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    if done.returncode or not out.exists():
        print(f"{page}: screenshot failed: {done.stderr.strip()[-300:]}", file=sys.stderr)
        return False
    return True


def tiles(shot: Path, screen: int) -> list[Path]:
    """Cut the blank end off a tall screenshot and the rest into screens of `screen` pixels."""
    from PIL import Image, ImageChops

    image = Image.open(shot).convert("RGB")
    blank = Image.new("RGB", image.size, image.getpixel((image.width - 1, image.height - 1)))
    box = ImageChops.difference(image, blank).getbbox()
    bottom = min(image.height, (box[3] if box else image.height) + 24)
    out = []
    for k, top in enumerate(range(0, bottom, screen), start=1):
        part = shot.with_name(shot.name.replace(".png", f"-{k}.png"))
        image.crop((0, top, image.width, min(bottom, top + screen))).save(part)
        out.append(part)
    shot.unlink()
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("pages", nargs="*", type=Path)
    p.add_argument("--out", type=Path, default=ROOT / "screenshots")
    p.add_argument("--only", choices=sorted(WIDTHS), help="one width only")
    args = p.parse_args(argv)
    pages = args.pages
    if not pages:
        reports = ROOT / "reports"
        quarters = sorted(d for d in reports.iterdir() if d.is_dir() and d.name[:2] == "20")
        pages = [reports / "index.html"] + (sorted(quarters[-1].glob("*.html")) if quarters else [])
    browser = chromium()
    for page in pages:
        stem = page.stem  # page names carry their quarter
        for kind, (width, height) in WIDTHS.items():
            if args.only in (None, kind):
                for old in args.out.glob(f"{stem}.{kind}-*.png"):
                    old.unlink()
                shot = args.out / f"{stem}.{kind}.png"
                if shoot(browser, page, shot, width, height):
                    for part in tiles(shot, SCREEN[kind]):
                        print(part)
    return 0


if __name__ == "__main__":
    sys.exit(main())
