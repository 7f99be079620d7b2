"""Render what `make demo` prints (maps and per-step report) to SVG files under docs/.

Run after `make demo`: python scripts/screenshot.py [database URL]
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from parcours.cli import journey as journey_cli
from parcours.cli import report as report_cli
from parcours.cli.context import STATE

DOCS = Path(__file__).resolve().parent.parent / "docs"


def capture(name: str, title: str, draw: object, width: int = 150) -> None:
    STATE.console = Console(record=True, width=width, markup=False, highlight=False)
    draw()  # type: ignore[operator]
    STATE.console.save_svg(str(DOCS / name), title=title)


def main() -> None:
    STATE.database_url = sys.argv[1] if len(sys.argv) > 1 else "sqlite:///var/demo.db"
    DOCS.mkdir(exist_ok=True)
    capture(
        "demo-report.svg",
        "parcours report --journey family-trip --by step",
        lambda: report_cli.report(journey="family-trip", by="step"),
        width=120,
    )
    capture(
        "demo-maps.svg",
        "parcours journey show family-trip",
        lambda: journey_cli.show("family-trip"),
        width=170,
    )


if __name__ == "__main__":
    main()
