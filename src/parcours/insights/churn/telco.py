"""Reading customers in the IBM telco format (CSV), with a clear error naming the line and the
field of anything that is not as expected."""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from parcours.errors import BilingualError
from parcours.insights.churn.schemas import TelcoCustomer

DATA_FILE = Path("telco-churn") / "Telco-Customer-Churn.csv"
LABEL = "Churn"
NUMERIC = ("tenure", "MonthlyCharges", "TotalCharges", "SeniorCitizen")
COLUMNS: tuple[str, ...] = tuple(
    str(field.alias or name) for name, field in TelcoCustomer.model_fields.items()
)


class ChurnInputError(BilingualError, ValueError):
    """A file or row that cannot be read as telco customers; says where and why."""


@dataclass(frozen=True)
class TelcoData:
    customers: list[TelcoCustomer]
    # 1 churned, 0 stayed; None when the file has no Churn column (customers to score).
    labels: list[int] | None


def _where(line: int, field: str) -> tuple[str, str]:
    return f"line {line}, field {field}", f"ligne {line}, champ {field}"


def _number(text: str, line: int, field: str) -> float:
    try:
        number = float(text.strip().replace(",", "."))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        en, fr = _where(line, field)
        raise ChurnInputError(
            en=f"{en}: {text!r} is not a number", fr=f"{fr} : {text!r} n'est pas un nombre"
        )
    return number


def parse_row(row: dict[str, str], line: int) -> TelcoCustomer:
    """One CSV row; a blank TotalCharges (a customer not yet billed) is tenure x monthly."""
    values: dict[str, object] = {k: (v or "").strip() for k, v in row.items() if k != LABEL}
    numbers: dict[str, float] = {}
    for field in NUMERIC:
        text = str(values[field])
        if field == "TotalCharges" and not text:
            continue
        number = numbers[field] = _number(text, line, field)
        if field in ("tenure", "SeniorCitizen") and number != int(number):
            en, fr = _where(line, field)
            raise ChurnInputError(
                en=f"{en}: {text!r} is not a whole number",
                fr=f"{fr} : {text!r} n'est pas un nombre entier",
            )
        values[field] = int(number) if field in ("tenure", "SeniorCitizen") else number
    if "TotalCharges" not in numbers:
        # In the public set the 11 blanks are all customers of tenure 0: nothing billed yet.
        values["TotalCharges"] = numbers["tenure"] * numbers["MonthlyCharges"]
    try:
        return TelcoCustomer.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        en, fr = _where(line, field)
        given = values.get(field, "")
        raise ChurnInputError(
            en=f"{en}: {given!r} is not accepted ({first['msg']})",
            fr=f"{fr} : {given!r} n'est pas accepté ({first['msg']})",
        ) from None


def _label(text: str, line: int) -> int:
    value = text.strip()
    if value not in ("Yes", "No"):
        en, fr = _where(line, LABEL)
        raise ChurnInputError(
            en=f"{en}: {value!r} is neither Yes nor No", fr=f"{fr} : {value!r} n'est ni Yes ni No"
        )
    return 1 if value == "Yes" else 0


def check_header(header: Sequence[str]) -> bool:
    """Raise on an unknown or missing column; True when the file has the Churn label."""
    unknown = [c for c in header if c not in (*COLUMNS, LABEL)]
    if unknown:
        raise ChurnInputError(
            en=f"line 1: unknown column {unknown[0]!r} (expected: {', '.join(COLUMNS)})",
            fr=f"ligne 1 : colonne inconnue {unknown[0]!r} (attendues : {', '.join(COLUMNS)})",
        )
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ChurnInputError(
            en=f"line 1: missing column {missing[0]!r}",
            fr=f"ligne 1 : colonne manquante {missing[0]!r}",
        )
    return LABEL in header


def read_rows(lines: Iterable[str], *, require_label: bool = False) -> TelcoData:
    reader = csv.DictReader(lines)
    has_label = check_header(list(reader.fieldnames or []))
    if require_label and not has_label:
        raise ChurnInputError(
            en=f"line 1: column {LABEL!r} is needed to train or evaluate",
            fr=f"ligne 1 : la colonne {LABEL!r} est nécessaire pour entraîner ou évaluer",
        )
    customers: list[TelcoCustomer] = []
    labels: list[int] = []
    for row in reader:
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise ChurnInputError(
                en=f"line {line}: the row does not have one value per column",
                fr=f"ligne {line} : la ligne n'a pas une valeur par colonne",
            )
        customers.append(parse_row(row, line))
        if has_label:
            labels.append(_label(row[LABEL], line))
    return TelcoData(customers=customers, labels=labels if has_label else None)


def read_csv(path: Path, *, require_label: bool = False) -> TelcoData:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return read_rows(handle, require_label=require_label)


def read_text(text: str, *, require_label: bool = False) -> TelcoData:
    return read_rows(io.StringIO(text, newline=""), require_label=require_label)


def load_public(data_dir: Path) -> tuple[list[TelcoCustomer], list[int]]:
    """The public telco set with its labels (7,043 customers, 1,869 churned)."""
    path = data_dir / DATA_FILE
    if not path.is_file():
        raise ChurnInputError(
            en=f"no telco data at {path} (give --data-dir)",
            fr=f"pas de données telco dans {path} (indiquez --data-dir)",
        )
    data = read_csv(path, require_label=True)
    assert data.labels is not None
    return data.customers, data.labels


def to_row(customer: TelcoCustomer) -> dict[str, str]:
    """The customer back as a CSV row (the inverse of `parse_row`)."""
    dumped = customer.model_dump(by_alias=True)
    return {c: str(dumped[c]) for c in COLUMNS}
