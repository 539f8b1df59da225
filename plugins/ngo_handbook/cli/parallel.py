"""`ngo-handbook build --jobs N`: the languages built side by side, one site as a result.

static-i18n builds a handbook's languages one after another: the first build (the default
language) runs MkDocs' `build()` again for each other language from its `on_post_build`,
every build writing into the same site folder, then rewrites the search index with the
entries of all of them. Here each language's build runs in a process of its own instead,
into a folder of its own, and the parts are put together as the one-by-one build would
have left them:

- the handbook is checked and loaded once, before the processes start (they are forked,
  so each has it already); each process takes the next language still to build and runs
  exactly the build static-i18n would run for it (`current_language` set, `building` on, so
  that static-i18n builds no other language from it and the handbook does not finish);
- the parts are laid over each other in static-i18n's order (default language first), a
  later build's file replacing an earlier one's, as when they shared one folder;
- `sitemap.xml` (static-i18n writes the languages built so far into it, so the last build's
  holds them all) gets every language's entries in that order, and `search_index.json` every
  language's entries, with static-i18n's own removal of duplicates;
- then the handbook finishes the build as after static-i18n's last language (search
  indexes per language, PDFs, offline lists) and the site replaces the last one.

`tests/test_parallel_build.py` checks that the two ways give the same files, byte for byte.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import logging.handlers
import multiprocessing
import os
import queue
import shutil
import signal
import time
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.utils import CountHandler

from .. import not_found as not_found_page
from ..background import forking
from ..site_folder import SiteFolder

STALL_SECONDS = 900
"""How long the languages' processes may go without a word (a log line, a language done)
before the build takes them to be stuck and stops, instead of waiting for ever. A
language of the sample takes under a second; of 10,000 organisations, a few."""
SEARCH_INDEX = Path("search") / "search_index.json"
SITEMAP = "sitemap.xml"
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def _build_languages(config: MkDocsConfig, languages, parts: Path, messages) -> None:
    """In a worker process: build each language taken from `languages`, each into
    `parts/<language>`, as static-i18n builds a language after the first, and tell the
    parent how it went. The stop signals, held back while the parent forked, are let in
    only inside the `try` below: a stop that comes while the outcome is being told ends the
    process without a word (the parent reports a process that went silent)."""
    try:
        _build_and_tell(config, languages, parts, messages)
    except KeyboardInterrupt:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)


def _build_and_tell(config: MkDocsConfig, languages, parts: Path, messages) -> None:
    logger = logging.getLogger("mkdocs")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(logging.handlers.QueueHandler(messages))
    i18n = config.plugins["i18n"]
    i18n.building = True
    # The side folder and the build lock belong to the parent: a failed language leaves
    # them to it.
    handbook = config.plugins["ngo-handbook"]
    handbook.site_folder = handbook.lock = None
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        while (language := languages.get()) is not None:
            i18n.current_language = language
            # The sitemap of this build lists this language only; the parts' lists are joined.
            i18n.i18n_files_per_language = {}
            config.site_dir = str(parts / language)
            mkdocs_build.build(config)
    except KeyboardInterrupt:
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        messages.put(("interrupted", None))
    except Abort as error:
        messages.put(("failed", error.format_message()))
    except Exception as error:  # noqa: BLE001 - the parent reports it as the build's error
        messages.put(("failed", f"{type(error).__name__}: {error}"))
    else:
        messages.put(("done", None))


def _run_workers(config: MkDocsConfig, languages: list[str], jobs: int, parts: Path) -> None:
    """Build every language in up to `jobs` forked processes; their log goes to this one's."""
    context = multiprocessing.get_context("fork")
    count = max(1, min(jobs, len(languages)))
    # A stop signal that came during fork() would be lost (Python ignores an exception
    # raised in its after-fork handlers): it waits until every process has started. It is
    # held back before the queue below starts its feeder thread, which keeps this mask: a
    # thread that let the signal in would have Python's handler run here, mid-fork.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
    try:
        messages = context.Queue()
        todo = context.Queue()
        for language in languages:
            todo.put(language)
        for _ in range(count):
            todo.put(None)
        workers = [
            context.Process(target=_build_languages, args=(config, todo, parts, messages))
            for _ in range(count)
        ]
        with forking():
            for worker in workers:
                worker.start()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    try:
        finished = 0
        silent = 0
        heard = time.monotonic()
        while finished < count:
            try:
                message = messages.get(timeout=1)
            except queue.Empty:
                # A process that died, or all gone with a word missing: nothing will come.
                if all(w.exitcode is not None for w in workers):
                    silent += 1
                if silent > 1 or any(w.exitcode not in (None, 0) for w in workers):
                    raise Abort("A language's build stopped without a word") from None
                if time.monotonic() - heard > STALL_SECONDS:
                    raise Abort(
                        f"A language's build has shown no progress for {STALL_SECONDS} s and "
                        "was stopped. Build again; if it stops here again, build with "
                        "--jobs 1 and report it"
                    ) from None
                continue
            heard = time.monotonic()
            if isinstance(message, logging.LogRecord):
                logging.getLogger(message.name).handle(message)
            elif message[0] == "failed":
                raise Abort(message[1])
            elif message[0] == "interrupted":
                raise KeyboardInterrupt
            else:
                finished += 1
    except BaseException:
        # Stopped (Ctrl+C, kill) or failed: the other languages' builds stop at once too.
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
        raise
    finally:
        for worker in workers:
            worker.join(timeout=5)
            if worker.is_alive():
                worker.kill()
                worker.join()


def _lay_over(part: Path, site: Path) -> None:
    """Move every file of `part` into `site`, replacing a file of the same name. A folder
    that `site` does not have yet (a language's own) moves whole, in one step."""
    site.mkdir(parents=True, exist_ok=True)
    with os.scandir(part) as entries:
        for entry in list(entries):
            target = site / entry.name
            if entry.is_dir(follow_symlinks=False) and target.is_dir():
                _lay_over(Path(entry.path), target)
            else:
                os.replace(entry.path, target)


def _sitemap_parts(text: str) -> tuple[str, str, str]:
    """A sitemap as (head up to `<urlset …>`, the `<url>` entries, the end)."""
    start = text.index(">", text.index("<urlset")) + 1
    end = text.rindex("</url>") + len("</url>") if "</url>" in text[start:] else start
    return text[:start], text[start:end], text[end:]


def _joined_sitemap(parts: list[Path]) -> tuple[str, int] | None:
    """The sitemap of static-i18n's last build: every language's entries, in build order;
    and the time stamp MkDocs put in its compressed copy."""
    sitemaps = [part / SITEMAP for part in parts if (part / SITEMAP).is_file()]
    if not sitemaps:
        return None
    texts = [path.read_text(encoding="utf-8") for path in sitemaps]
    head, _, end = _sitemap_parts(texts[-1])
    stamp = int.from_bytes((sitemaps[-1].parent / (SITEMAP + ".gz")).read_bytes()[4:8], "little")
    return head + "".join(_sitemap_parts(t)[1] for t in texts) + end, stamp


def _write_sitemap(site: Path, text: str, stamp: int) -> None:
    """Write the sitemap and its compressed copy as MkDocs does."""
    target = site / SITEMAP
    target.write_text(text, encoding="utf-8")
    gz_name = f"{target}.gz"
    with (
        open(gz_name, "wb") as file,
        gzip.GzipFile(fileobj=file, filename=gz_name, mode="wb", mtime=stamp) as compressed,
    ):
        compressed.write(text.encode("utf-8"))


def _joined_search_index(config: MkDocsConfig, parts: list[Path]) -> str | None:
    """The search index static-i18n writes after its last build: every build's entries in
    build order, less static-i18n's duplicates, written as Material's search plugin does."""
    indexes = [part / SEARCH_INDEX for part in parts if (part / SEARCH_INDEX).is_file()]
    if not indexes:
        return None
    loaded = [json.loads(path.read_text(encoding="utf-8")) for path in indexes]
    entries = [entry for index in loaded for entry in index["docs"]]
    i18n = config.plugins["i18n"]
    if i18n.config.reconfigure_search:
        i18n.reconfigure_search_duplicates(entries)
    data = {"config": loaded[-1]["config"], "docs": entries}
    return json.dumps(data, separators=(",", ":"), default=str)


def build_in_parallel(config: MkDocsConfig, jobs: int) -> None:
    """Build the site of `config` with its languages in up to `jobs` processes; the same
    site, file for file, as MkDocs' `build(config)` with static-i18n."""
    logger = logging.getLogger("mkdocs")
    warning_counter = CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    handbook = config.plugins["ngo-handbook"]
    try:
        # What MkDocs' first on_config does: check mkdocs.yml, load the handbook (and take
        # the lock, start the side folder); the forked processes have it all.
        config = config.plugins.on_config(config)
        handbook.context.languages_apart = True
        site = Path(config.site_dir)
        languages = list(handbook.context.languages)
        # Beside the site, as `<site>.partial.<random>`: a build that could not remove it
        # (killed outright) leaves it to the next build, which removes it under the lock.
        beside = handbook.site_folder or SiteFolder(site)
        with beside.parts_folder() as folder:
            parts_dir = Path(folder)
            _run_workers(config, languages, jobs, parts_dir)
            config.site_dir = str(site)
            with contextlib.suppress(FileNotFoundError):
                shutil.rmtree(site)
            parts = [parts_dir / language for language in languages]
            sitemap = _joined_sitemap(parts)
            search_index = _joined_search_index(config, parts)
            # Each language's "page not found", as the handbook keeps it in a one-by-one build.
            not_found = {
                language: (part / not_found_page.TEMPLATE).read_text(encoding="utf-8")
                for language, part in zip(languages, parts, strict=True)
                if (part / not_found_page.TEMPLATE).is_file()
            }
            for part in parts:
                _lay_over(part, site)
            if sitemap is not None:
                _write_sitemap(site, *sitemap)
            if search_index is not None:
                (site / SEARCH_INDEX).write_text(search_index, encoding="utf-8")
            for language, html in not_found.items():
                not_found_page.keep_not_found_page(handbook.context, language, html)
        # What the handbook does after static-i18n's last language (i18n.building is off).
        handbook.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            text = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {text} in strict mode!")
    except Exception as error:
        config.plugins.on_build_error(error=error)
        if isinstance(error, BuildError):
            logger.error(str(error))
            raise Abort("Aborted with a BuildError!") from None
        raise
    finally:
        logger.removeHandler(warning_counter)
