"""The public survey page: a signed link opens it without login, in the link's language; the
answer is stored once and linked to its case; forged and expired links are refused."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from parcours.accounts.roles import Actor, Role
from parcours.cases import service as cases_service
from parcours.cases.models import CaseFeedback
from parcours.cases.schemas import CaseIn
from parcours.config import secret_key
from parcours.feedback.links import SurveyLink, make_token
from parcours.feedback.models import Answer, Response
from parcours.journeys import service as journeys_service
from parcours.web.app import create_app
from tests.factories import journey_doc


@pytest.fixture
def client(factory: sessionmaker[Session], database_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(database_url)) as c:
        yield c


def _link(factory: sessionmaker[Session], *, days: int = 30, case: bool = True) -> tuple[str, str]:
    with factory() as s:
        journey = journeys_service.load_journey(s, doc=journey_doc())
        flight = next(st for st in journey.steps if st.code == "flight")
        reference = None
        if case:
            opened = cases_service.open_case(
                s,
                actor=Actor(user_id=None, role=Role.AGENT),
                data=CaseIn(
                    case_type="complaint", title="Vol annulé", channel="phone", step_id=flight.id
                ),
                now=datetime.now(UTC),
            )
            reference = opened.reference
        s.commit()
    link = SurveyLink(
        survey="trip-survey",
        step_id=flight.id,
        case_reference=reference,
        customer="cust-1",
        lang="fr",
        expires=int((datetime.now(UTC) + timedelta(days=days)).timestamp()),
    )
    return make_token(link, secret=secret_key()), reference or ""


def test_a_customer_answers_from_the_link_once_and_it_reaches_the_case(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    token, _reference = _link(factory)
    page = client.get(f"/s/{token}")
    assert page.status_code == 200
    assert '<html lang="fr">' in page.text and "Envoyer" in page.text
    assert 'name="q_nps" value="10"' in page.text and "<legend>NPS</legend>" in page.text
    assert "English" in client.get(f"/s/{token}?lang=fr").text
    assert "Send" in client.get(f"/s/{token}?lang=en").text

    form = {"q_nps": "3", "q_csat": "2", "q_comment": "Toujours pas de nouvelles"}
    thanks = client.post(f"/s/{token}", data=form)
    assert thanks.status_code == 200 and "Merci" in thanks.text
    assert "mailto:" in thanks.text and "no-reply" not in thanks.text
    client.post(f"/s/{token}", data=form)  # the same link sent twice

    with factory() as s:
        assert s.scalar(select(func.count()).select_from(Response)) == 1
        assert s.scalar(select(Answer.value).where(Answer.question_code == "nps")) == 3
        link = s.scalars(select(CaseFeedback)).one()
        assert link.role == "post_resolution"


def test_bad_answers_and_bad_links_get_clear_pages(
    client: TestClient, factory: sessionmaker[Session]
) -> None:
    token, _ = _link(factory, case=False)
    wrong = client.post(f"/s/{token}", data={"q_nps": "12"})
    # The link is French: so is the reason.
    assert wrong.status_code == 422 and "hors de l&#39;échelle nps 0-10" in wrong.text
    wrong_en = client.post(f"/s/{token}?lang=en", data={"q_nps": "12"})
    assert "outside the nps scale 0-10" in wrong_en.text
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert client.get(f"/s/{forged}").status_code == 404
    assert "pas valable" in client.get(f"/s/{forged}").text
    expired, _ = _link(factory, days=-1, case=False)
    gone = client.get(f"/s/{expired}")
    assert gone.status_code == 410 and "expiré" in gone.text
