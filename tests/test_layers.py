"""The import-linter contracts in pyproject.toml cover every builder module, and no page defines cached code."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _contract(name_start: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return next(c for c in config["contracts"] if c["name"].startswith(name_start))


def test_every_module_outside_components_app_is_a_checked_builder():
    builders = {f"components.{p.stem}" for p in (ROOT / "components").glob("*.py") if p.stem != "__init__"}
    listed = set(_contract("builders")["source_modules"])
    assert listed == builders, "add new builder modules to the import-linter contract in pyproject.toml"
    assert (ROOT / "components" / "app" / "__init__.py").exists()


def test_no_page_defines_a_class_or_a_cached_function():
    for path in sorted((ROOT / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            assert not isinstance(node, ast.ClassDef), f"{path.name}: class {node.name}"
            if isinstance(node, ast.FunctionDef):
                decorators = [ast.unparse(d) for d in node.decorator_list]
                assert not any("cache" in d for d in decorators), f"{path.name}: {node.name} is cached"
