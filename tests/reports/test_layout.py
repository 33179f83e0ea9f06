"""The reports app's place: it reads the newsroom's apps, and only the URLs know it."""

import ast

from tests.helpers import PROJECT_ROOT

PACKAGES = ("newsroom", "photos", "articles", "public", "demo", "bench", "reports")


def _imports(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name for name in names if name.split(".")[0] in PACKAGES}


def test_reports_import_only_articles_photos_and_newsroom():
    """Never the public site, the demo or the benchmark."""
    for path in (PROJECT_ROOT / "reports").rglob("*.py"):
        if "migrations" in path.parts:
            continue
        bad = {n for n in _imports(path) if n.split(".")[0] in ("public", "demo", "bench")}
        assert not bad, (path, bad)


def test_nothing_imports_reports_but_the_url_configuration():
    """The app can be taken out by removing one line of settings and one of URLs."""
    for package in PACKAGES[:-1]:
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            if any(name.split(".")[0] == "reports" for name in _imports(path)):
                assert path == PROJECT_ROOT / "newsroom" / "urls.py", path
