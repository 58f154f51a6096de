"""Layers point one way: views call services, core imports no app, services take no request."""

from __future__ import annotations

import ast
from pathlib import Path

SINTREN = Path(__file__).resolve().parents[1] / "sintren"
APPS = sorted(p.name for p in SINTREN.iterdir() if (p / "apps.py").exists())


def _modules(pattern: str) -> list[Path]:
    return [p for p in SINTREN.glob(pattern) if "tests" not in p.parts]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_no_view_writes_an_audit_row_or_calls_the_rate_limiter() -> None:
    views = _modules("*/views.py") + _modules("*/views/*.py")
    assert views
    offenders = {
        str(path.relative_to(SINTREN)): sorted(
            name
            for name in _imports(path)
            if name.startswith(("sintren.core.audit", "sintren.core.ratelimit"))
        )
        for path in views
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_core_imports_no_other_app() -> None:
    others = tuple(f"sintren.{app}" for app in APPS if app != "core")
    offenders = {
        str(path.relative_to(SINTREN)): sorted(n for n in _imports(path) if n.startswith(others))
        for path in _modules("core/**/*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_services_take_no_request() -> None:
    offenders = []
    for path in _modules("*/services*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                names = [a.arg for a in node.args.args + node.args.kwonlyargs]
                if "request" in names:
                    offenders.append(f"{path.relative_to(SINTREN)}:{node.name}")
    assert offenders == []
