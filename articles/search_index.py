"""Keeping each article's search document current: the forms of its words search compares.

Four forms, so that a query can be answered from indexes and small columns only:

- folded words (``đảng``, ``đang`` and ``dang`` are all ``dang``), title A, lead B, body C:
  what every word of a query must match (PostgreSQL: ``vector``, a tsvector built with the
  ``newsroom_vi`` configuration, which folds with ``unaccent``; elsewhere: ``text``);
- exact words (marks kept, lower case, tone marks placed one way): a word typed with marks
  ranks articles that have exactly it first (``exact`` with the ``simple`` configuration;
  ``exact_text``);
- folded pairs of neighbouring words in each part (``an toan``, ``toan giao``): words typed
  together rank articles where they stand together (``pairs``, one lexeme per pair; on
  SQLite the folded lines are searched for the words with one space between them);
- the folded title and lead alone (``head``), small enough to be read for every match of a
  common word when ranking by where the words stand (SQLite reads the lines of ``text``).

PostgreSQL indexes ``vector``, ``exact`` and ``pairs`` with GIN (migration ``0013``).
"""

import itertools
import unicodedata

from django.db import connection

from articles.models import Article, SearchDocument
from articles.text import WORD, exact_words, plain_text, search_words

SEARCH_CONFIG = "newsroom_vi"
EXACT_CONFIG = "simple"
INDEXED_FIELDS = frozenset({"title", "lead", "body"})
# A tsvector holds at most 1 MB and a lexeme at most 2 KB: an enormous body keeps its first
# pairs only (its words are all still indexed), and a "word" longer than any real one none.
MAX_PAIRS = 20_000
MAX_PAIR_WORD = 200


def _spaced(text: str) -> str:
    """The text's words separated by spaces, accents kept, so PostgreSQL splits as we do."""
    return " ".join(WORD.findall(unicodedata.normalize("NFC", text)))


def _lines(words_of_parts) -> str:
    # One line per part, each word between spaces, so " word " matches whole words only.
    return "\n".join(" " + " ".join(words) + " " for words in words_of_parts)


def pairs_of(words) -> list[tuple[str, str]]:
    """Neighbouring words, in order: ``[a, b, c]`` → ``[(a, b), (b, c)]``."""
    return list(itertools.pairwise(words))


def pairs_literal(parts_words) -> str:
    """The ``pairs`` tsvector as PostgreSQL reads it: each folded pair once, quoted."""
    seen = dict.fromkeys(
        f"{first} {second}"
        for words in parts_words
        for first, second in pairs_of(words)
        if len(first) <= MAX_PAIR_WORD and len(second) <= MAX_PAIR_WORD
    )
    # Words are letters and digits only, so quoting them needs no escaping.
    return " ".join(f"'{pair}'" for pair in list(seen)[:MAX_PAIRS])


def _forms(title: str, lead: str, body: str) -> dict:
    parts = (title or "", lead or "", plain_text(body or ""))
    folded = [search_words(part) for part in parts]
    exact = [exact_words(part) for part in parts]
    # The excerpt's text: the plain body on one line (``search_display.body_text``).
    body_text = " ".join(parts[2].split())
    return {"parts": parts, "folded": folded, "exact": exact, "body_text": body_text}


def _bulk_upsert(with_body_text: bool, with_published_at: bool) -> str:
    """Every form of many articles in one statement; ``index_in_bulk`` gives the texts.
    Without ``body_text`` or ``published_at`` for a migration's ``SearchDocument`` from
    before those columns. The publication time is copied from the article (a trigger keeps
    it current afterwards: migration 0018)."""
    column, value, source, alias, update = (
        (", body_text", ", part.body_text", ", %(body_texts)s::text[]", ", body_text",
         ",\n        body_text = EXCLUDED.body_text")
        if with_body_text
        else ("", "", "", "", "")
    )  # fmt: skip
    if with_published_at:
        column += ", published_at"
        value += ", (SELECT published_at FROM articles_article WHERE id = part.id)"
        update += ",\n        published_at = EXCLUDED.published_at"
    # Only the fixed fragments above are spliced in; every value is a query parameter.
    return f"""
    INSERT INTO articles_searchdocument
        (article_id, vector, exact, head, pairs, text, exact_text{column})
    SELECT part.id,
           setweight(to_tsvector(%(config)s::regconfig, part.title), 'A')
           || setweight(to_tsvector(%(config)s::regconfig, part.lead), 'B')
           || setweight(to_tsvector(%(config)s::regconfig, part.body), 'C'),
           setweight(to_tsvector(%(exact_config)s::regconfig, part.exact_title), 'A')
           || setweight(to_tsvector(%(exact_config)s::regconfig, part.exact_lead), 'B')
           || setweight(to_tsvector(%(exact_config)s::regconfig, part.exact_body), 'C'),
           setweight(to_tsvector(%(config)s::regconfig, part.title), 'A')
           || setweight(to_tsvector(%(config)s::regconfig, part.lead), 'B'),
           part.pairs::tsvector,
           '', ''{value}
    FROM unnest(%(ids)s::bigint[], %(titles)s::text[], %(leads)s::text[], %(bodies)s::text[],
                %(exact_titles)s::text[], %(exact_leads)s::text[], %(exact_bodies)s::text[],
                %(pairs)s::text[]{source})
         AS part(id, title, lead, body, exact_title, exact_lead, exact_body, pairs{alias})
    ON CONFLICT (article_id) DO UPDATE SET
        vector = EXCLUDED.vector, exact = EXCLUDED.exact, head = EXCLUDED.head,
        pairs = EXCLUDED.pairs, text = EXCLUDED.text, exact_text = EXCLUDED.exact_text{update}
"""  # noqa: S608


def index_in_bulk(articles, model=SearchDocument) -> int:
    """Store the words of many articles at once: ``articles`` yields (pk, title, lead, HTML
    body). On PostgreSQL one set-based statement builds every vector; elsewhere one bulk
    upsert. ``model`` is the migration's own ``SearchDocument`` when a migration calls it.
    Returns how many articles were indexed."""
    rows = [(pk, _forms(title, lead, body)) for pk, title, lead, body in articles]
    if not rows:
        return 0
    # A migration before 0016 passes a SearchDocument without the excerpt's column.
    names = {field.name for field in model._meta.concrete_fields}
    with_body_text = "body_text" in names
    if connection.vendor == "postgresql":
        columns = {
            "ids": [pk for pk, _ in rows],
            "pairs": [pairs_literal(forms["folded"]) for _, forms in rows],
        }
        if with_body_text:
            columns["body_texts"] = [forms["body_text"] for _, forms in rows]
        for index, name in enumerate(("titles", "leads", "bodies")):
            columns[name] = [_spaced(forms["parts"][index]) for _, forms in rows]
            columns[f"exact_{name}"] = [" ".join(forms["exact"][index]) for _, forms in rows]
        with connection.cursor() as cursor:
            cursor.execute(
                _bulk_upsert(with_body_text, "published_at" in names),
                {"config": SEARCH_CONFIG, "exact_config": EXACT_CONFIG, **columns},
            )
        return len(rows)
    extra = ["body_text"] if with_body_text else []
    documents = [
        model(
            article_id=pk,
            text=_lines(forms["folded"]),
            exact_text=_lines(forms["exact"]),
            **{name: forms[name] for name in extra},
        )
        for pk, forms in rows
    ]
    model.objects.bulk_create(
        documents,
        update_conflicts=True,
        unique_fields=["article"],
        update_fields=["text", "exact_text", *extra],
    )
    return len(rows)


def index_article(article: Article) -> None:
    """Store the article's current words in its search document."""
    index_in_bulk([(article.pk, article.title, article.lead, article.body)])


def reindex_on_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """``post_save`` receiver: reindex when the title, lead or body may have changed."""
    if raw:
        return
    if update_fields is not None and not INDEXED_FIELDS & set(update_fields):
        return
    index_article(instance)


def rebuild_index(batch_size: int = 500, article_model=Article, model=SearchDocument) -> int:
    """Reindex every article (after a bulk import, say); return how many were indexed."""
    articles = article_model.objects.order_by("pk").values_list("pk", "title", "lead", "body")
    count, batch = 0, []
    for row in articles.iterator(chunk_size=batch_size):
        batch.append(row)
        if len(batch) == batch_size:
            count += index_in_bulk(batch, model=model)
            batch = []
    return count + index_in_bulk(batch, model=model)
