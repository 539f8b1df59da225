"""Guidance pages: Markdown pages under `content/<lang>/`, one per choice and language,
recognised by their front matter (`question_id`, `choice_id`).

`check_guidance` reads and checks them all in the load phase and keeps them in the build's
cache; the assessment page (`view`) embeds them, so the result view needs no request.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import markdown as markdown_lib

from ..build_cache import KeptValues, entry_name, kept_or_made, package_fingerprint
from ..content_checks import split_front_matter
from ..context import BuildContext
from ..data_files import HandbookData
from ..partial_translations import missing_message
from ..problems import HandbookError, Location, Problem
from ..stand_ins import marked_page, page_language
from ..yaml_source import YamlSyntaxError, parse_yaml
from .model import DATA_FILE, SelfAssessment

GUIDANCE_FOLDER = "self-assessment/guidance"
CACHE_KEY = "self_assessment.guidance"
PATHS_KEY = "self_assessment.guidance_paths"


@dataclass(frozen=True)
class Guidance:
    """One guidance page: which choice it answers and its rendered text."""

    language: str
    question_id: int
    choice_id: int
    src_path: str
    """Path under the language folder, for example `self-assessment/guidance/q8-c2.md`."""
    display: str
    """Path shown in messages, for example `content/tr/self-assessment/guidance/q8-c2.md`."""
    line: int
    html: str
    written_in: str = ""
    """The language its text is still in, for a page marked to translate (`stand_ins`);
    empty for a page written in its own."""

    @property
    def text_language(self) -> str:
        """The language its text is written in."""
        return self.written_in or self.language


GuidancePages = dict[tuple[str, int, int], Guidance]
"""(language, question id, choice id) → its guidance page."""


_MISSING_IDS = (
    "this page is in the self-assessment's guidance folder but its front matter does not "
    "say which answer it is for; start it with '---', 'title: …', 'question_id: N', "
    "'choice_id: N', '---'"
)


def _front_matter_marks(text: str, display: str):
    """(front matter dict, YamlDocument, first line) of a page, or None without one."""
    block, start = split_front_matter(text)
    if block is None or start == -1:
        return None
    try:
        document, _ = parse_yaml(block, display)
    except YamlSyntaxError:
        return None  # content_checks reports broken front matter for every page
    if not isinstance(document.data, dict):
        return None
    return document.data, document, start


EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "sane_lists"]


class _Converter:
    """Converts guidance bodies (Markdown written by staff, as in any other page) with one
    converter, reset before each; a body converted by an earlier build is taken from
    `kept`, as it was (a guidance page is read at every build, and most never change)."""

    def __init__(self, kept: KeptValues | None) -> None:
        self.kept = kept
        self.markdown: markdown_lib.Markdown | None = None
        self.settings = (
            entry_name(package_fingerprint(), markdown_lib.__version__, *EXTENSIONS)
            if kept is not None
            else ""
        )

    def html(self, body: str) -> str:
        name = entry_name(self.settings, "guidance", body) if self.kept is not None else ""
        return kept_or_made(self.kept, name, lambda: self._convert(body), str)

    def _convert(self, body: str) -> str:
        if self.markdown is None:
            self.markdown = markdown_lib.Markdown(extensions=EXTENSIONS)
        return self.markdown.reset().convert(body)


def _body(text: str) -> str:
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for index, line in enumerate(lines[1:], start=1):
            if line.strip() in ("---", "..."):
                return "\n".join(lines[index + 1 :])
    return text


def load_guidance(
    docs_dir: Path,
    display_root: Path,
    assessment: SelfAssessment,
    data: HandbookData,
    marked: set[str] | None = None,
    kept: KeptValues | None = None,
) -> tuple[GuidancePages, list[Problem]]:
    """Every guidance page under `docs_dir/<lang>/`, checked against the questionnaire;
    `marked` collects the path (under its language folder) of every page meant as one;
    `kept` holds the bodies earlier builds converted.

    Problems: a page naming an unknown question or choice, a front matter that names one
    of `question_id`/`choice_id` but not the other or not as a number, two pages for the
    same choice in one language, and a choice without a page in the default language.
    """
    choices = {
        question.id: {choice.id for choice in question.choices}
        for _, _, question in assessment.questions()
    }
    found: GuidancePages = {}
    bodies: dict[tuple[str, int, int], str] = {}
    problems: list[Problem] = []
    converter = _Converter(kept)
    for language in data.languages:
        folder = docs_dir / language
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            display = (
                path.relative_to(display_root).as_posix()
                if path.is_relative_to(display_root)
                else str(path)
            )
            # A page that is not UTF-8 is reported by content_checks.
            text = path.read_text(encoding="utf-8-sig", errors="replace")
            parsed = _front_matter_marks(text, display)
            src_path = path.relative_to(folder).as_posix()
            in_folder = src_path.startswith(GUIDANCE_FOLDER + "/")
            meant = in_folder or (
                parsed is not None and ("question_id" in parsed[0] or "choice_id" in parsed[0])
            )
            if meant and marked is not None:
                marked.add(src_path)
            if parsed is None:
                if in_folder:
                    problems.append(Problem(Location(display, 1, 1), _MISSING_IDS))
                continue
            meta, document, start = parsed
            if "question_id" not in meta and "choice_id" not in meta:
                if in_folder:
                    problems.append(Problem(Location(display, 1, 1), _MISSING_IDS))
                continue

            def where(key: str, document=document, display=display, start=start) -> Location:
                """Where `key`'s value stands in the page (front matter starts on `start`)."""
                found_at = document.locate((key,))
                return Location(display, found_at.line + start - 1, found_at.column)

            ids = {}
            for key in ("question_id", "choice_id"):
                value = meta.get(key)
                if value is None:
                    problems.append(
                        Problem(
                            Location(display, start, 1),
                            f"the front matter has no '{key}'; a guidance page names both "
                            "'question_id: N' and 'choice_id: N'",
                        )
                    )
                elif isinstance(value, bool) or not isinstance(value, int):
                    problems.append(
                        Problem(
                            where(key),
                            f"'{key}' must be a number (for example '{key}: 2'); got {value!r}",
                        )
                    )
                else:
                    ids[key] = value
            if len(ids) < 2:
                continue
            question_id, choice_id = ids["question_id"], ids["choice_id"]
            if question_id not in choices:
                known = ", ".join(str(number) for number in sorted(choices))
                problems.append(
                    Problem(
                        where("question_id"),
                        f"there is no question {question_id} in data/{DATA_FILE}; "
                        f"the questions are {known}",
                    )
                )
                continue
            if choice_id not in choices[question_id]:
                known = ", ".join(str(number) for number in sorted(choices[question_id]))
                problems.append(
                    Problem(
                        where("choice_id"),
                        f"question {question_id} has no choice {choice_id} in "
                        f"data/{DATA_FILE}; its choices are {known}",
                    )
                )
                continue
            key = (language, question_id, choice_id)
            if key in found:
                first = found[key]
                problems.append(
                    Problem(
                        where("question_id"),
                        f"question {question_id} choice {choice_id} already has a guidance page "
                        f"in this language ({first.display}); keep only one of the two",
                    )
                )
                continue
            bodies[key] = _body(text)
            found[key] = Guidance(
                language,
                question_id,
                choice_id,
                src_path,
                display,
                start,
                converter.html(bodies[key]),
            )
    for (language, question_id, choice_id), body in bodies.items():
        if marked_page(body):
            originals = [
                (other, text)
                for (other, q, c), text in bodies.items()
                if (q, c) == (question_id, choice_id)
            ]
            written = page_language(body, language, originals, data.default_language)
            if written is not None:
                key = (language, question_id, choice_id)
                found[key] = replace(found[key], written_in=written)

    default = data.default_language
    with_problems = {problem.location.file for problem in problems}
    for a, q, question in assessment.questions():
        for c, choice in enumerate(question.choices):
            if (default, question.id, choice.id) in found:
                continue
            name = f"{GUIDANCE_FOLDER}/q{question.id}-c{choice.id}.md"
            expected = docs_dir / default / name
            shown = (
                expected.relative_to(display_root).as_posix()
                if expected.is_relative_to(display_root)
                else str(expected)
            )
            if shown in with_problems:
                continue  # the page is there; its own problem says what to correct
            ids = f"'question_id: {question.id}' and 'choice_id: {choice.id}'"
            advice = (
                f"{shown} is for another answer; write {ids} in the front matter of the "
                "page written for this one"
                if expected.is_file()
                else f"create {shown} with {ids} in its front matter"
            )
            problems.append(
                Problem(
                    data.locate(DATA_FILE, ("areas", a, "questions", q, "choices", c)),
                    f"question {question.id} choice {choice.id} has no guidance page in "
                    f"the default language; {advice}",
                )
            )
    return found, problems


def _missing_translations(context: BuildContext, guidance: GuidancePages) -> list[Problem]:
    """Each guidance page of the default language another language lacks, once."""
    problems: list[Problem] = []
    folder = context.display(context.docs_dir)
    default = context.default_language
    for (language, question_id, choice_id), page in guidance.items():
        if language != default:
            continue
        for other in context.languages[1:]:
            if (other, question_id, choice_id) not in guidance:
                create = f"{folder}/{other}/{page.src_path}"
                message = missing_message(context, other, create, "this guidance")
                context.missing_translation(problems, Problem(Location(page.display), message))
    return problems


def check_guidance(context: BuildContext) -> list[Problem]:
    """Load phase: read and check every guidance page; keep them for the page builds."""
    assessment: SelfAssessment | None = context.data.get(DATA_FILE)
    if assessment is None:
        return []
    marked: set[str] = set()
    guidance, problems = load_guidance(
        context.docs_dir, context.project_dir, assessment, context.data, marked, context.kept
    )
    context.cache[CACHE_KEY] = guidance
    context.cache[PATHS_KEY] = marked
    return problems or _missing_translations(context, guidance)


def guidance_paths(context: BuildContext) -> set[str]:
    """The guidance pages' paths under their language folders: the assessment page shows
    them, the menu does not list them."""
    return context.cache.get(PATHS_KEY, set())


def guidance_pages(context: BuildContext) -> GuidancePages:
    """The guidance pages of this build, read in the load phase (or now, if it did not run)."""
    if CACHE_KEY not in context.cache:
        problems = check_guidance(context)
        if problems:
            raise HandbookError(problems)
    return context.cache[CACHE_KEY]


def shown_guidance(
    guidance: GuidancePages, language: str, default_language: str, question_id: int, choice_id: int
) -> Guidance:
    """The page shown for a choice in `language`: its own, else the default language's."""
    return (
        guidance.get((language, question_id, choice_id))
        or guidance[(default_language, question_id, choice_id)]
    )
