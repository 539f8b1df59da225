"""The load phase on its own: every problem of a handbook in one run, without any engine.

`loading.load_handbook` is what both the MkDocs plugin and `ngo-handbook check` call; here
it runs on a copy of the sample with plain values, no MkDocs involved.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import line_of
from ngo_handbook.context import Site
from ngo_handbook.loading import Sources, load_handbook
from ngo_handbook.problems import HandbookError

REPO = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "tr", "ar", "kk")


def sources(project: Path) -> Sources:
    return Sources(
        project_dir=project,
        docs_dir=project / "content",
        data_dir=project / "data",
        site_dir=project / "site",
        site=Site(LANGUAGES, "en"),
        strict=True,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("content", "data"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_sample_loads_into_a_context(project):
    loaded = load_handbook(sources(project))
    context = loaded.context
    assert context.languages == LANGUAGES
    assert context.data.handbook.name.get("tr", "en")
    assert {"safety", "orientation", "rights-and-duties"} <= set(context.blocks)
    assert loaded.warnings == []


def test_every_kind_of_problem_is_listed_in_one_run(project):
    content, data = project / "content", project / "data"
    replace(data / "safety.yml", "\ngroups:", "\ngropus:")
    replace(content / "en" / "education.md", "---\n", "---\ntitle: [unclosed\n")
    replace(
        content / "tr" / "strategy" / "activity.md",
        "{{ handbook: safety }}",
        "{{ handbook: safty }}",
    )
    replace(
        content / "kk" / "strategy" / "activity.md",
        "{{ handbook: safety }}",
        "{{ handbook: orientation checklist=remoet }}",
    )
    replace(
        content / "ar" / "self-assessment" / "guidance" / "q1-c1.md",
        "question_id: 1",
        "question_id: 99",
    )
    turkish = line_of(content / "tr" / "strategy" / "activity.md", "{{ handbook: safty }}")
    kazakh = line_of(content / "kk" / "strategy" / "activity.md", "checklist=remoet")
    with pytest.raises(HandbookError) as caught:
        load_handbook(sources(project))
    lines = [str(problem) for problem in caught.value.problems]
    assert any(line.startswith("data/safety.yml:") and "gropus" in line for line in lines), lines
    assert any(line.startswith("content/en/education.md:") for line in lines), lines
    assert any(
        line.startswith(f"content/tr/strategy/activity.md:{turkish}:") and "'safty'" in line
        for line in lines
    ), lines
    assert any(
        line.startswith(f"content/kk/strategy/activity.md:{kazakh}:")
        and "'remoet'" in line
        and "'remote'" in line
        for line in lines
    ), lines
    assert any(
        line.startswith("content/ar/self-assessment/guidance/q1-c1.md:") and "99" in line
        for line in lines
    ), lines


def test_a_build_sets_what_it_loaded_aside_from_the_collector_until_it_ends(
    tmp_path: Path, monkeypatch
):
    """The cycle collector does not walk the loaded handbook during the build (it is
    frozen once loaded), and a build that ends, well or badly, leaves it as it found it."""
    import gc

    from conftest import new_handbook, run_build
    from ngo_handbook import plugin

    frozen_at_end: list[int] = []
    release = plugin.release_loaded

    def noted_release() -> None:
        frozen_at_end.append(gc.get_freeze_count())
        release()

    monkeypatch.setattr(plugin, "release_loaded", noted_release)
    project = new_handbook(tmp_path, languages="en,tr")
    assert run_build(project).ok
    assert max(frozen_at_end) > 10_000, "the loaded handbook was not set aside"
    assert gc.get_freeze_count() == 0 and gc.isenabled()

    (project / "data" / "safety.yml").write_text("topics: [unclosed\n", encoding="utf-8")
    assert not run_build(project).ok
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_second_build_in_one_process_frees_what_the_first_left_behind():
    """`mkdocs serve` builds again and again in one process: what an earlier build set
    aside, and left as garbage, is collected when the next one loads."""
    import gc
    import weakref

    from ngo_handbook.loading import collector_paused, release_loaded

    class Value:
        pass

    with collector_paused():
        value = Value()
        value.itself = value  # a cycle: only the collector can free it
        kept = weakref.ref(value)
    del value
    gc.collect()
    assert kept() is not None, "set aside: no collection reaches it"
    with collector_paused():
        pass
    assert kept() is None
    release_loaded()
    assert gc.get_freeze_count() == 0 and gc.isenabled()
