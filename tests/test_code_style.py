"""The generator's code and the tests are formatted and linted with ruff (pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

PATHS = ["plugins", "tests"]


def ruff(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *arguments, *PATHS],
        cwd=REPO,
        capture_output=True,
        text=True,
    )


def test_code_passes_the_linter():
    done = ruff("check", "--no-cache")
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_is_formatted():
    done = ruff("format", "--check", "--no-cache")
    assert done.returncode == 0, "run 'ruff format plugins tests':\n" + done.stdout + done.stderr
