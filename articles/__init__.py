"""The newsroom's nouns and rules: ``models/`` (taxonomy, article and byline, editorial records,
search document), ``workflow`` (the only code that changes a status), ``revisions``,
``notifications``, ``richtext`` (the sanitiser), ``text`` (Vietnamese rules), ``tagging``,
``search``, ``selectors`` (read queries the site and the admin share), ``permissions``
(object-level rules), ``importing/`` (parser, service, photos), ``backup``, and ``admin/``.

May import ``photos`` and ``newsroom``'s infrastructure (the page cache is told what changed
through ``signals``). Outside ``admin/``, it imports nothing of ``public``, the admin, ``demo``
or ``bench``.
"""
