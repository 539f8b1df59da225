"""The published package on its own (slow): the wheel holds everything `ngo-handbook new`
and `build` need. Installed without dependencies into a fresh virtual environment, which
sees the development environment's dependencies through a .pth file, the package itself
comes only from the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def test_slow_wheel_makes_and_builds_a_handbook(tmp_path: Path):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTHONPATH", None)
    wheels = tmp_path / "wheels"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(wheels), str(REPO)],
        tmp_path, env,
    )  # fmt: skip
    (wheel,) = wheels.glob("ngo_handbook-*.whl")
    # `make test` byte-compiles the package first: none of that is shipped.
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert [name for name in names if "__pycache__" in name or name.endswith(".pyc")] == []
    assert "ngo_handbook/search/languages/tr.yml" in names

    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    purelib = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    # The dependencies (MkDocs, Material…) come from the development environment; the
    # editable install of ngo_handbook there is left out, so only the wheel provides it.
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", "-q", str(wheel)],
        tmp_path, env,
    )  # fmt: skip

    located = _run(
        [str(python), "-c", "import ngo_handbook; print(ngo_handbook.__file__)"], tmp_path, env
    ).stdout.strip()
    assert Path(located).is_relative_to(target), located
    assert not Path(located).is_relative_to(REPO / "plugins"), located

    command = target / "bin" / "ngo-handbook"
    _run(
        [str(command), "new", "handbook", "--languages", "en,ar", "--name", "Wheel Test"],
        tmp_path, env,
    )  # fmt: skip
    _run([str(command), "build", "--no-pdf"], tmp_path / "handbook", env)
    site = tmp_path / "handbook" / "site"
    arabic = (site / "ar" / "forms" / "volunteer-application" / "index.html").read_text("utf-8")
    assert '<body dir="rtl"' in arabic and "طلب التطوع" in arabic
    assert (site / "safety" / "index.html").is_file()
    assert not (tmp_path / "handbook" / "site.partial").exists()
