"""`parcours` starts without the heavy libraries that only some commands need: each command
pays for scikit-learn, pandas, LightGBM, the web stack or pyarrow only when it uses them."""

from __future__ import annotations

import json
import subprocess
import sys

# Loaded by the churn, recommendation, topics and evaluation commands, the web server and the
# Parquet export; never by `parcours import`, `report`, `journey` and the others.
HEAVY = ("sklearn", "scipy", "pandas", "lightgbm", "fastapi", "starlette", "jinja2", "pyarrow")

PROBE = """
import json, sys
from parcours.cli.app import app
import typer.main
typer.main.get_command(app)  # every sub-command and its options built, as for any call
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def _loaded_by(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_the_command_tree_loads_none_of_the_heavy_libraries() -> None:
    assert _loaded_by(PROBE.format(heavy=HEAVY)) == []


def test_the_probe_sees_a_heavy_library_when_one_is_loaded() -> None:
    # The probe itself can fail: importing the churn model loads scikit-learn and LightGBM.
    code = "import parcours.insights.churn.model\n" + PROBE.format(heavy=HEAVY)
    assert {"sklearn", "lightgbm"} <= set(_loaded_by(code))
