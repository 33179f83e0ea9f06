"""The demo newsroom: texts written for this project, drawn photos, the accounts for every role,
and ``load_demo``. Installed for ``make demo`` and the tests (debug on), never in production.

May import ``articles`` and ``photos``; nothing imports it but its command and the benchmark's
seeding (which reuses its organisations and sections).
"""
