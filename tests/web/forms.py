"""Signing in and reading CSRF tokens over HTTP, as a browser would (for page tests)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(client: TestClient, path: str) -> str:
    """The CSRF token of the form on the page at `path`."""
    found = _CSRF.search(client.get(path).text)
    assert found
    return found.group(1)


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> None:
    response = client.post(
        "/login",
        data={"email": email, "password": password, "csrf": csrf_of(client, "/login")},
        follow_redirects=False,
    )
    assert response.status_code == 303
