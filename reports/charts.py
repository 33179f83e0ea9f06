"""Charts drawn on the server as SVG, readable on a 375-px phone.

Positions across are percentages of the chart's width, so the bars stretch with the screen
while the text keeps its size (no viewBox scaling shrinking the labels). Each chart is an
image with a title for screen readers; the page shows the same numbers as a table.
"""

from django.utils.html import format_html, format_html_join

PALETTE = ("#1f5f9e", "#d9822b", "#2e8b57", "#a23b72", "#6a5acd", "#8c7b12", "#777777")
ROW = 46  # px per bar row: label line, then the bar


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def bars(title: str, items: list[tuple[str, object]], *, percent: bool = False) -> str:
    """Horizontal bars, one per (label, value), longest first as given."""
    if not items:
        return ""
    total = sum(float(value) for _label, value in items) or 1.0
    largest = max(float(value) for _label, value in items) or 1.0
    parts = []
    for index, (label, value) in enumerate(items):
        top = index * ROW
        shown = f"{float(value) * 100 / total:.1f} %" if percent else _number(value)
        width = float(value) * 100 / largest
        parts.append(
            format_html(
                '<text x="0" y="{}" class="chart-label">{}</text>'
                '<text x="100%" y="{}" text-anchor="end" class="chart-value">{}</text>'
                '<rect x="0" y="{}" width="{}%" height="16" rx="3" fill="{}"></rect>',
                top + 15,
                label,
                top + 15,
                shown,
                top + 22,
                f"{width:.2f}",
                PALETTE[index % len(PALETTE)] if percent else PALETTE[0],
            )
        )
    return _svg(title, len(items) * ROW, _joined(parts))


def stacked_columns(title: str, months: list, series: dict[str, dict]) -> tuple[str, list]:
    """One column per month, stacked by organisation; returns the SVG and its legend."""
    if not months or not series:
        return "", []
    height, base = 200, 220
    totals = [sum(values.get(month, 0) for values in series.values()) for month in months]
    largest = max(totals) or 1
    step = 100 / len(months)
    parts, legend = [], []
    for index, name in enumerate(series):
        legend.append((name, PALETTE[index % len(PALETTE)]))
    for column, month in enumerate(months):
        top = base
        for index, values in enumerate(series.values()):
            size = values.get(month, 0) * height / largest
            if size:
                top -= size
                parts.append(
                    format_html(
                        '<rect x="{}%" y="{}" width="{}%" height="{}" fill="{}"></rect>',
                        f"{column * step + step * 0.15:.2f}",
                        f"{top:.1f}",
                        f"{step * 0.7:.2f}",
                        f"{size:.1f}",
                        PALETTE[index % len(PALETTE)],
                    )
                )
        centre = f"{column * step + step / 2:.2f}"
        if totals[column]:
            parts.append(
                format_html(
                    '<text x="{}%" y="{}" text-anchor="middle" class="chart-value">{}</text>',
                    centre,
                    f"{top - 4:.1f}",
                    totals[column],
                )
            )
        # The month's number alone fits thirteen columns on a phone; the year goes on a
        # second line, under the first column and under each January.
        parts.append(
            format_html(
                '<text x="{}%" y="{}" text-anchor="middle" class="chart-label">{}</text>',
                centre,
                base + 16,
                month.month,
            )
        )
        if column == 0 or month.month == 1:
            parts.append(
                format_html(
                    '<text x="{}%" y="{}" text-anchor="{}" class="chart-label">{}</text>',
                    f"{column * step:.2f}",
                    base + 32,
                    "start",
                    month.year,
                )
            )
    return _svg(title, base + 38, _joined(parts)), legend


def _joined(parts: list) -> str:
    """The drawn pieces, each already escaped by ``format_html``, as one safe string."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _svg(title: str, height: int, body: str) -> str:
    return format_html(
        '<svg class="chart" width="100%" height="{}" role="img" aria-label="{}" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}</svg>',
        height,
        title,
        title,
        body,
    )
