"""The ranked page of a search on PostgreSQL, read from the best tier that can fill it.

The order (``articles.search``) is lexicographic: exact words, then words together, then
where they are, then the date. So the articles that have every marked word exactly come
before all others; of those, the ones with every pair together before the rest; of those,
the ones with every word in the title before the rest. Each of these nested sets is a prefix
of the whole order, and GIN indexes find each without reading a document:

- tier 3: every marked word exact, every pair together, every word in the title: its order
  is the date alone;
- tier 2: every marked word exact, every pair together: ranked by place, then date;
- tier 1: every marked word exact: ranked by pairs, place, date;
- tier 0: every match, ranked by all the keys.

A page ``start:stop`` lies in the first ``stop`` articles; the deepest tier holding at least
``stop`` articles holds them, in the same order as the whole. A tier that cannot fill the
page was small (fewer than ``stop`` articles), so trying it first costs little; only when
even tier 1 is too small is every match ranked (a word that is in most of the archive and
almost never with its neighbours, or a page deep in the results).
"""

from django.db import connections

from articles.search_index import EXACT_CONFIG, SEARCH_CONFIG, pairs_of
from articles.search_query import Query

# Where a word stands: the title, the lead, the body (ts_rank's defaults for A, B and C).
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = 1.0, 0.4, 0.2
# The title's words without weights or positions, as ``article_search_gin`` indexes them
# (migration 0018): a query without weights is answered by the index with no recheck.
TITLE_WORDS = "strip(ts_filter(head, '{a}'))"


def _lexemes(lexemes, weight: str = "") -> str:
    """``'a' & 'b'``: each word once, quoted, with ``weight`` (``:A``) when given."""
    # Words are letters and digits only, so quoting needs no escaping.
    return " & ".join(f"'{lexeme}'{weight}" for lexeme in lexemes)


def _tiers(query: Query) -> list[tuple[str, list, bool, bool, bool]]:
    """(extra condition, its parameters, rank by exact, by pairs, by place), deepest first."""
    exact = ("exact @@ %s::tsquery", [_lexemes(query.marked)]) if query.marked else ("", [])
    pairs = (
        ("pairs @@ %s::tsquery", [_lexemes(" ".join(pair) for pair in query.pairs)])
        if query.pairs
        else ("", [])
    )
    title = (
        f"{TITLE_WORDS} @@ plainto_tsquery(%s::regconfig, %s)",
        [SEARCH_CONFIG, " ".join(query.words)],
    )

    def both(*parts):
        parts = [part for part in parts if part[0]]
        return " AND ".join(sql for sql, _ in parts), [p for _, ps in parts for p in ps]

    tiers = [
        (*both(exact, pairs, title), False, False, False),
        (*both(exact, pairs), False, False, True),
        (*both(exact), False, True, True),
        ("", [], True, True, True),
    ]
    # A query without marks (or of one word) has nothing to require at tier 1 (or 2).
    kept, seen = [], set()
    for tier in tiers:
        if tier[0] not in seen:
            seen.add(tier[0])
            kept.append(tier)
    return kept


def postgres_ids(query: Query, articles, start: int, stop: int, matches=None) -> list[int]:
    """The ids of the ranked matches ``start`` to ``stop`` among ``articles`` (published
    articles, filtered as the reader asked), read from the deepest tier that fills them.
    ``matches``, when known, is how many there are: no more than ``stop`` are ranked all at
    once, each tested on its own vectors (``_ranked``'s ``few``)."""
    if matches is not None and matches <= stop:
        return _ranked(query, articles, "", [], (True, True, True), stop, few=True)[start:stop]
    tiers = _tiers(query)
    for number, (condition, params, *keys) in enumerate(tiers):
        rows = _ranked(query, articles, condition, params, keys, stop)
        if len(rows) >= stop or number == len(tiers) - 1:
            return rows[start:stop]
    return []


def postgres_count(query: Query, articles, bound: int | None) -> int:
    """How many of ``articles`` match ``query``, counted up to ``bound + 1``, the matches
    read from the GIN index (never by testing each article's vector: see ``_ranked``)."""
    published = articles.order_by().values("id")
    published_sql, published_params = published.query.sql_with_params()
    where = "vector @@ plainto_tsquery(%s::regconfig, %s)"
    params = [SEARCH_CONFIG, " ".join(query.words)]
    for phrase in query.phrases:
        # The phrase's pairs come from the index; only their articles' vectors are read
        # to check the positions (phrases need a recheck).
        where += " AND pairs @@ %s::tsquery AND vector @@ phraseto_tsquery(%s::regconfig, %s)"
        params += [_lexemes(" ".join(pair) for pair in pairs_of(phrase)), SEARCH_CONFIG]
        params.append(" ".join(phrase))
    limit = "" if bound is None else " LIMIT %s"
    statement = (
        # Every name is ours or the ORM's; every value is a parameter.
        "SELECT count(*) FROM (SELECT 1 FROM articles_searchdocument"  # noqa: S608
        f" JOIN ({published_sql}) AS published ON published.id = article_id"
        f" WHERE {where}{limit}) AS matches"
    )
    params = [*published_params, *params] + ([] if bound is None else [bound + 1])
    with connections[published.db].cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off; " + statement, params)
        return cursor.fetchone()[0]


def _ranked(query: Query, articles, condition, condition_params, keys, limit, few=False):
    """The first ``limit`` ids of the matches that meet ``condition``, ranked by ``keys``.

    One statement whose sets each come from the GIN index (materialised, so each is read
    once; the tier's conditions together in one scan of ``article_search_gin``, which
    needs no recheck, so no vector is read). The matches are ranked before they are met
    with the published articles (``articles``, the reader's filters), by the search
    document's copy of the publication time (kept by a trigger, migration 0018), so only
    the best few are looked up among the articles, not every match: the ``OFFSET 0``
    keeps that order from being planned away. PostgreSQL's planner does not count the cost
    of decompressing a vector, so for a word in most articles it would rather test every
    article's vector (seconds at 100,000 articles) than read the index: for this statement
    it is told to use the indexes.

    ``few``: the published matches are known to be fewer than ``limit``. They are then met
    with the articles first, and each is tested for the marked words and the pairs on its
    own vectors (a few decompressed), instead of reading each word's and each pair's whole
    set from the index (20 ms for a pair in 30,000 articles).
    """
    by_exact, by_pairs, by_place = keys
    published = articles.order_by().values("id")
    published_sql, published_params = published.query.sql_with_params()
    columns = ["article_id", "published_at"]
    columns += ["head"] if by_place else []  # small, on the table's own page
    columns += ["exact", "pairs"] if few else []  # a few rows' vectors
    found = (
        f"found AS MATERIALIZED (SELECT {', '.join(columns)}"  # noqa: S608
        " FROM articles_searchdocument WHERE vector @@ plainto_tsquery(%s::regconfig, %s)"
    )
    params = [SEARCH_CONFIG, " ".join(query.words)]
    for phrase in query.phrases:
        found += " AND pairs @@ %s::tsquery AND vector @@ phraseto_tsquery(%s::regconfig, %s)"
        params += [_lexemes(" ".join(pair) for pair in pairs_of(phrase)), SEARCH_CONFIG]
        params.append(" ".join(phrase))
    if condition:
        found += " AND " + condition
        params += condition_params
    if few:
        found += f" AND article_id IN ({published_sql})"
        params += published_params
    sets, exact, together, key_params = [found + ")"], [], [], []
    for number, word in enumerate(query.marked if by_exact else ()):
        if few:
            exact.append("(found.exact @@ plainto_tsquery(%s::regconfig, %s))::int")
            key_params += [EXACT_CONFIG, word]
            continue
        sets.append(
            f"exact_{number} AS MATERIALIZED (SELECT article_id FROM articles_searchdocument"  # noqa: S608
            " WHERE exact @@ plainto_tsquery(%s::regconfig, %s))"
        )
        params += [EXACT_CONFIG, word]
        exact.append(f"(found.article_id IN (SELECT article_id FROM exact_{number}))::int")  # noqa: S608
    for number, pair in enumerate(query.pairs if by_pairs else ()):
        if few:
            together.append("(found.pairs @@ %s::tsquery)::int")
            key_params.append(_lexemes([" ".join(pair)]))
            continue
        sets.append(
            f"pair_{number} AS MATERIALIZED (SELECT article_id FROM articles_searchdocument"  # noqa: S608
            " WHERE pairs @@ %s::tsquery)"
        )
        params.append(_lexemes([" ".join(pair)]))
        together.append(f"(found.article_id IN (SELECT article_id FROM pair_{number}))::int")  # noqa: S608
    place = []
    for word in query.words if by_place else ():
        # ``word`` is letters and digits only: nothing in it is tsquery syntax.
        place.append(
            "CASE WHEN found.head @@ to_tsquery(%s::regconfig, %s) THEN %s"
            " WHEN found.head @@ to_tsquery(%s::regconfig, %s) THEN %s ELSE %s END"
        )
        key_params += [SEARCH_CONFIG, f"{word}:A", TITLE_WEIGHT]
        key_params += [SEARCH_CONFIG, f"{word}:B", LEAD_WEIGHT, BODY_WEIGHT]
    named = (("rank_exact", exact), ("rank_together", together), ("rank_place", place))
    keys = [(name, " + ".join(parts)) for name, parts in named if parts]
    ranks = "".join(f", {expression} AS {name}" for name, expression in keys)
    inner = "".join(f"{name} DESC, " for name, _ in keys)
    outer = "".join(f"ranked.{name} DESC, " for name, _ in keys)
    statement = (
        # Every name is ours or the ORM's; every value is a parameter.
        f"WITH {', '.join(sets)} "  # noqa: S608
        f"SELECT ranked.article_id FROM (SELECT found.article_id, found.published_at{ranks}"
        f" FROM found ORDER BY {inner}published_at DESC NULLS LAST, article_id DESC OFFSET 0)"
        f" AS ranked JOIN ({published_sql}) AS published ON published.id = ranked.article_id"
        f" ORDER BY {outer}ranked.published_at DESC NULLS LAST, ranked.article_id DESC"
        f" LIMIT %s"
    )
    params += [*key_params, *published_params, limit]
    with connections[published.db].cursor() as cursor:
        # One string: outside a transaction the two run as one, so the setting ends with it
        # (inside one, it lasts until that transaction ends).
        cursor.execute("SET LOCAL enable_seqscan = off; " + statement, params)
        return [row[0] for row in cursor.fetchall()]
