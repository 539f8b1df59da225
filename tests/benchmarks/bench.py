"""`make bench`: every speed measure of the issue side by side, in one run, on this machine.

Not a test (the times move with the machine's load); it writes what it measured to
tests/benchmarks/results.json and, as the tables of the README, results.md:

1. HTML build (no PDFs) of the sample and of ten times its pages, against plain Material
   + static-i18n building the same Markdown (the same mkdocs.yml without our plugin): our
   build one language after another (`--jobs 1`) and in parallel (`--jobs` = cores);
   each build after an edit of the home page, as when a person builds again, so our build
   reuses what it kept in `.cache/` of the files the edit did not change;
2. the full build with the PDFs, with an empty PDF cache, with nothing kept at all (a
   first build), again with nothing changed, and after a sentence added to a chapter
   (its book printed again), against the HTML build;
3. the partner directory with 10,000 organisations (generated here): build time against
   the sample's, both as a first build (nothing kept) and built again, time until the
   page is ready in Chromium, filter time per keystroke;
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
import contextlib
import ctypes
import json
import math
import os
import platform
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
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
BUILD_TIMEOUT = 900
"""Seconds one build (or the search benchmark) may take before it counts as failed."""
PART_TIMEOUT = {"html": 5400, "pdf": 3600, "partners": 2400, "lighthouse": 2400, "search": 1800}
"""Seconds each part may take in all; past them it is written as failed and the next starts."""


class Failed(Exception):
    """A measure that could not be taken; the message says why."""


@contextlib.contextmanager
def time_limit(seconds: int, what: str) -> Iterator[None]:
    """Stop the block with Failed after `seconds` (SIGALRM: this runs in the main thread)."""

    def stop(signum, frame):
        raise Failed(f"{what}: no result after {seconds} s")

    before = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, before)


def run(command: list[str], cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
    """Run a command in a process group of its own; past BUILD_TIMEOUT the whole group (the
    build's language processes, its Chromium) is killed and Failed raised."""
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env={**ENV, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = process.communicate(timeout=BUILD_TIMEOUT)
    except BaseException:  # the time is up, or the part's time limit stopped the wait
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        if sys.exc_info()[0] is subprocess.TimeoutExpired:
            raise Failed(f"{' '.join(command[-4:])}: no end after {BUILD_TIMEOUT} s") from None
        raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


PR_SET_CHILD_SUBREAPER = 36


def adopt_orphans() -> bool:
    """Make this process the one that takes in its descendants whose parents end without
    waiting for them (Linux's "child subreaper"), so that `reap_orphans` can wait for them
    and their processor time counts in RUSAGE_CHILDREN: Chromium's processes, which print
    the PDFs, are such orphans, and without this a third of a PDF build's processor time
    would go uncounted. False where the system has no such thing."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def reap_orphans(seconds: float = 30) -> None:
    """Wait (up to `seconds`) for every child process left: the orphans taken in."""
    me = str(os.getpid())
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    stat = (entry / "stat").read_text()
                    if stat[stat.rindex(")") + 2 :].split()[1] == me:
                        children.append(int(entry.name))
        if not children:
            return
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)


class Seconds(float):
    """A build's wall-clock seconds, with the processor seconds it used (`cpu`): on a shared
    machine the wall clock stretches with the others' load, the processor time much less."""

    cpu: float = 0.0


def ratio(part: float | None, whole: float | None) -> float | None:
    return part / whole if part is not None and whole else None


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
    done = run(command, cwd, **env)
    elapsed = time.perf_counter() - started
    reap_orphans()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"    {' '.join(command[-4:])}: {elapsed:.1f} s, processor {cpu:.1f} s", flush=True)
    if done.returncode != 0:
        last = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise Failed(f"{' '.join(command[-4:])} ended with {done.returncode}: {' / '.join(last)}")
    seconds = Seconds(elapsed)
    seconds.cpu = cpu
    return seconds


def mkdocs_build(project: Path) -> float:
    return timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", "site"], project, HANDBOOK_PDF="0")


def edited(project: Path) -> Path:
    """`project` with a line added to its home page (each build in `html_builds` follows an
    edit, as when a person builds again: the page and its language's search index change)."""
    home = project / "content" / "en" / "index.md"
    with home.open("a", encoding="utf-8") as text:
        text.write(f"\nEdited {time.time_ns()}.\n")
    return project


def handbook_build(project: Path, jobs: int, pdf: bool = False, **env: str) -> float:
    command = [str(BIN / "ngo-handbook"), "build", "--jobs", str(jobs)]
    return timed(command + ([] if pdf else ["--no-pdf"]), project, **env)


def fastest(
    rounds: int,
    contenders: dict[str, Callable[[], float]],
    failures: dict[str, str],
    cpu: dict[str, float] | None = None,
) -> dict[str, float | None]:
    """Each contender's best time over `rounds`, run in turns; None for one that never
    finished, its reason in `failures`; the least processor time of each in `cpu`."""
    best: dict[str, float | None] = dict.fromkeys(contenders)
    for _ in range(rounds):
        for name, measure in contenders.items():
            try:
                seconds = measure()
            except Failed as error:  # one failed build leaves the others' measures
                failures[name] = str(error)
                print(f"  {name:40} failed: {error}", flush=True)
                continue
            best[name] = seconds if best[name] is None else min(seconds, best[name])
            if cpu is not None:
                cpu[name] = min(cpu.get(name, math.inf), getattr(seconds, "cpu", math.inf))
            print(f"  {name:40} {seconds:6.1f} s", flush=True)
    return best


def html_builds(work: Path, rounds: int, cores: int) -> dict:
    print("HTML builds (no PDFs)", flush=True)
    sample = copy_sources(work / "sample")
    plain = plain_project(copy_sources(work / "plain"))
    sample10 = ten_times(copy_sources(work / "sample-10x"))
    plain10 = ten_times(plain_project(copy_sources(work / "plain-10x")))
    failures: dict[str, str] = {}
    cpu: dict[str, float] = {}
    times = fastest(
        rounds,
        {
            "plain Material + static-i18n": lambda: mkdocs_build(edited(plain)),
            "ngo-handbook, one language at a time": lambda: handbook_build(edited(sample), 1),
            f"ngo-handbook, --jobs {cores}": lambda: handbook_build(edited(sample), cores),
            "10x pages: plain": lambda: mkdocs_build(edited(plain10)),
            "10x pages: ngo-handbook, one at a time": lambda: handbook_build(edited(sample10), 1),
            f"10x pages: ngo-handbook, --jobs {cores}": lambda: handbook_build(
                edited(sample10), cores
            ),
        },
        failures,
        cpu,
    )
    plain_s, plain10_s = times["plain Material + static-i18n"], times["10x pages: plain"]
    return {
        "seconds": times,
        "processor seconds": cpu,
        "ratio": {
            "sample, one at a time": ratio(times["ngo-handbook, one language at a time"], plain_s),
            "sample, parallel": ratio(times[f"ngo-handbook, --jobs {cores}"], plain_s),
            "10x, one at a time": ratio(times["10x pages: ngo-handbook, one at a time"], plain10_s),
            "10x, parallel": ratio(times[f"10x pages: ngo-handbook, --jobs {cores}"], plain10_s),
        },
        "failed": failures,
    }


def pdf_builds(work: Path, rounds: int, cores: int) -> dict:
    print("Full builds with the PDFs", flush=True)
    project = copy_sources(work / "sample-pdf")
    report = work / "pdf-report.json"
    failures: dict[str, str] = {}
    printed: dict[str, int] = {}

    def with_pdfs(kind: str) -> float:
        report.unlink(missing_ok=True)
        seconds = handbook_build(project, cores, pdf=True, HANDBOOK_PDF_TIMING=str(report))
        try:
            found = json.loads(report.read_text(encoding="utf-8"))
            printed[kind] = len(found["printed"])
            printed[f"{kind}, printed once"] = len(found["books printed once"])
        except (OSError, ValueError, KeyError) as error:
            raise Failed(f"the build wrote no PDF report ({error})") from None
        return seconds

    def cold() -> float:
        """Every PDF printed; the rest kept from the build before, as for the HTML build."""
        shutil.rmtree(project / ".cache" / "ngo-handbook" / "pdf", ignore_errors=True)
        return with_pdfs("cold")

    def first() -> float:
        """A first build: nothing kept at all (`.cache/` removed)."""
        shutil.rmtree(project / ".cache", ignore_errors=True)
        return with_pdfs("first")

    def chapter_edited() -> float:
        """A sentence added to the English home page: its book is printed again."""
        edited(project)
        return with_pdfs("edit")

    # In turns, so that a busy moment hits each alike: HTML, empty caches, nothing changed.
    cpu: dict[str, float] = {}
    times = fastest(
        rounds,
        {
            "HTML": lambda: handbook_build(project, cores),
            "cold cache": cold,
            "first build": first,
            "nothing changed": lambda: with_pdfs("warm"),
            "one chapter edited": chapter_edited,
        },
        failures,
        cpu,
    )
    return {
        "seconds": times,
        "processor seconds": cpu,
        "processor ratio": {
            "cold / HTML": ratio(cpu.get("cold cache"), cpu.get("HTML")),
            "first / HTML": ratio(cpu.get("first build"), cpu.get("HTML")),
            "nothing changed / HTML": ratio(cpu.get("nothing changed"), cpu.get("HTML")),
            "one chapter edited / HTML": ratio(cpu.get("one chapter edited"), cpu.get("HTML")),
        },
        "printed": printed,
        "ratio": {
            "cold / HTML": ratio(times["cold cache"], times["HTML"]),
            "first / HTML": ratio(times["first build"], times["HTML"]),
            "nothing changed / HTML": ratio(times["nothing changed"], times["HTML"]),
            "one chapter edited / HTML": ratio(times["one chapter edited"], times["HTML"]),
        },
        "failed": failures,
    }


def partner_directory(work: Path, rounds: int, cores: int, count: int = 10_000) -> dict:
    import partners_benchmark

    print(f"Partner directory with {count} organisations", flush=True)
    sample = copy_sources(work / "partners-sample")
    big = copy_sources(work / "partners-big")
    partners = big / "data" / "partners.yml"
    partners.write_text(big_directory(partners, count), encoding="utf-8")
    failures: dict[str, str] = {}
    cpu: dict[str, float] = {}
    big_name = f"{count} organisations"

    def first(project: Path) -> float:
        """A first build: every data file parsed, nothing kept (`.cache/` removed)."""
        shutil.rmtree(project / ".cache", ignore_errors=True)
        return handbook_build(project, cores)

    # Then built again, finding what the first build kept (`.cache/ngo-handbook/`), as
    # every build after an edit of the pages does.
    times = fastest(
        rounds,
        {
            "sample": lambda: first(sample),
            big_name: lambda: first(big),
            "sample, again": lambda: handbook_build(sample, cores),
            f"{big_name}, again": lambda: handbook_build(big, cores),
        },
        failures,
        cpu,
    )
    result = {
        "seconds": times,
        "processor seconds": cpu,
        "ratio": {
            "build, big / sample": ratio(times[big_name], times["sample"]),
            "build again, big / sample": ratio(times[f"{big_name}, again"], times["sample, again"]),
        },
        "processor ratio": {"build, big / sample": ratio(cpu.get(big_name), cpu.get("sample"))},
        "failed": failures,
    }
    page = big / "site" / "partners" / "index.html"
    if times[big_name] is not None:
        try:
            with time_limit(600, "the page in Chromium"):
                browser = partners_benchmark.measure_in_browser(
                    big / "site", partners_benchmark.QUERIES
                )
            result |= {
                "page ready s": browser["load_s"],
                "page MB": page.stat().st_size / 1e6,
                "page MB gzip": page.with_name("index.html.gz").stat().st_size / 1e6,
                "filter ms max": max(browser["filterMs"]),
                "keystroke to frame ms max": max(browser["frameMs"]),
                "entries": browser["entries"],
            }
        except Exception as error:  # noqa: BLE001 - written as failed, the build times stay
            failures["page in Chromium"] = f"{type(error).__name__}: {error}"
    print(f"  {json.dumps(result)}", flush=True)
    return result


def lighthouse(work: Path, cores: int) -> dict:
    import lighthouse as lighthouse_run

    print("Lighthouse (mobile), through a server that sends the .br/.gz files", flush=True)
    project = work / "sample"
    if not (project / "site" / "index.html").is_file():
        project = copy_sources(work / "lighthouse")
        handbook_build(project, cores)  # Failed: the part has nothing to measure
    reports = work / "lighthouse-reports"
    reports.mkdir(exist_ok=True)
    results = {}
    with serve_compressed(project / "site") as root:
        for kind, path in LIGHTHOUSE_PAGES.items():
            try:  # one page that fails leaves the others' scores
                found = lighthouse_run.measure(root + path, reports, kind.replace(" ", "-"))
            except Exception as error:  # noqa: BLE001 - written as failed
                reason = f"{type(error).__name__}: {str(error).strip()[-300:]}"
                results[kind] = {"path": path, "failed": reason}
                print(f"  {kind:20} failed: {reason}", flush=True)
                continue
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
    done = run(command)
    print(done.stdout, flush=True)
    result = {"report": done.stdout, "exit code": done.returncode}
    if done.returncode != 0:
        result["failed"] = f"exit code {done.returncode}: {done.stderr.strip()[-300:]}"
    return result


def seconds_text(value: float | None) -> str:
    return "failed" if value is None else f"{value:.1f} s"


def ratio_text(value: float | None, against: str) -> str:
    return "" if value is None else f"{value:.2f}x {against}"


def row(what: str, seconds: float | None, versus: str = "", ratio: str = "") -> str:
    """A line of the table: what, the time measured (and against what), the ratio."""
    return f"| {what} | {seconds_text(seconds)}{versus} | {ratio} |"


def markdown(results: dict) -> str:
    """The results as the README shows them: ratios first, the seconds beside them; a part
    or a measure that failed says so, with its reason."""
    lines = [
        f"Measured {results['date']} on {results['machine']} ({results['cores']} cores), "
        f"fastest of {results['rounds']} rounds; load average "
        f"{results['load average before'][0]:.1f} before, "
        f"{results.get('load average after', [float('nan')])[0]:.1f} after.",
        "",
        "| what | measured | ratio |",
        "| --- | --- | --- |",
    ]
    cores = results["cores"]
    html = results.get("html", {})
    if "seconds" in html:
        seconds, ratios = html["seconds"], html["ratio"]
        for what, ours, plain, share in (
            ("HTML build, one language at a time", "ngo-handbook, one language at a time",
             "plain Material + static-i18n", "sample, one at a time"),
            (f"HTML build, --jobs {cores}", f"ngo-handbook, --jobs {cores}", None,
             "sample, parallel"),
            ("10x pages, one at a time", "10x pages: ngo-handbook, one at a time",
             "10x pages: plain", "10x, one at a time"),
            (f"10x pages, --jobs {cores}", f"10x pages: ngo-handbook, --jobs {cores}", None,
             "10x, parallel"),
        ):  # fmt: skip
            versus = f" against {seconds_text(seconds[plain])} plain" if plain else ""
            lines.append(row(what, seconds[ours], versus, ratio_text(ratios[share], "plain")))
    pdf = results.get("pdf", {})
    if "seconds" in pdf:
        seconds, ratios, printed = pdf["seconds"], pdf["ratio"], pdf["printed"]
        lines += [
            row(f"HTML build beside them, --jobs {cores}", seconds["HTML"]),
            row(
                f"full build with the PDFs, empty PDF cache ({printed.get('cold', '?')} printed)",
                seconds["cold cache"],
                ratio=ratio_text(ratios["cold / HTML"], "HTML")
                + f" (processor time {ratio_text(pdf['processor ratio']['cold / HTML'], 'HTML')})",
            ),
            row(
                "first build with the PDFs, nothing kept from an earlier build "
                f"({printed.get('first', '?')} printed)",
                seconds["first build"],
                ratio=ratio_text(ratios["first / HTML"], "HTML")
                + f" (processor time {ratio_text(pdf['processor ratio']['first / HTML'], 'HTML')})",
            ),
            row(
                f"full build, nothing changed ({printed.get('warm', '?')} printed)",
                seconds["nothing changed"],
                ratio=ratio_text(ratios["nothing changed / HTML"], "HTML"),
            ),
            row(
                f"full build after a sentence added to a chapter ({printed.get('edit', '?')} "
                f"printed, {printed.get('edit, printed once', '?')} of them once)",
                seconds["one chapter edited"],
                ratio=ratio_text(ratios["one chapter edited / HTML"], "HTML"),
            ),
        ]
    partners = results.get("partners", {})
    if "seconds" in partners:
        seconds, ratios = partners["seconds"], partners["ratio"]
        bigs = {name: value for name, value in seconds.items() if not name.startswith("sample")}
        big = next(v for name, v in bigs.items() if not name.endswith(", again"))
        again = next((v for name, v in bigs.items() if name.endswith(", again")), None)
        lines += [
            f"| build with 10,000 partner organisations, first build | {seconds_text(big)} | "
            f"{ratio_text(ratios['build, big / sample'], 'sample')} |",
            f"| build with 10,000 partner organisations, data parsed before | "
            f"{seconds_text(again)} | "
            f"{ratio_text(ratios.get('build again, big / sample'), 'sample')} |",
        ]
        if "page ready s" in partners:
            lines += [
                f"| 10,000 organisations: page ready in Chromium | "
                f"{partners['page ready s']:.1f} s ({partners['page MB']:.1f} MB, "
                f"{partners['page MB gzip']:.1f} MB gzip) | |",
                f"| 10,000 organisations: filter, slowest keystroke | "
                f"{partners['filter ms max']:.0f} ms | |",
            ]
    for name in PARTS:
        failed = results.get(name, {}).get("failed")
        reasons = {name: failed} if isinstance(failed, str) else failed or {}
        for what, why in reasons.items():
            where = what if what == name else f"{name}: {what}"
            lines.append(f"| {where} | failed: {' '.join(why.split())} | |")
    pages = {k: v for k, v in results.get("lighthouse", {}).items() if isinstance(v, dict)}
    if pages:
        lines += [
            "",
            "Lighthouse (mobile), served with the precompressed files:",
            "",
            "| page | performance | accessibility | best practices | SEO | KiB transferred "
            "| load average |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for kind, scores in pages.items():
            if "failed" in scores:
                why = " ".join(scores["failed"].split())
                lines.append(f"| {kind} (`/{scores['path']}`) | failed: {why} ||||||")
                continue
            load = " → ".join(map(str, scores.get("load average", ())))
            lines.append(
                f"| {kind} (`/{scores['path']}`) | {scores['performance']:.0f} | "
                f"{scores['accessibility']:.0f} | {scores['best-practices']:.0f} | "
                f"{scores['seo']:.0f} | {scores['KiB transferred']:.0f} | {load} |"
            )
    if "report" in results.get("search", {}):
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
        "processor time of orphaned processes counted": adopt_orphans(),
    }
    print(f"Working in {work}", flush=True)
    parts = {
        "html": lambda: html_builds(work, options.rounds, cores),
        "pdf": lambda: pdf_builds(work, options.rounds, cores),
        "partners": lambda: partner_directory(work, options.rounds, cores),
        "lighthouse": lambda: lighthouse(work, cores),
        "search": lambda: search(work),
    }

    def write() -> None:
        results["load average after"] = os.getloadavg()
        options.out.mkdir(parents=True, exist_ok=True)
        (options.out / "results.json").write_text(json.dumps(results, indent=1), "utf-8")
        (options.out / "results.md").write_text(markdown(results), "utf-8")

    try:
        for name, measure in parts.items():
            if name in skip:
                continue
            try:
                with time_limit(PART_TIMEOUT[name], name):
                    results[name] = measure()
            except Exception as error:  # noqa: BLE001 - a part that fails leaves the others
                reason = str(error) if isinstance(error, Failed) else repr(error)
                results[name] = {"failed": reason}
                print(f"{name}: no measure ({reason})", flush=True)
            write()  # what was measured so far survives a stop later on
    finally:
        write()
        print(markdown(results))
        if options.keep:
            print(f"Kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
