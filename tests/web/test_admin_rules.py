"""Administration of rules over HTTP: the list, a rule's YAML and recent runs, a rule saved
from YAML (typed or uploaded) with the API's validation, and errors shown with their line."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest
import yaml
from sqlalchemy import Engine

from parcours.rules import service as rules_service
from parcours.rules.models import Rule
from parcours.rules.schemas import RuleDoc
from tests.web.test_admin import ADMIN, RULE, AdminSite, csrf_of, open_site


@pytest.fixture(scope="module")
def site(engine: Engine, database_url: str) -> Iterator[AdminSite]:
    with open_site(engine, database_url, ("cx",)) as s:
        yield s


DELAY_RULE = """code: delay-voucher
name: {fr: Retard, en: Delay}
trigger: {type: event, event: flight_delayed}
conditions:
- {field: event.delay_minutes, op: ">", value: 30}
actions:
- {type: grant_gesture, amount_cents: 2000, currency: EUR, kind: voucher}
"""


def test_the_list_and_a_rule_page_show_its_yaml_and_recent_runs(site: AdminSite) -> None:
    client = site.client("cx")
    listing = client.get("/admin/rules?lang=en").text
    row = listing.split('data-rule="detractor-case"')[1].split("</tr>")[0]
    assert "<code>response</code>" in row and "<td>1</td>" in row  # one run so far
    page = client.get("/admin/rules/detractor-case?lang=en")
    assert page.status_code == 200
    shown = re.search(r"<pre data-rule-yaml[^>]*>(.*?)</pre>", page.text, re.S)
    assert shown is not None
    assert RuleDoc.model_validate(yaml.safe_load(html.unescape(shown.group(1)))) == RULE
    assert 'data-run="response:42"' in page.text and "kinds.nps 2 &lt;= 4" in page.text
    assert client.get("/admin/rules/no-such-rule").status_code == 404


def test_a_rule_is_saved_from_typed_or_uploaded_yaml(site: AdminSite) -> None:
    client = site.client("cx")
    token = csrf_of(client.get("/admin/rules").text)
    saved = client.post(
        "/admin/rules", data={"csrf": token, "text": DELAY_RULE}, follow_redirects=False
    )
    assert (
        saved.status_code == 303
        and saved.headers["location"] == "/admin/rules/delay-voucher?saved=1"
    )
    with site.factory() as s:
        docs = {d.code: d for d in rules_service.list_rules(s, actor=ADMIN)}
    assert docs["delay-voucher"].trigger.event == "flight_delayed"

    # Replaced from its own page by an uploaded file (which wins over the text box).
    switched_off = DELAY_RULE.replace(
        "name: {fr: Retard, en: Delay}", "name: {fr: R, en: D}\nenabled: false"
    )
    replaced = client.post(
        "/admin/rules/delay-voucher",
        data={"csrf": token, "text": "ignored"},
        files={"file": ("delay.yaml", switched_off.encode(), "application/yaml")},
        follow_redirects=False,
    )
    assert replaced.status_code == 303
    with site.factory() as s:
        rule = s.query(Rule).filter_by(code="delay-voucher").one()
        assert (rule.enabled, rule.name_en) == (False, "D")


def test_a_refused_rule_says_where_and_changes_nothing(site: AdminSite) -> None:
    client = site.client("cx")
    token = csrf_of(client.get("/admin/rules").text)
    bad_op = RULE.model_dump(mode="json")
    bad_op["conditions"][0]["op"] = "=<"
    text = yaml.safe_dump(bad_op, sort_keys=False)
    line = next(i for i, ln in enumerate(text.splitlines(), start=1) if "=<" in ln)
    refused = client.post("/admin/rules/detractor-case?lang=en", data={"csrf": token, "text": text})
    assert refused.status_code == 422
    assert f'data-line="{line}"' in refused.text and "conditions[0].op" in refused.text
    assert "=&lt;" in refused.text  # the text sent is kept in the box to be corrected

    # As the API: the document's code must be the page's.
    renamed = client.post(
        "/admin/rules/detractor-case?lang=fr",
        data={"csrf": token, "text": DELAY_RULE.replace("delay-voucher", "other")},
    )
    assert renamed.status_code == 422
    assert "le code de la règle est &#39;other&#39;" in renamed.text
    with site.factory() as s:
        assert s.query(Rule).filter_by(code="other").count() == 0
        kept = rules_service.list_rules(s, actor=ADMIN)
    assert next(d for d in kept if d.code == "detractor-case") == RULE
