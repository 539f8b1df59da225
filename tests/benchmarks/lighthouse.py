"""Lighthouse scores (mobile) of every kind of page of a built handbook, for people to rerun.

Not a test: Lighthouse's performance score moves with the machine's load (its slowed-down
phone is simulated on this machine's processor; a busy machine makes the main thread's
work look longer). Run it after `make site` (or point it at any built site):

    .venv/bin/python tests/benchmarks/lighthouse.py [SITE_DIR] [--page PATH ...] [--runs N]

It serves SITE_DIR (default: site/) on 127.0.0.1 as a static host with precompressed files
does (`compressing_server.py`: the `.br`/`.gz` beside each file), runs Lighthouse from npm
(fetched once by `npx` into npm's cache, nothing in the repository) in Debian's Chromium
with every request off this machine refused, and prints per page the four category scores
(the median of --runs runs), the metrics behind the performance score, the bytes
transferred and the machine's load average while it ran. A run that fails is tried once
more. The full JSON reports are left in a temporary folder (or --out), whose path it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from compressing_server import serve_compressed
from ngo_handbook.pdf.browser import CHROMIUM_FLAGS

REPO = Path(__file__).resolve().parents[2]
LIGHTHOUSE = "lighthouse@12.8.2"  # 13.x asks for Node 22; Debian 12's machines have 20.
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {
    "FCP s": "first-contentful-paint",
    "LCP s": "largest-contentful-paint",
    "TBT ms": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
    "SI s": "speed-index",
}
PAGE_TYPES = {
    "home": "",
    "chapter": "ar/strategy/recruitment/",
    "checklist": "orientation/",
    "rights and duties": "kk/rights-and-duties/",
    "partner directory": "tr/partners/",
    "self-assessment": "self-assessment/",
    "form": "forms/application/",
    "forms index": "forms/",
}
"""One page of each kind, in the languages that stress them most (Arabic: right to left
and its webfont; Kazakh and Turkish: the largest search indexes)."""
ATTEMPTS = 2


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
        help="page path under the site root, e.g. 'tr/safety/' (repeatable; default: one "
        "page of each kind)",
    )
    parser.add_argument("--runs", type=int, default=1, help="runs per page (the median counts)")
    parser.add_argument("--out", help="folder for the JSON reports (default: a new temporary one)")
    return parser


def _lighthouse_once(url: str, report: Path) -> dict:
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
    error = result.get("runtimeError")
    if error or any(result["categories"][name]["score"] is None for name in CATEGORIES):
        raise RuntimeError(f"{url}: Lighthouse could not score the page: {error or result}")
    return result


def lighthouse_report(url: str, report: Path) -> dict:
    """One mobile Lighthouse run, tried once more if Lighthouse or Chromium failed (a busy
    machine can make Chromium miss Lighthouse's start-up deadline); the full report."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return _lighthouse_once(url, report)
        except (subprocess.SubprocessError, RuntimeError, OSError, ValueError) as error:
            if attempt == ATTEMPTS:
                raise
            detail = getattr(error, "stderr", None) or error
            print(f"  {url}: Lighthouse failed, once more: {str(detail)[-300:]}", file=sys.stderr)
    raise AssertionError("unreachable")


def run_lighthouse(url: str, report: Path) -> dict[str, int]:
    """One mobile Lighthouse run (see `lighthouse_report`); the category scores out of 100."""
    return scores_of(lighthouse_report(url, report))


def scores_of(result: dict) -> dict[str, int]:
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def metrics_of(result: dict) -> dict[str, float]:
    """The metrics behind the performance score, and the KiB the page transferred."""
    audits = result["audits"]
    values = {
        label: audits[audit]["numericValue"] / (1000 if label.endswith(" s") else 1)
        for label, audit in METRICS.items()
    }
    values["KiB"] = audits["total-byte-weight"]["numericValue"] / 1024
    return values


def measure(url: str, reports: Path, name: str, runs: int = 1) -> dict:
    """`runs` Lighthouse runs of one page: the median of each score and metric, and the
    load average of the machine (1 minute) before and after."""
    before = os.getloadavg()[0]
    results = [lighthouse_report(url, reports / f"{name}-{run}.json") for run in range(runs)]
    scores = [scores_of(result) | metrics_of(result) for result in results]
    median = {key: statistics.median(run[key] for run in scores) for key in scores[0]}
    return {**median, "load average": (round(before, 1), round(os.getloadavg()[0], 1))}


def main(argv: list[str] | None = None) -> int:
    args = get_parser().parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site}: no built handbook here; run 'make site' first", file=sys.stderr)
        return 2
    out = Path(args.out or tempfile.mkdtemp(prefix="lighthouse-"))
    out.mkdir(parents=True, exist_ok=True)
    pages = {path or "home": path for path in args.pages} if args.pages else PAGE_TYPES
    columns = [*CATEGORIES, *METRICS, "KiB"]
    heads = {"performance": "perf.", "accessibility": "access.", "best-practices": "practices"}
    print(f"{'page':44} " + " ".join(f"{heads.get(c, c):>9}" for c in columns) + "  load average")
    with serve_compressed(site) as root:
        for kind, path in pages.items():
            name = kind.replace(" ", "-").replace("/", "_").strip("_") or "home"
            try:
                found = measure(root + path, out, name, args.runs)
            except (subprocess.SubprocessError, RuntimeError, OSError, ValueError) as error:
                detail = getattr(error, "stderr", None) or error
                print(f"/{path}: Lighthouse failed:\n{str(detail)[-2000:]}", file=sys.stderr)
                return 1
            cells = " ".join(f"{found[c]:>9.{0 if c in CATEGORIES else 2}f}" for c in columns)
            before, after = found["load average"]
            print(f"{kind + ' (/' + path + ')':44} {cells}  {before} → {after}", flush=True)
    print(f"Full reports: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
