"""The shape of the generator: MkDocs only at the edge, small modules, explicit features."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from ngo_handbook import features
from ngo_handbook.feature import Feature

PACKAGE = Path(features.__file__).parent
ADAPTERS = {
    "ngo_handbook.plugin",
    "ngo_handbook.mkdocs_config",
    "ngo_handbook.mkdocs_pages",
    "ngo_handbook.mkdocs_renders",
    "ngo_handbook.cli",
    "ngo_handbook.cli.build",
    "ngo_handbook.cli.parallel",
    "ngo_handbook.cli.check",
    "ngo_handbook.cli.add",
    "ngo_handbook.cli.status",
    "ngo_handbook.cli.sources",
}
"""The modules that speak to MkDocs; everything else works with any engine."""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, ast.Module]:
    return {
        module_name(path): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def imported(name: str, tree: ast.Module) -> set[str]:
    """Every module `name` imports, absolute (relative imports resolved)."""
    package = name if name.count(".") == 0 else name.rsplit(".", 1)[0]
    if (PACKAGE.parent / Path(*name.split("."))).is_dir():
        package = name
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base)
                target = f"{prefix}.{node.module}" if node.module else prefix
                found.add(target)
                found.update(f"{target}.{alias.name}" for alias in node.names)
            else:
                found.add(node.module or "")
    return found


def test_only_the_adapters_import_mkdocs():
    trees = modules()
    speaking = {
        name
        for name, tree in trees.items()
        if any(i == "mkdocs" or i.startswith("mkdocs.") for i in imported(name, tree))
    }
    assert speaking <= ADAPTERS, f"modules importing mkdocs outside the adapter: {speaking}"
    # The adapters are the top layer: what works with any engine imports none of them (a
    # command may reach MkDocs through another adapter, as `status` through `sources`).
    for name, tree in trees.items():
        uses = {i for i in imported(name, tree) if i in speaking}
        if uses and name not in ADAPTERS:
            pytest.fail(f"{name} imports the MkDocs adapter {uses} without being one")


def test_modules_are_small():
    too_long = {
        path.relative_to(PACKAGE).as_posix(): count
        for path in list(PACKAGE.rglob("*.py")) + list((PACKAGE / "assets").rglob("*.js"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert too_long == {}, f"modules over 400 lines: {too_long}"


def test_no_module_state_that_a_build_changes():
    """No `global` statement, and no module-level list, dict or set under a lower-case name
    (a cache that grows from build to build); per-build values live in BuildContext."""
    found = []
    for name, tree in modules().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found.append(f"{name}: global {', '.join(node.names)}")
        for node in tree.body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and isinstance(
                node.value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp)
            ):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    if isinstance(target, ast.Name) and not (
                        target.id.isupper() or target.id.startswith("__")
                    ):
                        found.append(f"{name}: {target.id}")
    assert found == []


def test_every_feature_declares_what_exists():
    assert all(isinstance(feature, Feature) for feature in features.FEATURES)
    names = [feature.name for feature in features.FEATURES]
    assert len(names) == len(set(names))
    patterns = [kind.pattern for kind in features.data_kinds()]
    assert len(patterns) == len(set(patterns)), patterns
    blocks = [block.name for feature in features.FEATURES for block in feature.blocks]
    assert len(blocks) == len(set(blocks)), blocks
    for feature in features.FEATURES:
        for asset in feature.assets:
            assert (PACKAGE / "assets" / asset).is_file(), (feature.name, asset)
        for part in feature.theme_parts:
            assert (PACKAGE / "theme" / part).is_file(), (feature.name, part)


def test_features_are_not_registered_at_import():
    """Importing a feature module changes nothing elsewhere: the list is the only wiring."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in PACKAGE.rglob("*.py"))
    assert "register(" not in source and "register_block(" not in source
