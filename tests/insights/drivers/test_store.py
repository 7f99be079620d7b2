"""Key drivers of a journey of the store: steps against the customers' overall answer."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy.orm import Session

from parcours.feedback.kinds import QuestionKind
from parcours.insights.drivers.matrix import journey_matrix, normalised
from parcours.insights.drivers.messages import (
    AmbiguousQuestionError,
    NoOverallQuestionError,
    TooFewAnswersError,
)
from parcours.insights.drivers.service import journey_drivers
from parcours.journeys import service as journeys_service
from tests.insights.drivers.store_data import journey_document, store_trips


def test_the_hotel_step_drives_the_trip_nps(session: Session) -> None:
    # NPS made mostly of the hotel's CSAT (third step), a little of the flight's.
    csat = store_trips(session, n=120, rule=lambda s: 2.0 * s[:, 2] + 0.4 * s[:, 1] - 2.0)
    matrix = journey_matrix(session, journey_code="store-trip")
    assert matrix.question == "trip-nps" and matrix.kind is QuestionKind.NPS
    assert len(matrix.customers) == 120
    # Step scores are the CSATs put on 0-100, one row per customer (rows in customer-id order).
    np.testing.assert_allclose(_sorted_rows(matrix.scores), _sorted_rows((csat - 1) * 25))
    result = journey_drivers(session, journey_code="store-trip", resamples=40)
    assert result.drivers[0].code == "hotel"
    assert result.drivers[0].share.low > 50.0
    assert result.n == 120 and result.source == "journey store-trip"


def _sorted_rows(rows: np.ndarray) -> np.ndarray:
    return rows[np.lexsort(rows.T[::-1])]


def test_a_journey_without_an_overall_question_says_so(session: Session) -> None:
    journeys_service.load_journey(session, doc=journey_document("no-end", with_overall=False))
    with pytest.raises(NoOverallQuestionError) as error:
        journey_matrix(session, journey_code="no-end")
    assert "has no overall question" in error.value.message("en")
    assert "n'a pas de question globale" in error.value.message("fr")
    with pytest.raises(NoOverallQuestionError, match="no survey asks question 'nps'"):
        journey_matrix(session, journey_code="no-end", overall_question="nps")


def test_an_overall_code_asked_by_two_surveys_is_refused(session: Session) -> None:
    twin = {
        "code": "twin-again",
        "name": {"fr": "Encore", "en": "Again"},
        "questions": [{"code": "csat", "kind": "csat", "label": {"fr": "S", "en": "S"}}],
    }
    journeys_service.load_journey(session, doc=journey_document("twin", extra=[twin]))
    with pytest.raises(AmbiguousQuestionError, match="asked by 2 surveys"):
        journey_matrix(session, journey_code="twin", overall_question="csat")


def test_too_few_customers_is_a_clear_error(session: Session) -> None:
    store_trips(session, n=25, rule=lambda s: 2.0 * s[:, 0], code="tiny")
    with pytest.raises(TooFewAnswersError, match="25 complete answers for 4 drivers"):
        journey_drivers(session, journey_code="tiny", resamples=5)


def test_effort_is_turned_round_on_the_common_scale() -> None:
    assert normalised(QuestionKind.CES5, 1) == 100.0
    assert normalised(QuestionKind.CES5, 5) == 0.0
    assert normalised(QuestionKind.NPS, 10) == 100.0
    assert normalised(QuestionKind.CSAT, 3) == 50.0
