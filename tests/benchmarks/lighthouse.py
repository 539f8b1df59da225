"""Lighthouse scores (mobile) of a few pages of a built handbook, for people to rerun.

Not a test: Lighthouse's performance score moves with the machine's load. Run it after
`make site` (or point it at any built site):

    .venv/bin/python tests/benchmarks/lighthouse.py [SITE_DIR] [--page PATH ...]

It serves SITE_DIR (default: site/) on 127.0.0.1, runs Lighthouse from npm (fetched once
by `npx` into npm's cache, nothing in the repository) in Debian's Chromium with every
request off this machine refused, and prints the four category scores per page. The full
JSON reports are left in a temporary folder (or --out), whose path it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ngo_handbook.pdf.browser import CHROMIUM_FLAGS
from ngo_handbook.pdf.server import serve_folder

REPO = Path(__file__).resolve().parents[2]
LIGHTHOUSE = "lighthouse@12.8.2"  # 13.x asks for Node 22; Debian 12's machines have 20.
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
DEFAULT_PAGES = (
    "",
    "ar/strategy/recruitment/",
    "kk/about-volunteering/",
    "tr/partners/",
    "orientation/",
    "self-assessment/",
    "forms/application/",
)


def _quoted(flag: str) -> str:
    """A Chromium flag for Lighthouse's --chrome-flags, with a value holding spaces quoted."""
    name, _, value = flag.partition("=")
    return f'{name}="{value}"' if " " in value else flag


# The generator's own flags (no network beyond this machine), as one string.
CHROME_FLAGS = " ".join(["--headless=new", *map(_quoted, CHROMIUM_FLAGS)])


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", nargs="?", default=str(REPO / "site"), help="built site folder")
    parser.add_argument(
        "--page",
        action="append",
        dest="pages",
        help="page path under the site root, e.g. 'tr/safety/' (repeatable)",
    )
    parser.add_argument("--out", help="folder for the JSON reports (default: a new temporary one)")
    return parser


def run_lighthouse(url: str, report: Path) -> dict[str, int]:
    """One mobile Lighthouse run; the category scores out of 100."""
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="lighthouse-chromium-")
    command = [
        "npx", "--yes", LIGHTHOUSE, url,
        "--quiet",
        "--output=json", f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}",
    ]  # fmt: skip
    env = {**os.environ, "CHROME_PATH": chromium}
    try:
        subprocess.run(command, check=True, env=env, capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    result = json.loads(report.read_text(encoding="utf-8"))
    return {name: round((result["categories"][name]["score"] or 0) * 100) for name in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    args = get_parser().parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: no built handbook here; run 'make site' first", file=sys.stderr)
        return 2
    out = Path(args.out or tempfile.mkdtemp(prefix="lighthouse-"))
    out.mkdir(parents=True, exist_ok=True)

    print(f"{'page':32} " + " ".join(f"{name:>14}" for name in CATEGORIES))
    with serve_folder(site) as root:
        for path in args.pages or DEFAULT_PAGES:
            name = path.strip("/").replace("/", "_") or "home"
            try:
                scores = run_lighthouse(root + path, out / f"{name}.json")
            except subprocess.CalledProcessError as error:
                print(f"/{path}: Lighthouse failed:\n{error.stderr[-2000:]}", file=sys.stderr)
                return 1
            print(f"{'/' + path:32} " + " ".join(f"{scores[c]:>14}" for c in CATEGORIES))
    print(f"Full reports: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
