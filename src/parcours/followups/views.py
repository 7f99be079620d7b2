"""The follow-up pages: plans and queue at the desk, and the public reply page that a
follow-up's signed link opens (no account needed, in the customer's language)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse

from parcours.config import secret_key
from parcours.followups import service
from parcours.followups.schemas import FollowupStatus
from parcours.notifications.addresses import reply_address
from parcours.signature import scan as signature_scan
from parcours.store.base import utcnow
from parcours.web import words_followups  # noqa: F401  (registers the pages' words)
from parcours.web.deps import SessionDep
from parcours.web.pages import render
from parcours.web.signin import LangDep, ViewerDep

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/desk/followups", response_class=HTMLResponse)
def followups_page(
    request: Request, session: SessionDep, viewer: ViewerDep, lang: LangDep
) -> HTMLResponse:
    queue = service.queue(session, actor=viewer.actor)
    plans = service.list_plans(session, actor=viewer.actor)
    checks = {
        p.id: signature_scan.check_template(p.body_fr if lang == "fr" else p.body_en, lang=lang)
        for p in plans
    }
    return render(
        request, "followups/plans.html", lang=lang, viewer=viewer, title_key="fu_title",
        plans=plans, checks=checks, queue=queue,
    )  # fmt: skip


def _reply_lang(request: Request, fallback: str) -> str:
    asked = request.query_params.get("lang")
    return asked if asked in ("fr", "en") else fallback


@router.get("/r/{token}", response_class=HTMLResponse)
def reply_page(token: str, request: Request, session: SessionDep) -> HTMLResponse:
    followup = service.followup_of_token(session, token=token, secret=secret_key(), now=utcnow())
    lang = _reply_lang(request, followup.language)
    done = followup.status == FollowupStatus.REPLIED.value
    return render(
        request, "followups/reply.html", lang=lang, viewer=None, title_key="fu_reply_title",
        followup=followup, done=done, already=done, address=reply_address(),
    )  # fmt: skip


@router.post("/r/{token}", response_class=HTMLResponse)
def reply(
    token: str,
    request: Request,
    session: SessionDep,
    text: Annotated[str, Form(max_length=10_000)] = "",
    rating: Annotated[str, Form(pattern=r"^[1-5]?$")] = "",
) -> HTMLResponse:
    """No CSRF token: the signed link is the credential, and a reply is idempotent."""
    now = utcnow()
    followup = service.followup_of_token(session, token=token, secret=secret_key(), now=now)
    service.record_reply(
        session,
        token=token,
        text=text,
        rating=int(rating) if rating else None,
        now=now,
        secret=secret_key(),
    )
    lang = _reply_lang(request, followup.language)
    return render(
        request, "followups/reply.html", lang=lang, viewer=None, title_key="fu_replied_title",
        followup=followup, done=True, already=False, address=reply_address(),
    )  # fmt: skip
