"""The clienteling view: one customer's answers (with the follow-up reply analysed), cases,
gestures, purchases and follow-ups; the churn risk and its source; what a partner may see;
and the search by name, e-mail and reference."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session

from parcours.cases import service as cases_service
from parcours.clienteling import service
from parcours.clienteling.auth import ClientelingPermissionDeniedError
from parcours.feedback.kinds import QuestionKind
from parcours.followups import links
from parcours.followups import service as followups_service
from parcours.gestures import service as gestures_service
from parcours.gestures.schemas import GestureIn
from parcours.insights.churn.schemas import TelcoCustomer
from tests.cases.conftest import NOW, case_in, respond
from tests.followups.conftest import DAY, SECRET, Shop, buy


def _reply(session: Session, shop: Shop, text: str) -> int:
    buy(session, shop.world.agent, partner_id=shop.world.partners["hotel-co"])
    followups_service.send_due(session, now=NOW + 14 * DAY, secret=SECRET)
    [followup] = followups_service.queue(session, actor=shop.world.agent)
    token = links.make_token(followup_id=followup.id, lang="en", now=NOW, secret=SECRET)
    return followups_service.record_reply(
        session, token=token, text=text, rating=None, now=NOW + 15 * DAY, secret=SECRET
    )


def test_the_view_holds_the_follow_up_reply_and_its_analysis(session: Session, shop: Shop) -> None:
    rid = _reply(session, shop, "The wallet is lovely, thank you so much, I am delighted.")
    view = service.customer_view(
        session, actor=shop.world.agent, customer_id=shop.sophie, now=NOW + 16 * DAY
    )
    assert view.name == "Sophie"
    assert view.email == "sophie@example.org"
    [answer] = [a for a in view.answers if a.facts.response_id == rid]
    assert answer.followup
    assert [r.text for r in answer.replies] == [
        "The wallet is lovely, thank you so much, I am delighted."
    ]
    assert answer.replies[0].sentiment == "positive"
    assert [f.status for f in view.followups] == ["replied"]
    assert [p.product for p in view.purchases] == ["leather wallet"]
    assert view.risk is not None and view.risk.source == "signals"
    assert view.risk.level == "low"


def test_signals_raise_the_risk_and_say_so(session: Session, shop: Shop) -> None:
    world = shop.world
    rid = respond(session, world, "angry", scores={QuestionKind.NPS: 1}, customer=2, at=NOW)
    case = cases_service.open_case(
        session, actor=world.agent, data=case_in(customer_id=world.customers[2]), now=NOW
    )
    gestures_service.request_gesture(
        session,
        actor=world.agent,
        data=GestureIn(
            case_id=case.id,
            customer_id=world.customers[2],
            kind="voucher",
            amount_cents=3000,
            currency="EUR",
            reason="late",
        ),
        now=NOW,
    )
    view = service.customer_view(
        session, actor=world.agent, customer_id=world.customers[2], now=NOW + DAY
    )
    assert [c.id for c in view.cases] == [case.id]
    assert [(g.amount_cents, g.status) for g in view.gestures] == [(3000, "granted")]
    assert view.risk is not None
    assert (view.risk.source, view.risk.open_cases, view.risk.unanswered_detractors) == (
        "signals",
        1,
        1,
    )
    assert view.risk.level == "high"
    assert [a.facts.response_id for a in view.answers] == [rid]


def test_with_the_model_features_the_model_is_used(session: Session, shop: Shop) -> None:
    features = TelcoCustomer.model_validate(
        {
            "customerID": "sophie",
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
            "StreamingMovies": "Yes",
            "Contract": "Month-to-month",
            "PaperlessBilling": "Yes",
            "PaymentMethod": "Electronic check",
            "MonthlyCharges": 95.0,
            "TotalCharges": 190.0,
        }
    )
    risk = service.churn_risk(
        session, customer_id=shop.sophie, reference="sophie", now=NOW, features=features
    )
    assert risk.source == "model"
    assert risk.probability is not None and 0.0 < risk.probability < 1.0


def test_a_partner_sees_only_what_concerns_it(session: Session, shop: Shop) -> None:
    world = shop.world
    _reply(session, shop, "Fine, thanks.")  # bought from the hotel
    # Sophie also had a case with the airline.
    cases_service.open_case(
        session,
        actor=world.agent,
        data=case_in(customer_id=shop.sophie, partner_id=world.partners["airline"]),
        now=NOW,
    )
    airline = service.customer_view(
        session, actor=world.airline_user, customer_id=shop.sophie, now=NOW + 16 * DAY
    )
    assert airline.partial and airline.risk is None and airline.email is None
    assert airline.answers == [] and airline.followups == [] and airline.purchases == []
    assert len(airline.cases) == 1
    hotel = service.customer_view(
        session, actor=world.hotel_user, customer_id=shop.sophie, now=NOW + 16 * DAY
    )
    assert len(hotel.answers) == 1 and len(hotel.followups) == 1 and hotel.cases == []
    with pytest.raises(ClientelingPermissionDeniedError):
        service.customer_view(session, actor=world.employee, customer_id=shop.sophie, now=NOW)


def test_search_by_name_email_and_reference(session: Session, shop: Shop) -> None:
    world = shop.world
    buy(session, world.agent, name="Sophie Martin")
    assert [m.matched_on for m in service.search(session, actor=world.agent, text="martin")] == [
        "name"
    ]
    by_mail = service.search(session, actor=world.agent, text="sophie@example")
    assert [(m.reference, m.matched_on) for m in by_mail] == [("sophie", "email")]
    by_ref = service.search(session, actor=world.agent, text="CAMILLE")
    assert [(m.reference, m.matched_on) for m in by_ref] == [("camille", "reference")]
    # A partner finds by reference only, only customers it dealt with, and never sees e-mails
    # or names.
    assert service.search(session, actor=world.airline_user, text="martin") == []
    assert service.search(session, actor=world.airline_user, text="sophie") == []
    cases_service.open_case(
        session,
        actor=world.agent,
        data=case_in(customer_id=shop.sophie, partner_id=world.partners["airline"]),
        now=NOW,
    )
    [m] = service.search(session, actor=world.airline_user, text="sophie")
    assert (m.email, m.name) == (None, None)
    [camille] = service.search(session, actor=world.agent, text="CAMILLE")
    with pytest.raises(service.CustomerNotFoundError):
        service.customer_view(
            session, actor=world.airline_user, customer_id=camille.customer_id, now=NOW
        )
    assert service.search(session, actor=world.agent, text="%") == []
