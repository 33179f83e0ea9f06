"""The project: settings (``settings/``), URLs, WSGI/ASGI, and the infrastructure that is not
about news: the anonymous page cache (``pagecache``, told what changed, importing no model),
the Redis backend (``cache``), the replica router, security middleware, the content policy, the
site's address, the admin site and its generic widgets, the static files finder, and
operations: the health check (``health``), request ids and JSON logs (``requestlog``) and
``manage.py check_deployment`` (the package is an installed app for that command).

Imports no app of the project, except ``urls``, which joins them.
"""
