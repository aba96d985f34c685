"""Take docs/graph.png: the HTML view of the seed build in headless chromium.

    .venv/bin/python docs/screenshot.py [OUT.png]

Builds seeds/ into a temporary folder, opens graph.html in Debian's chromium
through Playwright, searches for 赣服通 (which selects and centres it and fills
the details panel) and saves a screenshot. Chinese text needs a CJK font in
the system (Debian: fonts-noto-cjk); the page itself loads no font.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from kg.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    out = Path(argv[0]) if argv else ROOT / "docs" / "graph.png"
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        build([ROOT / "seeds"], out_dir=tmp)
        context = pw.chromium.launch_persistent_context(
            str(Path(tmp) / "profile"), executable_path="/usr/bin/chromium", headless=True, args=FLAGS,
            viewport={"width": 1600, "height": 900})
        page = context.new_page()
        page.goto((Path(tmp) / "graph.html").as_uri())
        page.wait_for_function("() => window.dgkgView && window.dgkgView.state.stabilized")
        page.fill("#search", "赣服通")
        page.press("#search", "Enter")
        page.wait_for_timeout(800)  # the focus animation
        page.screenshot(path=str(out))
        context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
