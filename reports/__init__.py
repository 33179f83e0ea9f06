"""Reports for the centre: what was published, for whom, by whom, and the royalty sheet.

Coverage, production and royalty figures for a period, drawn as SVG charts and exported as
CSV and Excel, in the admin under /admin/bao-cao/. May import ``articles``, ``photos`` and
``newsroom``; never ``public``. Nothing imports ``reports`` but the URL configuration.
"""
