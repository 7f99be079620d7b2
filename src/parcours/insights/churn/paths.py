"""Where the committed churn model lies: apart from `model`, so that the CLI can name it as a
default without loading scikit-learn and LightGBM (`parcours` starts faster)."""

from __future__ import annotations

from pathlib import Path

ARTEFACT = Path(__file__).parent / "artefacts" / "churn-model.joblib"
