"""Reading telco-format customers: the public file as it is (blank TotalCharges included), and a
clear error naming the line and the field of anything else."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcours.insights.churn import telco
from parcours.insights.churn.schemas import TelcoCustomer
from parcours.insights.churn.telco import ChurnInputError

HEADER = ",".join(telco.COLUMNS)
ROW = telco.to_row(
    TelcoCustomer.model_validate(
        {
            "customerID": "0001-TEST",
            "gender": "Female",
            "SeniorCitizen": 0,
            "Partner": "Yes",
            "Dependents": "No",
            "tenure": 2,
            "PhoneService": "Yes",
            "MultipleLines": "No",
            "InternetService": "Fiber optic",
            "OnlineSecurity": "No",
            "OnlineBackup": "No",
            "DeviceProtection": "No",
            "TechSupport": "No",
            "StreamingTV": "Yes",
            "StreamingMovies": "No",
            "Contract": "Month-to-month",
            "PaperlessBilling": "Yes",
            "PaymentMethod": "Electronic check",
            "MonthlyCharges": 80.5,
            "TotalCharges": 161.0,
        }
    )
)


def _csv(*rows: dict[str, str]) -> str:
    return HEADER + "\n" + "".join(",".join(r[c] for c in telco.COLUMNS) + "\n" for r in rows)


def test_the_public_file_reads_with_its_blank_total_charges(public_data: Path) -> None:
    customers, labels = telco.load_public(public_data)
    assert len(customers) == 7043
    assert sum(labels) == 1869
    new = [c for c in customers if c.tenure == 0]
    assert len(new) == 11
    assert all(c.total_charges == 0.0 for c in new)


def test_an_unknown_column_is_named_with_its_line() -> None:
    with pytest.raises(ChurnInputError) as caught:
        telco.read_text(HEADER + ",Region\n" + ",".join(ROW.values()) + ",north\n")
    assert "line 1" in str(caught.value)
    assert "'Region'" in str(caught.value)
    assert "colonne inconnue 'Region'" in caught.value.message("fr")


def test_a_missing_column_is_named() -> None:
    header = HEADER.replace(",TechSupport", "")
    with pytest.raises(ChurnInputError, match="missing column 'TechSupport'"):
        telco.read_text(header + "\n")


def test_non_numeric_charges_name_the_row_and_field() -> None:
    bad = {**ROW, "MonthlyCharges": "eighty"}
    with pytest.raises(ChurnInputError) as caught:
        telco.read_text(_csv(ROW, bad))
    assert str(caught.value) == "line 3, field MonthlyCharges: 'eighty' is not a number"
    assert caught.value.message("fr").startswith("ligne 3, champ MonthlyCharges")


def test_an_unknown_category_names_the_row_and_field() -> None:
    with pytest.raises(ChurnInputError, match=r"line 2, field Contract: 'Weekly'"):
        telco.read_text(_csv({**ROW, "Contract": "Weekly"}))


def test_a_blank_total_is_tenure_times_monthly_charges() -> None:
    data = telco.read_text(
        _csv({**ROW, "TotalCharges": " "}, {**ROW, "tenure": "0", "TotalCharges": ""})
    )
    assert [c.total_charges for c in data.customers] == [161.0, 0.0]
    assert data.labels is None


def test_training_needs_the_churn_label() -> None:
    with pytest.raises(ChurnInputError, match="'Churn' is needed"):
        telco.read_text(_csv(ROW), require_label=True)


def test_a_bad_label_is_named() -> None:
    text = HEADER + ",Churn\n" + ",".join(ROW.values()) + ",Maybe\n"
    with pytest.raises(ChurnInputError, match="line 2, field Churn: 'Maybe'"):
        telco.read_text(text)


customers: st.SearchStrategy[dict[str, object]] = st.builds(
    dict,
    customerID=st.from_regex(r"[0-9]{4}-[A-Z]{5}", fullmatch=True),
    tenure=st.integers(0, 72),
    MonthlyCharges=st.floats(18, 120, allow_nan=False).map(lambda v: round(v, 2)),
    Contract=st.sampled_from(["Month-to-month", "One year", "Two year"]),
    InternetService=st.sampled_from(["DSL", "Fiber optic", "No"]),
    PaymentMethod=st.sampled_from(
        ["Electronic check", "Mailed check", "Bank transfer (automatic)", "Credit card (automatic)"]
    ),
    SeniorCitizen=st.sampled_from(["0", "1"]),
)


@given(customers)
def test_a_written_customer_reads_back_the_same(values: dict[str, object]) -> None:
    row = {**ROW, **{k: str(v) for k, v in values.items()}}
    row["TotalCharges"] = str(round(float(row["MonthlyCharges"]) * int(row["tenure"]), 2))
    first = telco.read_text(_csv(row)).customers[0]
    assert telco.read_text(_csv(telco.to_row(first))).customers[0] == first
    assert first.tenure == int(row["tenure"])
    assert first.monthly_charges == float(row["MonthlyCharges"])


def _not_a_number(text: str) -> bool:
    try:
        return not math.isfinite(float(text.strip().replace(",", ".")))
    except ValueError:
        return True


@given(
    st.text(alphabet=st.characters(blacklist_characters=',\n\r"'), min_size=1).filter(
        lambda s: s.strip() and _not_a_number(s)
    )
)
def test_any_non_number_in_total_charges_is_refused_with_its_field(text: str) -> None:
    with pytest.raises(ChurnInputError) as caught:
        telco.parse_row({**ROW, "TotalCharges": text}, 7)
    assert str(caught.value).startswith("line 7, field TotalCharges: ")
