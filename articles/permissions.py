"""Who may see, change and delete which object of the library and the taxonomy.

``articles.roles`` grants each role its model permissions; these rules narrow them per object.
The article's own rules are in ``articles.workflow``. What a published page shows is the
editor-in-chief's, as the published article itself is:

=============  ==========================  =============================  ===================
object         journalist                  editor                         editor-in-chief
=============  ==========================  =============================  ===================
photo          sees their own, those on    sees all; changes (and         everything; a file
               public pages and in the     deletes) photos no published   replaced on a
               articles they may open;     article shows                  published page is
               changes their own photos                                   written in the log
               no published article shows
tag            adds                        adds; renames tags no          everything
                                           published article carries
author         —                           adds; changes authors in no    everything
                                           published byline
glossary       —                           adds and changes short forms   everything
                                           no published article uses
organisation,  —                           —                              everything
section
=============  ==========================  =============================  ===================

"Published" means published or scheduled: a scheduled article shows the object at its time,
with nobody to look at it again. Seeing is narrower: a journalist sees what is public *now*.
The admin asks ``can_change`` / ``can_delete`` (and hides its buttons by them), and every
custom view filters through ``visible_photos`` / ``changeable_photos``.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from articles import workflow
from articles.models import (
    Abbreviation,
    Article,
    ArticleBodyPhoto,
    Author,
    Category,
    Organisation,
    Tag,
)
from photos.models import Photo

PUBLISHED = Article.Status.PUBLISHED
# The name of the annotation ``with_publication`` adds, and of the per-object memo.
ON_PUBLISHED_PAGE = "on_published_page"


def is_chief(user) -> bool:
    return workflow.is_publisher(user)


def is_editor(user) -> bool:
    """An editor or the editor-in-chief: they see the whole library."""
    return workflow.is_reviewer(user) or workflow.is_publisher(user)


def _has(user, action: str, model) -> bool:
    opts = model._meta
    return user.is_active and user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


# --- Photos ------------------------------------------------------------------------------


def _photos_shown_by(articles: QuerySet) -> Q:
    """A condition on photos: one of ``articles`` shows it, as featured photo or in its body."""
    featured = Exists(articles.filter(featured_photo=OuterRef("pk")))
    in_body = Exists(
        ArticleBodyPhoto.objects.filter(article__in=articles.values("pk"), photo=OuterRef("pk"))
    )
    return featured | in_body


def with_publication(photos: QuerySet) -> QuerySet:
    """``photos`` each annotated with whether a published (or scheduled) article shows it."""
    shown = _photos_shown_by(Article.objects.filter(status=PUBLISHED))
    return photos.annotate(**{ON_PUBLISHED_PAGE: ExpressionWrapper(shown, BooleanField())})


def visible_photos(user, photos: QuerySet) -> QuerySet:
    """The photos ``user`` may see: all for editors; for anyone else those they uploaded, those
    on a public page now, and those of the articles they may open."""
    if is_editor(user):
        return photos
    public = Article.objects.filter(status=PUBLISHED, published_at__lte=timezone.now())
    own = workflow.visible_articles(user, Article.objects.all())
    return photos.filter(Q(uploaded_by=user.pk) | _photos_shown_by(public) | _photos_shown_by(own))


def changeable_photos(user, photos: QuerySet) -> QuerySet:
    """The photos ``user`` may change: the queryset form of ``can_change`` for photos."""
    if not _has(user, "change", Photo):
        return photos.none()
    if is_chief(user):
        return photos
    photos = with_publication(photos).filter(**{ON_PUBLISHED_PAGE: False})
    return photos if is_editor(user) else photos.filter(uploaded_by=user.pk)


# --- Whether an object is on a published page ---------------------------------------------


def short_form_in_use(short_form: str) -> bool:
    """Whether a published (or scheduled) article's lead or body holds ``short_form``."""
    # The glossary is applied to the lead and body of every page as it is read (public.views),
    # so an entry is "on" every published article whose text holds its short form.
    if not short_form:
        return False
    published = Article.objects.filter(status=PUBLISHED)
    return published.filter(Q(lead__contains=short_form) | Q(body__contains=short_form)).exists()


def _published_use(obj) -> bool:
    published = Article.objects.filter(status=PUBLISHED)
    if isinstance(obj, Photo):
        return (
            published.filter(featured_photo=obj.pk).exists()
            or ArticleBodyPhoto.objects.filter(photo=obj.pk, article__status=PUBLISHED).exists()
        )
    if isinstance(obj, Tag):
        return published.filter(tags=obj.pk).exists()
    if isinstance(obj, Author):
        return published.filter(bylines__author=obj.pk).exists()
    if isinstance(obj, Organisation):
        return published.filter(organisations=obj.pk).exists()
    if isinstance(obj, Category):
        return published.filter(Q(category=obj.pk) | Q(category__parent=obj.pk)).exists()
    if isinstance(obj, Abbreviation):
        return short_form_in_use(obj.short_form)
    return False


def on_published_page(obj) -> bool:
    """Whether a published (or scheduled) article shows ``obj``; asked once per object."""
    if obj.pk is None:
        return False
    known = obj.__dict__.get(ON_PUBLISHED_PAGE)  # from ``with_publication``, or asked before
    if known is None:
        known = obj.__dict__[ON_PUBLISHED_PAGE] = _published_use(obj)
    return bool(known)


def published_articles_showing(photo: Photo) -> QuerySet:
    """The published (or scheduled) articles that show ``photo``, oldest first."""
    return (
        Article.objects.filter(status=PUBLISHED)
        .filter(Q(featured_photo=photo.pk) | Q(body_photos=photo.pk))
        .distinct()
        .order_by("pk")
    )


# --- The rules -----------------------------------------------------------------------------


def _within_remit(user, obj) -> bool:
    if is_chief(user):
        return True
    if on_published_page(obj):
        return False
    if isinstance(obj, Photo) and not is_editor(user):
        return obj.uploaded_by_id is not None and obj.uploaded_by_id == user.pk
    return True


def can_change(user, obj) -> bool:
    """Whether ``user`` may change ``obj`` (a photo, tag, author, glossary entry, organisation
    or section), by the table above."""
    return _has(user, "change", type(obj)) and _within_remit(user, obj)


def can_delete(user, obj) -> bool:
    """Whether ``user`` may delete ``obj``: the permission, then the same remit as changing."""
    return _has(user, "delete", type(obj)) and _within_remit(user, obj)


def can_change_photo(user, photo: Photo) -> bool:
    """Whether ``user`` may change ``photo`` (its file, description or focal point)."""
    return can_change(user, photo)


def may_write_glossary(user, short_form: str) -> bool:
    """Whether ``user`` may add an entry for ``short_form`` or rename one to it: an entry for a
    short form that published articles use changes those pages, which is the chief's."""
    return is_chief(user) or not short_form_in_use(short_form)
