"""Checks of what callers hand the gestures service: moments, money, kinds, customers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from parcours.customers import service as customers_service
from parcours.gestures.errors import GestureError
from parcours.gestures.models import GesturePolicy
from parcours.gestures.schemas import GestureKind


def require_aware(moment: datetime, name: str) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise GestureError(
            en=f"{name} must be a timezone-aware moment (UTC)",
            fr=f"{name} doit être un instant avec fuseau horaire (UTC)",
        )


def check_money(policy: GesturePolicy, amount_cents: int, currency: str) -> None:
    if amount_cents <= 0:
        raise GestureError(
            en=f"the amount must be positive, not {amount_cents} cents",
            fr=f"le montant doit être positif, pas {amount_cents} centimes",
        )
    if currency != policy.currency:
        raise GestureError(
            en=f"gestures of {policy.organisation!r} are in {policy.currency}, not {currency}",
            fr=f"les gestes de {policy.organisation!r} sont en {policy.currency}, pas {currency}",
        )


def kind(kind: str) -> GestureKind:
    try:
        return GestureKind(kind)
    except ValueError:
        choices = ", ".join(k.value for k in GestureKind)
        raise GestureError(
            en=f"unknown gesture kind {kind!r} (expected one of {choices})",
            fr=f"type de geste inconnu {kind!r} (attendu : {choices})",
        ) from None


def require_customers(session: Session, customer_ids: Sequence[int]) -> None:
    known = customers_service.get_customers(session, ids=set(customer_ids))
    missing = [c for c in customer_ids if c not in known]
    if missing:
        shown = ", ".join(str(c) for c in missing[:10]) + (", ..." if len(missing) > 10 else "")
        raise GestureError(en=f"unknown customer(s): {shown}", fr=f"client(s) inconnu(s) : {shown}")
