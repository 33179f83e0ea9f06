"""The pre-publish checklist: one rule table, asked of a saved article, of a pending version
and of the edit form as it is being typed.

The workflow refuses to approve or publish what fails it (``workflow.publication_problems``);
the edit page sends its unsaved form to the same ``problems`` function while the journalist
types, so the list on screen is the list the server will enforce.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from articles.richtext import count_captions_without_photo
from photos.models import Photo


@dataclass(frozen=True)
class Facts:
    """What the checklist looks at, wherever it comes from."""

    title: str
    lead: str
    body: str
    authors: int
    has_category: bool
    organisations: int
    featured_photo: Photo | None


def problems(facts: Facts) -> list[str]:
    """What the article lacks before it may be approved or published (empty when ready)."""
    rules = settings.NEWSROOM_CHECKLIST
    found = []
    title, lead = facts.title.strip(), facts.lead.strip()
    title_min, title_max = rules["title_length"]
    if not title_min <= len(title) <= title_max:
        found.append(
            _("Tiêu đề cần dài từ %(min)d đến %(max)d ký tự (hiện có %(n)d).")
            % {"min": title_min, "max": title_max, "n": len(title)}
        )
    lead_min, lead_max = rules["lead_length"]
    if not lead_min <= len(lead) <= lead_max:
        found.append(
            _("Sapo cần dài từ %(min)d đến %(max)d ký tự (hiện có %(n)d).")
            % {"min": lead_min, "max": lead_max, "n": len(lead)}
        )
    if rules["require_author"] and not facts.authors:
        found.append(_("Bài viết chưa có tác giả."))
    if rules["require_category"] and not facts.has_category:
        found.append(_("Bài viết chưa được xếp vào chuyên mục."))
    if rules["require_featured_photo"]:
        if facts.featured_photo is None:
            found.append(_("Bài viết chưa có ảnh đại diện."))
        elif not facts.featured_photo.alt_text.strip():
            found.append(_("Ảnh đại diện chưa có mô tả thay thế."))
    if rules["require_organisation"] and not facts.organisations:
        found.append(_("Bài viết chưa gắn với tổ chức nào."))
    if count_captions_without_photo(facts.body):
        found.append(_("Nội dung còn chú thích ảnh chưa có ảnh."))
    return found


def facts_of_article(article) -> Facts:
    """The checklist's view of a saved article row."""
    return Facts(
        title=article.title,
        lead=article.lead,
        body=article.body,
        authors=article.bylines.count(),
        has_category=article.category_id is not None,
        organisations=article.organisations.count(),
        featured_photo=article.featured_photo,
    )


def facts_of_content(content: dict) -> Facts:
    """The checklist's view of a revision's snapshot (a pending version)."""
    photo = content.get("featured_photo")
    return Facts(
        title=content.get("title", ""),
        lead=content.get("lead", ""),
        body=content.get("body", ""),
        authors=len(content.get("authors") or []),
        has_category=content.get("category") is not None,
        organisations=len(content.get("organisations") or []),
        featured_photo=Photo.objects.filter(pk=photo["id"]).first() if photo else None,
    )
