"""CKEditor's samples, test pages and unused risky plugins are never served nor collected."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.core.management import call_command
from django.http import Http404
from django.test import RequestFactory

from newsroom.staticfinders import is_hidden

HIDDEN_FILES = [
    "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html",
    "ckeditor/ckeditor/plugins/codesnippet/plugin.js",
    "ckeditor/ckeditor/plugins/codesnippetgeshi/plugin.js",
    "ckeditor/ckeditor/plugins/preview/preview.html",
]


@pytest.mark.parametrize("path", HIDDEN_FILES)
def test_hidden_ckeditor_files_are_not_found(path):
    """Files that ship with django-ckeditor but must not be public cannot be found or served."""
    assert finders.find(path) is None
    assert finders.find(path, find_all=True) == []
    with pytest.raises(Http404):
        serve(RequestFactory().get(f"/static/{path}"), path, insecure=True)


def test_samples_would_be_hidden_too():
    """CKEditor's samples folders (absent from this release, present in others) are covered."""
    assert is_hidden("ckeditor/ckeditor/samples/old/sample_posteddata.html")
    assert is_hidden("ckeditor/ckeditor/plugins/image2/samples/image2.html")
    assert not is_hidden("ckeditor/ckeditor/plugins/image2/plugin.js")


def test_the_editor_itself_is_still_served():
    """The editor, its image2 plugin and the newsroom's photo plugin are found."""
    for path in (
        "ckeditor/ckeditor/ckeditor.js",
        "ckeditor/ckeditor/plugins/image2/plugin.js",
        "articles/ckeditor/newsroomphoto/plugin.js",
    ):
        assert finders.find(path), path


def test_collectstatic_leaves_them_out(settings, tmp_path):
    """What collectstatic gathers for the web server has no samples, tests or code snippets."""
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    collected = [
        str(path.relative_to(settings.STATIC_ROOT))
        for path in Path(settings.STATIC_ROOT).rglob("*")
    ]
    assert "ckeditor/ckeditor/ckeditor.js" in collected
    for path in collected:
        assert "/samples/" not in path and "/tests/" not in path, path
        assert "codesnippet" not in path and "plugins/preview" not in path, path
