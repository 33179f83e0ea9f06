# Vietnamese date formats: Django's own "vi" locale has no input formats, so its admin expects
# 2026-11-25; Vietnamese newsrooms write 25/11/2026. Anything not set here falls back to Django's.
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
# Issue 15: the admin shows dates as the rest of the site does (Django's "vi" default reads
# "07:04 Ngày 30 tháng 11 năm 2026").
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
