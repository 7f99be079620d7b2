"""Delivery settings: where e-mails go, who sends them, how webhooks are signed and retried."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from parcours.notifications.addresses import NotificationError, split_sender

# A secret shorter than this is guessable by brute force from one signed request.
MIN_SECRET_LENGTH = 16


class DeliverySettingsError(NotificationError):
    """Delivery settings that cannot work (a missing variable, a port out of range...)."""


@dataclass(frozen=True)
class DeliverySettings:
    """How `deliver_due` reaches the outside world.

    After the n-th failed attempt the next one waits `backoff_base_s * backoff_factor**(n-1)`
    (1 min, 5, 25, ~2 h, ~10 h with the defaults), at most `backoff_cap_s`; the message is
    marked failed once `max_attempts` attempts have failed.
    """

    smtp_host: str
    smtp_port: int
    sender: str  # "Name <address>" or a bare address, never a no-reply one
    webhook_secret: str
    max_attempts: int = 6
    timeout_s: float = 10.0
    backoff_base_s: int = 60
    backoff_factor: int = 5
    backoff_cap_s: int = 86_400

    def __post_init__(self) -> None:
        split_sender(self.sender)  # raises NoReplyAddressError / InvalidAddressError
        if not self.smtp_host:
            raise _error("the SMTP host is empty", "l'hôte SMTP est vide")
        if not 0 < self.smtp_port < 65536:
            raise _error(
                f"SMTP port {self.smtp_port} is not between 1 and 65535",
                f"le port SMTP {self.smtp_port} n'est pas entre 1 et 65535",
            )
        if len(self.webhook_secret) < MIN_SECRET_LENGTH:
            raise _error(
                f"the webhook secret must be at least {MIN_SECRET_LENGTH} characters long",
                f"le secret des webhooks doit faire au moins {MIN_SECRET_LENGTH} caractères",
            )
        if self.max_attempts < 1 or self.timeout_s <= 0 or self.backoff_base_s < 1:
            raise _error(
                "max_attempts, timeout_s and backoff_base_s must be positive",
                "max_attempts, timeout_s et backoff_base_s doivent être positifs",
            )

    def backoff_s(self, failed_attempts: int) -> int:
        """Seconds to wait after `failed_attempts` attempts have failed."""
        exponent = max(failed_attempts - 1, 0)
        return int(min(self.backoff_base_s * self.backoff_factor**exponent, self.backoff_cap_s))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DeliverySettings:
        """Read PARCOURS_SMTP_HOST (localhost), PARCOURS_SMTP_PORT (25), PARCOURS_MAIL_SENDER
        and PARCOURS_WEBHOOK_SECRET (both required) from `environ` or the process environment.
        """
        env = os.environ if environ is None else environ
        missing = [
            name
            for name in ("PARCOURS_MAIL_SENDER", "PARCOURS_WEBHOOK_SECRET")
            if not env.get(name)
        ]
        if missing:
            raise _error(
                f"set {' and '.join(missing)} to deliver notifications",
                f"définissez {' et '.join(missing)} pour envoyer les notifications",
            )
        port_text = env.get("PARCOURS_SMTP_PORT") or "25"
        try:
            port = int(port_text)
        except ValueError:
            raise _error(
                f"PARCOURS_SMTP_PORT={port_text!r} is not a port number",
                f"PARCOURS_SMTP_PORT={port_text!r} n'est pas un numéro de port",
            ) from None
        return cls(
            smtp_host=env.get("PARCOURS_SMTP_HOST") or "localhost",
            smtp_port=port,
            sender=env["PARCOURS_MAIL_SENDER"],
            webhook_secret=env["PARCOURS_WEBHOOK_SECRET"],
        )


def _error(en: str, fr: str) -> DeliverySettingsError:
    return DeliverySettingsError(en, fr)
