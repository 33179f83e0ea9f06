"""The benchmark (``make bench``): settings, a query-counting middleware and a baseline view
that exist only under ``bench.settings``, the load runner and the photo benchmark."""
