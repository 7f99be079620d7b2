"""Administration of journeys and surveys over HTTP: a journey YAML uploaded, shown and
downloaded back equal; a bad document refused with its file, line and field and nothing stored;
survey links that open the survey."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import yaml
from sqlalchemy import Engine

from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn
from parcours.journeys import service as journeys_service
from parcours.journeys.models import Journey, Partner
from parcours.journeys.schemas import JourneyDoc
from parcours.journeys.yaml_io import dump_journey
from tests.factories import journey_doc
from tests.web.test_admin import AdminSite, csrf_of, open_site


@pytest.fixture(scope="module")
def site(engine: Engine, database_url: str) -> Iterator[AdminSite]:
    with open_site(engine, database_url, ("admin",)) as s:
        yield s


def _upload(site: AdminSite, name: str, text: str, lang: str = "en") -> tuple[int, str, str]:
    client = site.client("admin")
    token = csrf_of(client.get("/admin/journeys").text)
    response = client.post(
        f"/admin/journeys?lang={lang}",
        data={"csrf": token},
        files={"file": (name, text.encode(), "application/yaml")},
        follow_redirects=False,
    )
    return response.status_code, response.headers.get("location", ""), response.text


def test_a_journey_yaml_goes_in_shows_its_steps_and_comes_back_equal(site: AdminSite) -> None:
    doc = journey_doc(
        code="city-break",
        steps=("booking", "check-in", "flight"),
        step_partners={"booking": ("agency",), "check-in": ("airline", "airport")},
    )
    status, location, _ = _upload(site, "city-break.yaml", dump_journey(doc))
    assert (status, location) == (303, "/admin/journeys/city-break?loaded=1")

    page = site.client("admin").get(location + "&lang=en")
    assert page.status_code == 200 and "Journey city-break loaded: 3 steps." in page.text
    assert re.findall(r'data-step="([^"]+)"', page.text) == ["booking", "check-in", "flight"]
    check_in = page.text.split('data-step="check-in"')[1].split("</tr>")[0]
    assert re.findall(r'data-partner="([^"]+)"', check_in) == ["airline", "airport"]
    listing = site.client("admin").get("/admin/journeys").text
    row = listing.split('data-journey="city-break"')[1].split("</tr>")[0]
    assert re.findall(r"<td>(\d+)</td>", row) == ["3", "3"]  # 3 steps, 3 partners

    exported = site.client("admin").get("/admin/journeys/city-break/export")
    assert exported.status_code == 200
    assert 'filename="city-break.yaml"' in exported.headers["content-disposition"]
    assert JourneyDoc.model_validate(yaml.safe_load(exported.text)) == doc


BAD_FEELING = """code: broken
name: {fr: Cassé, en: Broken}
partners:
- {code: broken-agency, name: Agency}
steps:
- code: booking
  name: {fr: Réservation, en: Booking}
  partners: [{partner: broken-agency}]
- code: flight
  name: {fr: Vol, en: Flight}
  target_feelings: [kindness, euphoria]
"""


def test_a_bad_journey_yaml_shows_file_line_and_field_and_stores_nothing(
    site: AdminSite,
) -> None:
    status, _, text = _upload(site, "broken.yaml", BAD_FEELING)
    assert status == 422
    problem = re.search(r'<tr data-problem data-line="(\d+)">(.*?)</tr>', text, re.S)
    assert problem is not None
    assert problem.group(1) == "11"  # the line of target_feelings
    assert "broken.yaml" in problem.group(2)
    assert "steps[1] (flight).target_feelings[1]" in problem.group(2)
    assert "Nothing was stored" in text

    status, _, text = _upload(site, "syntax.yaml", "code: x\nsteps: [\n  - a: b\n")
    assert status == 422 and 'data-line="3"' in text and "(YAML)" in text
    assert site.count(Journey, Journey.code.in_(["broken", "x"])) == 0
    assert site.count(Partner, Partner.code == "broken-agency") == 0


def test_a_journey_the_store_refuses_is_rolled_back_whole(site: AdminSite) -> None:
    with site.factory() as s:
        journey = journeys_service.require_journey(s, code="trip")
        hotel = next(step for step in journey.steps if step.code == "hotel")
        feedback_service.store_feedback(
            s,
            records=[
                FeedbackIn(
                    source="t",
                    external_id="h1",
                    journey_id=journey.id,
                    step_id=hotel.id,
                    partner_id=None,
                    channel=Channel.SURVEY,
                    submitted_at=datetime(2025, 3, 1, tzinfo=UTC),
                    answers=(AnswerIn(question_code="nps", kind=QuestionKind.NPS, value=9),),
                )
            ],
        )
        s.commit()
    # Renames the airline, then drops the hotel step, which holds feedback: refused whole.
    doc = journey_doc(steps=("check-in", "flight")).model_dump(mode="json")
    doc["partners"] = [
        p | {"name": "Renamed Air"} if p["code"] == "airline" else p for p in doc["partners"]
    ]
    status, _, text = _upload(site, "trip.yaml", yaml.safe_dump(doc))
    assert status == 422 and "has feedback and cannot be removed" in text
    status, _, text = _upload(site, "trip.yaml", yaml.safe_dump(doc), lang="fr")
    assert status == 422 and "a des retours et ne peut pas être retirée" in html.unescape(text)
    with site.factory() as s:
        assert journeys_service.require_partner(s, code="airline").name == "Airline"
        steps = [st.code for st in journeys_service.require_journey(s, code="trip").steps]
    assert steps == ["check-in", "flight", "hotel"]


def test_surveys_are_listed_and_a_made_link_opens_the_survey(site: AdminSite) -> None:
    client = site.client("admin")
    page = client.get("/admin/surveys?lang=en")
    assert page.status_code == 200
    card = page.text.split('data-survey="trip-survey"')[1].split("</section>")[0]
    assert re.findall(r'data-question="([^"]+)"', card) == [
        "nps",
        "ces",
        "csat",
        "thumb",
        "comment",
    ]
    assert "channel survey" in card and "the whole journey" in card

    token = csrf_of(page.text)
    form = {"csrf": token, "survey": "trip-survey", "link_lang": "en", "days": "7"}
    # A survey about the whole journey needs the step it is sent after.
    refused = client.post("/admin/surveys/link?lang=en", data=form)
    assert refused.status_code == 422 and "choose one of its steps" in refused.text
    with site.factory() as s:
        trip = journeys_service.require_journey(s, code="trip")
        flight = next(st.id for st in trip.steps if st.code == "flight")
    made = client.post("/admin/surveys/link?lang=en", data=form | {"step": str(flight)})
    assert made.status_code == 200
    link = re.search(r'data-link readonly value="([^"]+)"', made.text)
    assert link is not None and "/s/" in link.group(1)
    path = re.search(r"/s/[^/\s]+$", link.group(1))
    assert path is not None
    survey = client.get(path.group(0))
    assert survey.status_code == 200
    assert '<html lang="en">' in survey.text and 'name="q_nps"' in survey.text
