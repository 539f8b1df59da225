"""The page scripts under plugins/ngo_handbook/assets/: ESLint's recommended rules find no
problem (tests/eslint.config.mjs), and no file is longer than a person reads at once.

ESLint comes from npm (tests/package.json, locked in tests/package-lock.json), like
axe-core; the fixture installs it from the lock file when it is missing.
"""

from __future__ import annotations

import json
import subprocess

import pytest
from conftest import NODE_PROJECT, REPO, node_tool

# One worker of `pytest -n` runs this module: its tests share one build.
pytestmark = pytest.mark.xdist_group("eslint")

CONFIG = NODE_PROJECT / "eslint.config.mjs"
ASSETS = REPO / "plugins" / "ngo_handbook" / "assets"
MAX_LINES = 400


@pytest.fixture(scope="module")
def eslint() -> str:
    """The ESLint command."""
    return str(node_tool(".bin/eslint"))


def test_eslint_finds_no_problem(eslint: str):
    result = subprocess.run(
        [eslint, "--config", str(CONFIG), "--max-warnings", "0", str(ASSETS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, "ESLint:\n" + result.stdout + result.stderr


def test_eslint_checks_every_script(eslint: str):
    """No script escapes the check (a file outside the configuration's reach is skipped
    with only a warning)."""
    listed = subprocess.run(
        [eslint, "--config", str(CONFIG), "--format", "json", str(ASSETS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    checked = {
        entry["filePath"]
        for entry in json.loads(listed.stdout)
        if not any("ignored" in message["message"] for message in entry["messages"])
    }
    scripts = {str(path) for path in ASSETS.rglob("*.js")}
    assert scripts and scripts <= checked, sorted(scripts - checked)


def test_no_script_is_over_400_lines():
    long = {
        path.relative_to(ASSETS).as_posix(): count
        for path in sorted(ASSETS.rglob("*.js"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these scripts into files of at most {MAX_LINES} lines: {long}"
