"""How long the PDFs take, against the HTML build, measured side by side in one run.

Builds the sample handbook once with PDFs on (the default for `mkdocs build`). The PDF step
records its own time (HANDBOOK_PDF_TIMING); the rest of the build is the HTML time.

    .venv/bin/python tests/benchmarks/pdf_benchmark.py [--keep]

Prints one line per measure and the ratio "PDF time / HTML time".
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCES = ("mkdocs.yml", "content", "data", "overrides")


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--keep", action="store_true", help="keep the built site and print where it is"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = get_parser().parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pdf-benchmark-"))
    for name in SOURCES:
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, work / name)
    timing = work / "pdf-timing.json"
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "HANDBOOK_PDF": "1",
        "HANDBOOK_PDF_TIMING": str(timing),
    }
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(work / "site")],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    total = time.perf_counter() - started
    if done.returncode != 0 or not timing.exists():
        print(done.stdout + done.stderr, file=sys.stderr)
        print("the build failed; no measure", file=sys.stderr)
        return 1
    pdf = json.loads(timing.read_text())
    html = total - pdf["seconds"]
    print(f"whole build      {total:7.1f} s")
    print(f"HTML build       {html:7.1f} s   (4 languages)")
    print(f"PDF build        {pdf['seconds']:7.1f} s   ({pdf['files']} PDFs)")
    print(f"PDF / HTML ratio {pdf['seconds'] / html:7.2f}")
    if arguments.keep:
        print(f"site: {work / 'site'}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
