"""The front page as the newsroom edits it, and what readers read most.

- ``models``: the front page (one row), its chosen stories in order (the first is the lead),
  each with an optional end time, the order of its section blocks; and the daily read counts;
- ``front``: which stories the front page shows now (chosen ones still running, the newest in
  the slots whose choice has ended) and when the next choice ends, for the page cache;
- ``readership``: reads counted from the page's beacon, without cookies or addresses, buffered
  in the cache and written to the database in bulk; the most-read lists;
- ``admin``: one page to edit the front page (the audit log records each change), and the
  read counts per article for editors.

A small app of its own rather than inside ``public``: it has models and an admin, which the
reader's site has none of, and the public views only read from it. It sits between
``articles`` and ``public`` in DESIGN.md's list: it may import ``articles``, ``photos`` and
``newsroom``; ``public`` imports it; ``articles`` never does.
"""
