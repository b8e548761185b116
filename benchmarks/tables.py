"""What the benchmark scripts share: reading back the rows of the table they last wrote."""

from __future__ import annotations

from pathlib import Path


def previous_rows(path: Path, columns: int) -> dict[str, str]:
    """The rows of an earlier table of `columns` columns, by unit (the first cell, e.g. "03_mlp"), so that
    re-measuring some units keeps the others' rows; a row of another shape (an older table layout) is dropped."""
    if not path.exists():
        return {}
    rows = {}
    for line in path.read_text().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == columns and cells[0][:2].isdigit():
            rows[cells[0]] = line
    return rows
