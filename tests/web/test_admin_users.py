"""Administration of users over HTTP: a user created with a password signs in with it and gets
the pages of their role; bad forms store nothing; a reset password replaces the old one."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from parcours.accounts.models import User
from tests.web.test_admin import AdminSite, csrf_of, open_site


@pytest.fixture(scope="module")
def site(engine: Engine, database_url: str) -> Iterator[AdminSite]:
    with open_site(engine, database_url, ("admin",)) as s:
        yield s


def _create(site: AdminSite, **fields: str) -> tuple[int, str]:
    client = site.client("admin")
    token = csrf_of(client.get("/admin/users").text)
    form = {"language": "en", "team": "", "partner": ""} | fields
    response = client.post(
        "/admin/users?lang=en", data=form | {"csrf": token}, follow_redirects=False
    )
    return response.status_code, response.text


def test_a_created_user_signs_in_with_their_password_and_gets_their_role(
    site: AdminSite,
) -> None:
    password = "a new passphrase"
    status, _ = _create(
        site,
        email="Nadia@Example.fr",
        name="Nadia",
        role="cx_manager",
        password=password,
        team="loyalty",
    )
    assert status == 303
    listing = site.client("admin").get("/admin/users?lang=en").text
    row = listing.split('data-user="nadia@example.fr"')[1].split("</tr>")[0]
    assert 'data-role="cx_manager"' in listing and "CX manager" in row and "loyalty" in row

    with site.new_client() as nadia:
        assert site.sign_in(nadia, "nadia@example.fr", "wrong password!") == 401
        assert site.sign_in(nadia, "nadia@example.fr", password) == 303
        assert nadia.get("/admin/journeys").status_code == 200
        assert nadia.get("/admin/users").status_code == 403


def test_a_partner_user_belongs_to_a_partner_and_bad_forms_store_nothing(
    site: AdminSite,
) -> None:
    before = site.count(User)
    refusals = [
        ({"role": "partner"}, "a partner user must belong to a partner"),
        ({"password": "short"}, "at least 10 characters"),
        ({"email": "not-an-email"}, "e-mail address: not valid"),
        ({"email": "admin@example.fr"}, "already exists"),
        ({"role": "system"}, "the system role is for the rules engine"),
    ]
    for change, message in refusals:
        fields = {"email": "p@example.fr", "name": "P", "role": "agent", "password": "p" * 12}
        status, text = _create(site, **(fields | change))
        assert status == 422 and message in text, change
    assert site.count(User) == before

    airline = str(site.ids["airline_partner"])
    status, _ = _create(
        site, email="pia@example.fr", name="Pia", role="partner", partner=airline, password="p" * 12
    )
    assert status == 303
    with site.factory() as s:
        pia = s.query(User).filter_by(email="pia@example.fr").one()
        assert pia.partner_id == site.ids["airline_partner"] and pia.role == "partner"


def test_a_reset_password_replaces_the_old_one(site: AdminSite) -> None:
    client = site.client("admin")
    status, _ = _create(site, email="rita@example.fr", name="Rita", role="agent", password="p" * 12)
    assert status == 303
    page = client.get("/admin/users")
    row = page.text.split('data-user="rita@example.fr"')[1].split("</tr>")[0]
    rita = re.search(r'action="/admin/users/(\d+)/password"', row)
    assert rita is not None
    path = f"/admin/users/{rita.group(1)}/password"
    token = csrf_of(page.text)
    weak = client.post(path + "?lang=fr", data={"csrf": token, "password": "court"})
    assert weak.status_code == 422 and "au moins 10 caractères" in weak.text
    done = client.post(path, data={"csrf": token, "password": "q" * 12}, follow_redirects=False)
    assert (
        done.status_code == 303
        and done.headers["location"] == f"/admin/users?reset={rita.group(1)}"
    )
    assert (
        client.post(
            "/admin/users/999999/password", data={"csrf": token, "password": "q" * 12}
        ).status_code
        == 404
    )
    with site.new_client() as other:
        assert site.sign_in(other, "rita@example.fr", "p" * 12) == 401
        assert site.sign_in(other, "rita@example.fr", "q" * 12) == 303
