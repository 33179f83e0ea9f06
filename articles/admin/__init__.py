"""The editorial admin, registered when Django's admin discovers this package.

- ``article``: the article's list, edit page, workflow buttons and the desk;
- ``living``: a published article's pending version dropped, its corrections and updates;
- ``taxonomy``: organisations, authors, sections, tags and the glossary;
- ``forms``, ``views`` (revisions, compare, restore, notes, presence, preview links),
  ``rules`` (object-level rights), ``importing`` (the paste import page).

May import ``articles``, ``photos`` and ``newsroom``; ``articles`` itself never imports it.
The photo library's admin is ``photos.admin``.
"""

from articles.admin import article, living, taxonomy

__all__ = ["article", "living", "taxonomy"]
