"""Comparisons of scores: pure functions over plain data (no database).

A column is one session: {"label": str, "scores": {criterion number: int | "nr" | None}}.
Criteria are rows: [(number, title), ...].
"""

NOT_REQUIRED = "nr"


def table(criteria, columns):
    """Rows for a heat map or a time series: each cell has the score and the change from the previous column."""
    rows = []
    for number, title in criteria:
        cells, previous = [], None
        for column in columns:
            value = column["scores"].get(number)
            delta = value - previous if isinstance(value, int) and isinstance(previous, int) else None
            cells.append({"value": value, "delta": delta, "css": css(value)})
            previous = value if value is not None else previous
        rows.append({"number": number, "title": title, "cells": cells, "average": average(c["value"] for c in cells)})
    return rows


def css(value):
    if value == NOT_REQUIRED:
        return "score-nr"
    if isinstance(value, int):
        return f"score-{value}"
    return "score-none"


def text(value):
    if value == NOT_REQUIRED:
        return "не требуется"
    return "" if value is None else str(value)


def average(values):
    numbers = [v for v in values if isinstance(v, int)]
    return round(sum(numbers) / len(numbers), 1) if numbers else None


def bottlenecks(rows, limit=3, threshold=3.0):
    """The region's «узкие места»: criteria with the lowest average score, at most `limit`, at or below threshold.

    Criteria scored «не требуется» only, or not scored, are not bottlenecks.
    """
    scored = [r for r in rows if r["average"] is not None and r["average"] <= threshold]
    scored.sort(key=lambda r: (r["average"], r["number"]))
    return scored[:limit]
