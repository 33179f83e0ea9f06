"""A failure halfway through a transition or an import leaves nothing half-written.

The failure is real: a database trigger, created by the test, makes the insert of a revision
fail after the article, its transition, byline and photos have already been written.
"""

import io
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection
from PIL import Image

from articles import revisions, workflow
from articles.models import Article, ArticleAuthor, Author, Revision, Transition
from articles.roles import EDITOR
from photos.models import Photo
from photos.renditions import rendition_names
from tests.factories import ReadyArticleFactory, user_in_role

pytestmark = pytest.mark.django_db


@contextmanager
def failing_inserts(table: str, when: str):
    """Make every insert into ``table`` whose new row satisfies the SQL ``when`` fail."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION newsroom_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN IF {when} THEN RAISE EXCEPTION 'injected fault'; END IF; "
                "RETURN NEW; END $$"
            )
            cursor.execute(
                f"CREATE TRIGGER newsroom_test_fault BEFORE INSERT ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION newsroom_test_fault()"
            )
        else:
            cursor.execute(
                f"CREATE TRIGGER newsroom_test_fault BEFORE INSERT ON {table} "
                f"FOR EACH ROW WHEN {when} BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER newsroom_test_fault ON {table}")
                cursor.execute("DROP FUNCTION newsroom_test_fault()")
            else:
                cursor.execute("DROP TRIGGER newsroom_test_fault")


def state(article) -> dict:
    """Everything about an article that a transition may change."""
    fresh = Article.objects.get(pk=article.pk)
    return {
        "status": fresh.status,
        "published_at": fresh.published_at,
        "version": fresh.version,
        "transitions": list(fresh.transitions.values_list("pk", flat=True)),
        "revisions": sorted(fresh.revisions.values_list("number", flat=True)),
    }


def test_a_transition_failing_halfway_changes_nothing_and_sends_no_mail(
    roles, django_capture_on_commit_callbacks
):
    """Approval fails after the status and transition were written: the article is still in
    review, no transition or revision is left, nobody is told; once fixed, approval works."""
    editor = user_in_role(EDITOR, "bientapvien", email="btv@example.org")
    article = ReadyArticleFactory(status=Article.Status.IN_REVIEW)
    revisions.record(article, user=None, reason="Tạo bài")
    before = state(article)

    with (
        failing_inserts("articles_revision", "NEW.reason = 'Duyệt'"),
        django_capture_on_commit_callbacks(execute=True) as queued,
        pytest.raises(DatabaseError, match="injected fault"),
    ):
        workflow.perform(article=article, action=Transition.Action.APPROVE, actor=editor)
    assert state(article) == before
    assert article.status == Article.Status.IN_REVIEW
    assert queued == []
    assert mail.outbox == []

    workflow.perform(article=article, action=Transition.Action.APPROVE, actor=editor)
    after = state(article)
    assert after["status"] == Article.Status.APPROVED
    assert after["version"] == before["version"] + 1
    assert after["revisions"] == [1, 2]
    assert len(after["transitions"]) == 1


def write_article(folder: Path, name: str, title: str, author: str, captions: list[str]):
    """A text in the archive's format, with a photo file for each caption."""
    lines = [
        title,
        "21/11/2024 08:15",
        f"Sáng 21/11, {title.lower()} với sự tham gia của đông đảo hội viên và người dân.",
    ]
    for caption in captions:
        lines += [caption, "Buổi lễ diễn ra trang trọng, ấm cúng trong không khí ngày hội."]
    lines += ["Các đại biểu cùng trồng cây lưu niệm trong khuôn viên nhà văn hóa./.", author]
    lines.append("Trung tâm TT và VH")
    (folder / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    photos = folder / "anh" / name
    photos.mkdir(parents=True)
    for number, color in enumerate(["red", "blue"][: len(captions)], start=1):
        Image.new("RGB", (90, 60), color).save(photos / f"{number}.jpg", "JPEG")


def media_files(media_root: Path) -> set[str]:
    return {str(p.relative_to(media_root)) for p in media_root.rglob("*") if p.is_file()}


FAULTS = {
    # after the photos, the article and its byline were written
    "at its revision": (
        "articles_revision",
        "(SELECT title FROM articles_article WHERE id = NEW.article_id) LIKE '%CCB%'",
    ),
    # after the first of its two photos was stored
    "at its second photo": ("articles_photo", "NEW.caption = 'Cựu chiến binh chụp ảnh lưu niệm'"),
}


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_an_import_failing_halfway_through_a_batch_leaves_no_trace(tmp_path, media_root, fault):
    """The second of three files fails halfway: it leaves no article, author, photo row or
    photo file; the others import whole; the failure is named and the exit status is 1."""
    folder = tmp_path / "luu-tru"
    folder.mkdir()
    write_article(folder, "a", "Hội Nông dân xã ra quân làm đường", "Lê Văn An", ["Hội viên"])
    write_article(
        folder,
        "b",
        "Hội CCB phường khánh thành nhà tình nghĩa",
        "Đỗ Thị Bích - Vũ Minh Khôi",
        ["Trao chìa khóa nhà", "Cựu chiến binh chụp ảnh lưu niệm"],
    )
    write_article(folder, "c", "Đoàn thanh niên dọn vệ sinh bãi biển", "Lê Văn An", ["Bãi biển"])
    out, err = io.StringIO(), io.StringIO()

    with failing_inserts(*FAULTS[fault]), pytest.raises(CommandError) as stopped:
        call_command(
            "import_articles", str(folder), "--photos", str(folder / "anh"), stdout=out, stderr=err
        )

    assert stopped.value.returncode == 1
    assert "Đã nhập: 2, không đổi: 0, lỗi: 1" in out.getvalue()
    assert f"Lỗi: {folder / 'b.txt'}: " in err.getvalue()
    assert "cơ sở dữ liệu" in err.getvalue()

    titles = set(Article.objects.values_list("title", flat=True))
    assert titles == {"Hội Nông dân xã ra quân làm đường", "Đoàn thanh niên dọn vệ sinh bãi biển"}
    assert set(Author.objects.values_list("name", flat=True)) == {"Lê Văn An"}
    assert ArticleAuthor.objects.count() == 2
    assert Revision.objects.count() == 2
    assert Photo.objects.count() == 2
    stored = {
        name
        for photo in Photo.objects.all()
        for name in [photo.image.name, *rendition_names(photo.renditions)]
    }
    assert media_files(media_root) == stored

    status_again = call_command("import_articles", str(folder / "b.txt"), stdout=io.StringIO())
    assert status_again is None  # with the fault gone, the same file imports cleanly
    assert Article.objects.filter(title__contains="CCB").count() == 1
