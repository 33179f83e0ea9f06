"""The planning app sits above articles: nothing below it imports it (DESIGN.md's layout)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_nothing_below_planning_imports_it():
    offenders = []
    for package in ("articles", "photos", "public", "newsroom"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name == "urls.py" and package == "newsroom":
                continue  # the URL configuration mounts every app
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                if any(name.split(".")[0] == "planning" for name in names):
                    offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_the_package_says_what_it_is_for():
    import planning

    assert "nothing in ``articles``" in planning.__doc__
