"""The project: settings (``settings/``), URLs, WSGI/ASGI, and the infrastructure that is not
about news: the anonymous page cache (``pagecache``, told what changed, importing no model),
the Redis backend (``cache``), the replica router, security middleware, the content policy, the
site's address, the admin site and its generic widgets, and the static files finder.

Imports no app of the project, except ``urls``, which joins them.
"""
