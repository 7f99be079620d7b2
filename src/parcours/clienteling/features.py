"""The churn model's features of one customer, when the company gives them: a CRM export in
the telco format (`customerID` = the customer's reference) named by PARCOURS_CHURN_FEATURES.
Parcours itself does not store them; without the file every view uses Parcours' signals."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from parcours.insights.churn import telco
from parcours.insights.churn.schemas import TelcoCustomer

ENV = "PARCOURS_CHURN_FEATURES"


@lru_cache(maxsize=2)
def _index(path: str, mtime_ns: int) -> dict[str, TelcoCustomer]:
    # Keyed by the file's modification time: a new export is read again, an unchanged one not.
    return {c.customer_id: c for c in telco.read_csv(Path(path)).customers}


def features_of(reference: str) -> TelcoCustomer | None:
    """The customer's row of the export named by PARCOURS_CHURN_FEATURES, if any."""
    name = os.environ.get(ENV)
    if not name:
        return None
    path = Path(name)
    if not path.is_file():
        raise telco.ChurnInputError(
            en=f"{ENV}={name}: no such file", fr=f"{ENV}={name} : fichier introuvable"
        )
    return _index(str(path), path.stat().st_mtime_ns).get(reference)
