"""The searches at the largest size beside the article page: their section of
``bench/results/latest.md`` ("Search at 100,000 articles"), written by ``make bench`` and
``BENCH_ONLY=search``."""

from datetime import UTC, datetime

from bench.report import ratio

# The search this one replaced ranked the newest 100 matches only: 37 req/s uncached for
# "chuyen doi so" at 1,000 articles (0.0207× the baseline beside it, 2026-11-25). Ranking
# every match must keep at least half of that; and at the largest size a search page should
# take at most this many times the article page's p50.
OLD_SEARCH_RPS, OLD_SEARCH_RATIO, SEARCH_SHARE, SEARCH_LATENCY_FACTOR = 37, 0.0207, 0.5, 5
SEARCH_HEADING = "## Search at 100,000 articles"


def search_section(prepared: dict, figures: dict, elapsed: float | None) -> list[str]:
    """The searches beside the article page (``bench/run.py``'s ``measure_searches``)."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    took = "" if elapsed is None else f", in {elapsed / 60:.0f} minutes"
    out = [
        SEARCH_HEADING,
        "",
        f"Measured on {when}{took} (`BENCH_ONLY=search bench/run.py`, or with `make bench`): "
        f"{prepared['published']:,} published articles, one gunicorn (2 sync workers), page "
        "cache off, wrk with 4 connections, each page in four 2 s runs taking turns with the "
        "baseline. *matches*: the published articles the query finds, every one ranked "
        "(the page counts only ten pages ahead).",
        "",
        "| page | matches | req/s | × baseline | p50 ms | p50 × article's | p99 ms | CPU ms a "
        "request | CPU × article's | SQL queries |",
        "| --- " + "| ---: " * 9 + "|",
    ]
    article = figures["article"]
    for name, row in figures.items():
        matches = prepared["searches"].get(name, {}).get("matches")
        out.append(
            f"| {name} | {'' if matches is None else f'{matches:,}'} | {row['rps']:.0f} "
            f"| {ratio(row):.3f} | {row['p50']:.1f} | {row['p50'] / article['p50']:.1f} "
            f"| {row['p99']:.1f} | {row['cpu_ms']:.1f} | {row['cpu_ms'] / article['cpu_ms']:.1f} "
            f"| {row['queries']} |"
        )
    out += ["", "| target | measured | met |", "| --- | --- | --- |"]
    for name, row in figures.items():
        if name == "article":
            continue
        share = ratio(row) / OLD_SEARCH_RATIO
        out.append(
            f"| {name} uncached ≥ {SEARCH_SHARE}× the newest-100 search ({OLD_SEARCH_RPS} "
            f"req/s, {OLD_SEARCH_RATIO}× baseline) | {row['rps']:.0f} req/s, {share:.2f}× by "
            f"the baseline ratio | {'yes' if share >= SEARCH_SHARE else '**no**'} |"
        )
        factor = row["p50"] / article["p50"]
        out.append(
            f"| {name} p50 ≤ {SEARCH_LATENCY_FACTOR}× the article page's | {row['p50']:.0f} "
            f"ms vs {article['p50']:.0f} ms ({factor:.1f}×) "
            f"| {'yes' if factor <= SEARCH_LATENCY_FACTOR else '**no**'} |"
        )
    return [*out, ""]


def with_search_section(text: str, section: list[str]) -> str:
    """``latest.md``'s text with its search section replaced by ``section`` (or put before
    "## Targets" when it has none)."""
    lines = text.splitlines()
    if SEARCH_HEADING in lines:
        start = lines.index(SEARCH_HEADING)
        end = next(
            (n for n in range(start + 1, len(lines)) if lines[n].startswith("## ")), len(lines)
        )
    else:
        start = end = lines.index("## Targets") if "## Targets" in lines else len(lines)
    return "\n".join([*lines[:start], *section, *lines[end:]]) + "\n"
