"""The layout the project promises: one app per concern, dependencies pointing one way."""

import ast
from pathlib import Path

import pytest
from django.urls import reverse

from tests.helpers import PROJECT_ROOT

APPS = ("newsroom", "photos", "articles", "public", "demo", "bench")


def imports_of(package: str) -> dict[str, set[str]]:
    """Each module of ``package`` (migrations aside) and the project modules it imports."""
    found = {}
    for path in (PROJECT_ROOT / package).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        names = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
        found[str(path.relative_to(PROJECT_ROOT))] = {
            name for name in names if name.split(".")[0] in APPS
        }
    return found


def test_photos_know_no_article():
    """The library imports Django, Pillow, itself and the project's generic admin helpers: what
    it asks of articles is registered with it (``photos.policy``)."""
    for module, names in imports_of("photos").items():
        assert all(name.startswith(("photos", "newsroom.admin_widgets")) for name in names), (
            module,
            names,
        )


def test_articles_import_neither_the_site_the_admin_nor_the_demo():
    for module, names in imports_of("articles").items():
        if module.startswith("articles/admin/"):
            continue
        bad = {n for n in names if n.startswith(("public", "demo", "bench", "articles.admin"))}
        assert not bad, (module, bad)


def test_the_page_cache_imports_no_model():
    """The page cache is told what changed; it imports nothing of the newsroom's content."""
    for module, names in imports_of("newsroom").items():
        bad = {n for n in names if n.split(".")[0] in ("articles", "photos", "public")}
        if module in ("newsroom/urls.py",):
            continue  # the URL configuration joins the apps
        assert not bad, (module, bad)


@pytest.mark.parametrize("package", ["newsroom", "photos", "articles", "public", "demo"])
def test_each_package_says_what_it_is_for(package):
    init = PROJECT_ROOT / package / "__init__.py"
    assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), init


def test_no_module_grows_past_four_hundred_lines():
    """Migrations and the demo's texts (data) aside."""
    too_long = []
    for package in APPS:
        for path in (PROJECT_ROOT / package).rglob("*.py"):
            if "migrations" in path.parts or path == Path(PROJECT_ROOT, "demo", "content.py"):
                continue
            if sum(1 for _ in path.open(encoding="utf-8")) > 400:
                too_long.append(str(path.relative_to(PROJECT_ROOT)))
    assert not too_long


def test_old_photo_library_addresses_land_on_the_new_ones(client):
    response = client.get("/admin/articles/photo/12/change/?_popup=1")
    assert response.status_code == 302
    assert response["Location"] == "/admin/photos/photo/12/change/?_popup=1"
    assert reverse("admin:photos_photo_changelist") == "/admin/photos/photo/"
