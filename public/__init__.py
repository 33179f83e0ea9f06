"""The reader's site: views, URLs, feeds, sitemaps, SEO metadata, pagination, previews, the
context processor, and their templates and template tags.

May import ``articles``, ``photos``, ``frontpage`` and ``newsroom``; nothing imports it but the URL
configuration.
"""
