"""A customer's reply to a follow-up: read from its signed link, filed as feedback (so it
shows with their other answers) and analysed by the text engine like any verbatim."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session

from parcours.customers import service as customers_service
from parcours.customers.schemas import CustomerIn
from parcours.feedback import service as feedback_service
from parcours.feedback.kinds import Channel, QuestionKind
from parcours.feedback.schemas import AnswerIn, FeedbackIn, VerbatimIn
from parcours.followups import links, repository
from parcours.followups.errors import FollowupError, FollowupNotFoundError, aware
from parcours.followups.models import Followup
from parcours.followups.schemas import FollowupStatus
from parcours.store.ids import stable_id
from parcours.text import annotations as text_annotations

REPLY_QUESTION = "followup_reply"
RATING_QUESTION = "followup_csat"
SOURCE = "followup"


def reply_verbatim_id(response_id: int) -> int:
    """The id of the verbatim a reply is stored as (the feedback store's stable id)."""
    return stable_id("verbatim", response_id, REPLY_QUESTION)


def followup_of_token(session: Session, *, token: str, secret: str, now: datetime) -> Followup:
    link = links.read_token(token, secret=secret, now=aware(now, "now"))
    followup = repository.get(session, followup_id=link.followup)
    if followup is None:
        raise FollowupNotFoundError(
            en="this follow-up no longer exists", fr="ce suivi n'existe plus"
        )
    return followup


def record_reply(
    session: Session,
    *,
    token: str,
    text: str,
    rating: int | None,
    now: datetime,
    secret: str,
    analyse: bool = True,
) -> int:
    """File the customer's answer to a follow-up as feedback (a CSAT if given, the text as a
    verbatim), so it shows with their other answers, and annotate it. Returns the response id.

    Answering twice keeps the first answer: the response id derives from the follow-up.
    With `analyse`, the text engine reads this reply at once (only its own verbatim).
    """
    now = aware(now, "now")
    followup = followup_of_token(session, token=token, secret=secret, now=now)
    text = text.strip()
    if not text and rating is None:
        raise FollowupError(
            en="the reply is empty: write a few words or give a mark",
            fr="la réponse est vide : écrivez quelques mots ou donnez une note",
        )
    if rating is not None and not 1 <= rating <= 5:
        raise FollowupError(
            en=f"rating {rating} is not between 1 and 5",
            fr=f"la note {rating} n'est pas entre 1 et 5",
        )
    if followup.status == FollowupStatus.REPLIED.value and followup.response_id is not None:
        return followup.response_id
    customer = customers_service.get_customers(session, ids={followup.customer_id})[
        followup.customer_id
    ]
    record = FeedbackIn(
        source=SOURCE,
        external_id=str(followup.id),
        journey_id=followup.journey_id,
        step_id=followup.step_id,
        partner_id=followup.partner_id,
        channel=Channel.EMAIL,
        submitted_at=now,
        customer=CustomerIn(external_id=customer.external_id),
        language=followup.language,
        answers=(
            (AnswerIn(question_code=RATING_QUESTION, kind=QuestionKind.CSAT, value=rating),)
            if rating is not None
            else ()
        ),
        verbatims=(VerbatimIn(question_code=REPLY_QUESTION, text=text),) if text else (),
    )
    feedback_service.store_feedback(session, records=[record], origin="followup", at=now)
    response_id = feedback_service.response_id(SOURCE, str(followup.id))
    followup.status = FollowupStatus.REPLIED.value
    followup.replied_at = now
    followup.response_id = response_id
    session.flush()
    if analyse and text:
        text_annotations.annotate_stored(session, response_ids=[response_id])
    return response_id


def analyse_replies(session: Session, *, commit: Callable[[], None] | None = None) -> int:
    """Run the text engine over every verbatim not annotated yet (replies among them, e.g. those
    recorded with `analyse=False`); returns how many were annotated."""
    return text_annotations.annotate_stored(session, commit=commit).annotated
