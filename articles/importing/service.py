"""Saving an imported article: one parsed text (``importers.parse_text``) becomes a draft, or a
published article from the archive, with its byline, organisations, photos and first revision.

Photos are checked and stored by ``import_photos``; organisations are found by ``tagging``.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.html import escape
from django.utils.translation import gettext

from articles import revisions, workflow
from articles.importing.parser import END_MARK, ImportFormatError, ParsedArticle
from articles.importing.photos import (
    check_photo_file,
    delete_photo_files,
    figure_html,
    photo_warnings,
    save_photos,
)
from articles.models import Article, Author, Category
from articles.tagging import find_organisations
from photos.models import Photo


def _with_end_mark(text: str) -> str:
    return (text if text.endswith(".") else text + ".") + END_MARK[1:]


def render_body(parsed: ParsedArticle, photos: Sequence[Photo] = ()) -> str:
    """The body's HTML: paragraphs, and figures given ``photos`` in caption order."""
    remaining = iter(photos)
    html = []
    for index, block in enumerate(parsed.blocks):
        ends = index == parsed.end_mark_at
        if block.is_caption:
            html.append(figure_html(block.text, next(remaining, None)))
            if ends:
                html.append(f"<p>{END_MARK}</p>")
        else:
            html.append(f"<p>{escape(_with_end_mark(block.text) if ends else block.text)}</p>")
    return "\n".join(html)


@dataclass
class ImportOutcome:
    """The result of importing one text: the article (none in a dry run) and whether it is new."""

    article: Article | None
    created: bool
    warnings: list[str] = field(default_factory=list)
    # Byline names with no author of that name, left out because authors were not to be made.
    unknown_authors: list[str] = field(default_factory=list)


def _authors(names: list[str], unit: str, *, create: bool) -> tuple[list[Author], list[str]]:
    """The byline's authors found by exact name, in order, and the names not found (created
    instead when ``create``)."""
    found, unknown = [], []
    for name in names:
        author = Author.objects.filter(name=name).order_by("pk").first()
        if author is None and create:
            author = Author.objects.create(name=name, unit=unit)
        if author is None:
            unknown.append(name)
        else:
            found.append(author)
    return found, unknown


def import_article(
    parsed: ParsedArticle,
    *,
    created_by=None,
    category: Category | None = None,
    photos: Sequence[Path] = (),
    publish: bool = False,
    dry_run: bool = False,
    create_authors: bool = True,
) -> ImportOutcome:
    """Save ``parsed`` as a new draft (or publish it), unless an import of it already exists.

    Authors are found by name in byline order, and created unless ``create_authors`` is off
    (for someone who may not add authors: the outcome names those left out); the unit becomes
    the source, the organisations named in the text are tagged, captions get ``photos``.
    """
    for path in photos:
        try:
            check_photo_file(path)
        except ValidationError as error:
            raise ImportFormatError(" ".join(error.messages)) from error
    warnings = photo_warnings(parsed.captions, photos)
    existing = Article.objects.filter(import_key=parsed.import_key).first()
    if existing or dry_run:
        return ImportOutcome(existing, created=existing is None, warnings=warnings)
    try:
        article, unknown = _save(parsed, created_by, category, photos, publish, create_authors)
    except IntegrityError:
        # The same text imported at the same moment by someone else: theirs stands.
        existing = Article.objects.filter(import_key=parsed.import_key).first()
        if existing is None:
            raise
        return ImportOutcome(existing, created=False, warnings=warnings)
    return ImportOutcome(article, created=True, warnings=warnings, unknown_authors=unknown)


def _save(parsed, created_by, category, photo_paths, publish, create_authors):
    """Everything for one text in one transaction; if it fails, its photo files go too.
    Returns the article and the byline names left out."""
    photos: list[Photo] = []
    try:
        with transaction.atomic():
            photos = save_photos(
                parsed.captions, photo_paths, credit=parsed.unit, uploader=created_by
            )
            article, unknown = _create(parsed, created_by, category, photos, create_authors)
            revisions.record(article, user=created_by, reason=gettext("Nhập từ văn bản"))
            if publish:
                workflow.publish_imported(
                    article=article, published_at=parsed.published_at, actor=created_by
                )
    except BaseException:
        # The photo rows went with the rolled-back transaction; the files must not stay behind.
        delete_photo_files(photos)
        raise
    return article, unknown


def _create(parsed: ParsedArticle, created_by, category, photos: list[Photo], create_authors):
    article = Article.objects.create(
        title=parsed.title,
        lead=parsed.lead,
        body=render_body(parsed, photos),
        category=category,
        featured_photo=photos[0] if photos else None,
        source=parsed.unit,
        published_at=parsed.published_at,
        created_by=created_by,
        import_key=parsed.import_key,
    )
    authors, unknown = _authors(parsed.byline, parsed.unit, create=create_authors)
    article.set_byline(authors)
    article.organisations.set(find_organisations(parsed.searchable_text()))
    return article, unknown
