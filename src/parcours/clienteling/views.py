"""The clienteling pages: find a customer, and see their whole history in one place."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from parcours.clienteling import auth, service
from parcours.clienteling.features import features_of
from parcours.store.base import utcnow
from parcours.web import words_followups  # noqa: F401  (registers the pages' words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/desk/customers", response_class=HTMLResponse)
def search_page(
    request: Request,
    session: SessionDep,
    viewer: ViewerDep,
    lang: LangDep,
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    auth.partner_scope(viewer.actor)
    matches = service.search(session, actor=viewer.actor, text=q) if q.strip() else []
    return render(
        request, "clienteling/search.html", lang=lang, viewer=viewer,
        title_key="cl_search_title", q=q, matches=matches,
    )  # fmt: skip


@router.get("/desk/customers/{customer_id}", response_class=HTMLResponse)
def customer_page(
    customer_id: int, request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    view = service.customer_view(
        session,
        actor=viewer.actor,
        customer_id=customer_id,
        now=utcnow(),
        features_of=features_of,
    )
    return render(
        request, "clienteling/customer.html", lang=lang, viewer=viewer,
        title_key="cl_customer_title", title_values={"reference": view.reference}, view=view,
    )  # fmt: skip
