"""The editorial discussion's mentions: ``@username`` or ``@Full Name`` in a note or in the
comment given with a workflow action tells that person by e-mail.

Only people who may see the article are told; mentioning anyone else sends nothing, so a note
cannot carry an unpublished title to someone outside its desk.
"""

import re

from django.contrib.auth import get_user_model
from django.db import transaction

from articles import notifications, workflow
from articles.models import Article, Note


def _mentioned(user, text: str) -> bool:
    folded = text.casefold()
    for name in (user.username, user.get_full_name()):
        name = name.strip().casefold()
        if name and re.search(r"@" + re.escape(name) + r"(?!\w)", folded):
            return True
    return False


def find(text: str) -> list:
    """The active staff accounts ``text`` mentions, by username or full name."""
    if "@" not in text:
        return []
    staff = get_user_model().objects.filter(is_active=True, is_staff=True)
    return [user for user in staff if _mentioned(user, text)]


def notify(*, article: Article, text: str, author) -> list:
    """Queue an e-mail to each person ``text`` mentions who may see the article; return them."""
    told = [
        user
        for user in find(text)
        if user.pk != getattr(author, "pk", None)
        and workflow.visible_articles(user, Article.objects.filter(pk=article.pk)).exists()
    ]
    if told:
        ids = [user.pk for user in told]
        author_id = getattr(author, "pk", None)
        transaction.on_commit(
            lambda: notifications.mentioned(article.pk, ids, author_id=author_id, text=text)
        )
    return told


def add_note(*, article: Article, author, text: str) -> tuple[Note, list]:
    """Add a free note to the article's discussion and tell whoever it mentions."""
    with transaction.atomic():
        note = Note.objects.create(article=article, author=author, text=text)
        told = notify(article=article, text=text, author=author)
    return note, told
