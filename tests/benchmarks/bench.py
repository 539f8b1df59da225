"""`make bench`: every speed measure of the issue side by side, in one run, on this machine.

Not a test (the times move with the machine's load); it writes what it measured to
tests/benchmarks/results.json and, as the tables of the README, results.md:

1. HTML build (no PDFs) of the sample and of ten times its pages, against plain Material
   + static-i18n building the same Markdown (the same mkdocs.yml without our plugin): our
   build one language after another (`--jobs 1`) and in parallel (`--jobs` = cores);
2. the full build with the PDFs, with an empty cache and again with nothing changed,
   against the HTML build;
3. the partner directory with 10,000 organisations (generated here): build time against
   the sample's, time until the page is ready in Chromium, filter time per keystroke;
4. Lighthouse (mobile) on every kind of page, served as a static host serves the
   precompressed files (`.br`, `.gz`), with the bytes each page transfers;
5. the search benchmark (`search_benchmark.py`), on the same built site.

    .venv/bin/python tests/benchmarks/bench.py [--rounds N] [--skip lighthouse,search,...]

Each build runs in a process of its own, as a person would run it; with --rounds above 1
(default 2) each time is the fastest of its rounds, taken in turns so that a busy moment
of the machine hits every contender alike.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
TESTS = BENCHMARKS.parent
REPO = TESTS.parent
sys.path.insert(0, str(TESTS))
sys.path.insert(0, str(BENCHMARKS))

from compressing_server import serve_compressed  # noqa: E402
from conftest import big_directory, copy_sources  # noqa: E402
from lighthouse import PAGE_TYPES as LIGHTHOUSE_PAGES  # noqa: E402

PYTHON = sys.executable
BIN = Path(sys.executable).parent
PARTS = ("html", "pdf", "partners", "lighthouse", "search")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def plain_project(project: Path) -> Path:
    """The same Markdown and mkdocs.yml without our plugin: plain Material + static-i18n
    (with the Kazakh strings Material lacks, from our theme parts, or it cannot build)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\n  - ngo-handbook\n", "\n"), encoding="utf-8")
    kazakh = REPO / "plugins" / "ngo_handbook" / "theme" / "partials" / "languages" / "kk.html"
    target = project / "overrides" / "partials" / "languages"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(kazakh, target / "kk.html")
    return project


def ten_times(project: Path) -> Path:
    """Nine more copies of every hand-written chapter of every language, in the menu too.
    Each copy sits beside its original (`preparation-2.md`), so that its links to other
    pages, generated ones included, still lead where they did."""
    content = project / "content"
    languages = [p for p in content.iterdir() if p.is_dir() and p.name != "assets"]
    chapters = [
        p.relative_to(languages[0])
        for p in sorted(languages[0].rglob("*.md"))
        if "self-assessment" not in p.parts
    ]

    def copy_of(chapter: Path, number: int) -> str:
        return chapter.with_name(f"{chapter.stem}-{number}.md").as_posix()

    for number in range(2, 11):
        for language in languages:
            for chapter in chapters:
                source = language / chapter
                if source.is_file():
                    target = language / copy_of(chapter, number)
                    target.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    extra = "".join(
        f"  - Copy {number}:\n"
        + "".join(f"      - {copy_of(chapter, number)}\n" for chapter in chapters)
        for number in range(2, 11)
    )
    text = text.replace("\nnav:\n", "\nnav:\n" + extra, 1)
    config.write_text(text, encoding="utf-8")
    return project


def timed(command: list[str], cwd: Path, **env: str) -> float:
    """Run one build; its wall-clock seconds. (The processor time it used, which a busy
    machine does not stretch, is printed beside.)"""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command, cwd=cwd, env={**ENV, **env}, capture_output=True, text=True, timeout=3600
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"    {' '.join(command[-4:])}: {elapsed:.1f} s, processor {cpu:.1f} s", flush=True)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{done.stderr[-3000:]}")
    return elapsed


def mkdocs_build(project: Path) -> float:
    return timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", "site"], project, HANDBOOK_PDF="0")


def handbook_build(project: Path, jobs: int, pdf: bool = False, **env: str) -> float:
    command = [str(BIN / "ngo-handbook"), "build", "--jobs", str(jobs)]
    return timed(command + ([] if pdf else ["--no-pdf"]), project, **env)


def fastest(rounds: int, contenders: dict[str, callable]) -> dict[str, float]:
    """Each contender's best time over `rounds`, run in turns."""
    best = dict.fromkeys(contenders, math.nan)
    for _ in range(rounds):
        for name, run in contenders.items():
            try:
                seconds = run()
            except RuntimeError as error:  # one failed build leaves the others' measures
                print(f"  {name:40} failed: {error}", flush=True)
                continue
            best[name] = seconds if math.isnan(best[name]) else min(seconds, best[name])
            print(f"  {name:40} {seconds:6.1f} s", flush=True)
    return best


def html_builds(work: Path, rounds: int, cores: int) -> dict:
    print("HTML builds (no PDFs)", flush=True)
    sample = copy_sources(work / "sample")
    plain = plain_project(copy_sources(work / "plain"))
    sample10 = ten_times(copy_sources(work / "sample-10x"))
    plain10 = ten_times(plain_project(copy_sources(work / "plain-10x")))
    times = fastest(
        rounds,
        {
            "plain Material + static-i18n": lambda: mkdocs_build(plain),
            "ngo-handbook, one language at a time": lambda: handbook_build(sample, 1),
            f"ngo-handbook, --jobs {cores}": lambda: handbook_build(sample, cores),
            "10x pages: plain": lambda: mkdocs_build(plain10),
            "10x pages: ngo-handbook, one at a time": lambda: handbook_build(sample10, 1),
            f"10x pages: ngo-handbook, --jobs {cores}": lambda: handbook_build(sample10, cores),
        },
    )
    plain_s, plain10_s = times["plain Material + static-i18n"], times["10x pages: plain"]
    return {
        "seconds": times,
        "ratio": {
            "sample, one at a time": times["ngo-handbook, one language at a time"] / plain_s,
            "sample, parallel": times[f"ngo-handbook, --jobs {cores}"] / plain_s,
            "10x, one at a time": times["10x pages: ngo-handbook, one at a time"] / plain10_s,
            "10x, parallel": times[f"10x pages: ngo-handbook, --jobs {cores}"] / plain10_s,
        },
    }


def pdf_builds(work: Path, rounds: int, cores: int) -> dict:
    print("Full builds with the PDFs", flush=True)
    project = copy_sources(work / "sample-pdf")
    report = work / "pdf-report.json"
    cold: list[float] = []
    warm: list[float] = []
    html: list[float] = []
    printed = {}
    for _ in range(rounds):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        html.append(handbook_build(project, cores))
        cold.append(handbook_build(project, cores, pdf=True, HANDBOOK_PDF_TIMING=str(report)))
        printed["cold"] = len(json.loads(report.read_text())["printed"])
        warm.append(handbook_build(project, cores, pdf=True, HANDBOOK_PDF_TIMING=str(report)))
        printed["warm"] = len(json.loads(report.read_text())["printed"])
        print(f"  HTML {html[-1]:6.1f} s, cold {cold[-1]:6.1f} s, warm {warm[-1]:6.1f} s")
    html_s, cold_s, warm_s = min(html), min(cold), min(warm)
    return {
        "seconds": {"HTML": html_s, "cold cache": cold_s, "nothing changed": warm_s},
        "printed": printed,
        "ratio": {"cold / HTML": cold_s / html_s, "nothing changed / HTML": warm_s / html_s},
    }


def partner_directory(work: Path, cores: int, count: int = 10_000) -> dict:
    import partners_benchmark

    print(f"Partner directory with {count} organisations", flush=True)
    sample = copy_sources(work / "partners-sample")
    big = copy_sources(work / "partners-big")
    partners = big / "data" / "partners.yml"
    partners.write_text(big_directory(partners, count), encoding="utf-8")
    sample_s = handbook_build(sample, cores)
    big_s = handbook_build(big, cores)
    browser = partners_benchmark.measure_in_browser(big / "site", partners_benchmark.QUERIES)
    page = big / "site" / "partners" / "index.html"
    result = {
        "seconds": {"sample": sample_s, f"{count} organisations": big_s},
        "ratio": {"build, big / sample": big_s / sample_s},
        "page ready s": browser["load_s"],
        "page MB": page.stat().st_size / 1e6,
        "page MB gzip": page.with_name("index.html.gz").stat().st_size / 1e6,
        "filter ms max": max(browser["filterMs"]),
        "keystroke to frame ms max": max(browser["frameMs"]),
        "entries": browser["entries"],
    }
    print(f"  {json.dumps(result)}", flush=True)
    return result


def lighthouse(work: Path, cores: int) -> dict:
    import lighthouse as lighthouse_run

    print("Lighthouse (mobile), through a server that sends the .br/.gz files", flush=True)
    project = work / "sample"
    if not (project / "site" / "index.html").is_file():
        project = copy_sources(work / "lighthouse")
        handbook_build(project, cores)
    reports = work / "lighthouse-reports"
    reports.mkdir(exist_ok=True)
    results = {}
    with serve_compressed(project / "site") as root:
        for kind, path in LIGHTHOUSE_PAGES.items():
            found = lighthouse_run.measure(root + path, reports, kind.replace(" ", "-"))
            results[kind] = {**found, "path": path, "KiB transferred": found["KiB"]}
            print(f"  {kind:20} {found}", flush=True)
    return results


def search(work: Path) -> dict:
    print("Search benchmark", flush=True)
    site = work / "sample" / "site"
    out = work / "search.json"
    command = [PYTHON, str(BENCHMARKS / "search_benchmark.py"), "--json", str(out)]
    if (site / "index.html").is_file():
        command += ["--site", str(site)]
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, timeout=3600)
    print(done.stdout, flush=True)
    return {"report": done.stdout, "exit code": done.returncode}


def markdown(results: dict) -> str:
    """The results as the README shows them: ratios first, the seconds beside them."""
    lines = [
        f"Measured {results['date']} on {results['machine']} ({results['cores']} cores), "
        f"fastest of {results['rounds']} rounds.",
        "",
        "| what | measured | ratio |",
        "| --- | --- | --- |",
    ]
    if "html" in results:
        html = results["html"]
        seconds, ratio = html["seconds"], html["ratio"]
        cores = results["cores"]
        lines += [
            f"| HTML build, one language at a time | "
            f"{seconds['ngo-handbook, one language at a time']:.1f} s against "
            f"{seconds['plain Material + static-i18n']:.1f} s plain | "
            f"{ratio['sample, one at a time']:.2f}x plain |",
            f"| HTML build, --jobs {cores} | {seconds[f'ngo-handbook, --jobs {cores}']:.1f} s | "
            f"{ratio['sample, parallel']:.2f}x plain |",
            f"| 10x pages, one at a time | "
            f"{seconds['10x pages: ngo-handbook, one at a time']:.1f} s against "
            f"{seconds['10x pages: plain']:.1f} s plain | "
            f"{ratio['10x, one at a time']:.2f}x plain |",
            f"| 10x pages, --jobs {cores} | "
            f"{seconds[f'10x pages: ngo-handbook, --jobs {cores}']:.1f} s | "
            f"{ratio['10x, parallel']:.2f}x plain |",
        ]
    if "pdf" in results:
        pdf = results["pdf"]
        lines += [
            f"| full build with the PDFs, empty cache ({pdf['printed']['cold']} printed) | "
            f"{pdf['seconds']['cold cache']:.1f} s | {pdf['ratio']['cold / HTML']:.2f}x HTML |",
            f"| full build, nothing changed ({pdf['printed']['warm']} printed) | "
            f"{pdf['seconds']['nothing changed']:.1f} s | "
            f"{pdf['ratio']['nothing changed / HTML']:.2f}x HTML |",
        ]
    if "partners" in results:
        partners = results["partners"]
        lines += [
            f"| build with 10,000 partner organisations | "
            f"{list(partners['seconds'].values())[1]:.1f} s | "
            f"{partners['ratio']['build, big / sample']:.2f}x sample |",
            f"| 10,000 organisations: page ready in Chromium | "
            f"{partners['page ready s']:.1f} s ({partners['page MB']:.1f} MB, "
            f"{partners['page MB gzip']:.1f} MB gzip) | |",
            f"| 10,000 organisations: filter, slowest keystroke | "
            f"{partners['filter ms max']:.0f} ms | |",
        ]
    if "lighthouse" in results:
        lines += [
            "",
            "Lighthouse (mobile), served with the precompressed files:",
            "",
            "| page | performance | accessibility | best practices | SEO | KiB transferred "
            "| load average |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for kind, scores in results["lighthouse"].items():
            load = " → ".join(map(str, scores.get("load average", ())))
            lines.append(
                f"| {kind} (`/{scores['path']}`) | {scores['performance']:.0f} | "
                f"{scores['accessibility']:.0f} | {scores['best-practices']:.0f} | "
                f"{scores['seo']:.0f} | {scores['KiB transferred']:.0f} | {load} |"
            )
    if "search" in results:
        lines += ["", "Search benchmark:", "", "```", results["search"]["report"].strip(), "```"]
    return "\n".join(lines) + "\n"


def get_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip", default="", help=f"parts to leave out: {', '.join(PARTS)}")
    parser.add_argument("--out", type=Path, default=BENCHMARKS, help="where the results go")
    parser.add_argument("--keep", action="store_true", help="keep the working folder")
    return parser


def main(argv: list[str] | None = None) -> int:
    options = get_parser().parse_args(argv)
    skip = {part.strip() for part in options.skip.split(",") if part.strip()}
    cores = os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    results: dict = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "cores": cores,
        "rounds": options.rounds,
        "load average before": os.getloadavg(),
    }
    print(f"Working in {work}", flush=True)
    parts = {
        "html": lambda: html_builds(work, options.rounds, cores),
        "pdf": lambda: pdf_builds(work, options.rounds, cores),
        "partners": lambda: partner_directory(work, cores),
        "lighthouse": lambda: lighthouse(work, cores),
        "search": lambda: search(work),
    }
    try:
        for name, measure in parts.items():
            if name in skip:
                continue
            try:
                results[name] = measure()
            except Exception as error:  # noqa: BLE001 - a part that fails leaves the others
                print(f"{name}: no measure ({error})", flush=True)
    finally:
        results["load average after"] = os.getloadavg()
        options.out.mkdir(parents=True, exist_ok=True)
        (options.out / "results.json").write_text(json.dumps(results, indent=1), "utf-8")
        (options.out / "results.md").write_text(markdown(results), "utf-8")
        print(markdown(results))
        if options.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
