"""Bulk data for the benchmark: plausible Vietnamese news (``vietnamese``) stored in bulk
(``bulk``), used by ``manage.py seed_bench``."""
