"""`parcours users ...`: accounts and API tokens, and `parcours serve`."""

from __future__ import annotations

from typing import Annotated

import typer

from parcours.accounts import repository as accounts_repository
from parcours.accounts import service as accounts_service
from parcours.accounts.roles import Role
from parcours.accounts.schemas import UserIn
from parcours.cli.context import STATE
from parcours.i18n import t
from parcours.journeys import service as journeys_service

app = typer.Typer(help="Users, roles and API tokens.", no_args_is_help=True)


@app.command("add")
def add(
    email: Annotated[str, typer.Argument(help="The user's e-mail (their login).")],
    name: Annotated[str, typer.Option(help="Full name.")],
    role: Annotated[Role, typer.Option(help="What the user does in Parcours.")],
    partner: Annotated[str | None, typer.Option(help="Partner code, for partner users.")] = None,
    team: Annotated[str | None, typer.Option(help="Team, for agents and managers.")] = None,
    language: Annotated[str, typer.Option(help="fr or en.")] = "fr",
    password: Annotated[
        str | None,
        typer.Option(
            envvar="PARCOURS_PASSWORD",
            help="Web sign-in password (at least 10 characters); without it, API tokens only.",
        ),
    ] = None,
) -> None:
    """Create a user."""
    with STATE.session() as session:
        partner_id = None
        if partner:
            partner_id = journeys_service.require_partner(session, code=partner).id
        user = accounts_service.create_user(
            session,
            data=UserIn(
                email=email,
                name=name,
                role=role,
                partner_id=partner_id,
                team=team,
                language=language,
            ),
        )
        if password:
            accounts_service.set_password(session, user=user, password=password)
        session.commit()
        STATE.console.print(
            t("user_created", STATE.lang, id=user.id, email=user.email, role=user.role)
        )


@app.command("password")
def set_password(
    email: Annotated[str, typer.Argument(help="The user's e-mail.")],
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            envvar="PARCOURS_PASSWORD",
            help="The new password (asked when not given).",
        ),
    ],
) -> None:
    """Set a user's web sign-in password (stored as an argon2 hash)."""
    with STATE.session() as session:
        user = accounts_repository.get_by_email(session, email=email)
        if user is None:
            raise LookupError(f"no user {email!r}")
        accounts_service.set_password(session, user=user, password=password)
        session.commit()
    STATE.console.print(t("password_set", STATE.lang, email=email))


@app.command("token")
def token(
    email: Annotated[str, typer.Argument(help="The user's e-mail.")], label: str = ""
) -> None:
    """Issue an API token for a user (printed once: keep it)."""
    with STATE.session() as session:
        user = accounts_repository.get_by_email(session, email=email)
        if user is None:
            raise LookupError(f"no user {email!r}")
        clear = accounts_service.issue_token(session, user=user, label=label)
        session.commit()
    typer.echo(clear)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Server processes (one per core for heavy survey traffic).")
    ] = 1,
) -> None:
    """Serve the web application and the HTTP API (OpenAPI at /docs) on HOST:PORT."""
    import os  # noqa: PLC0415

    import uvicorn  # noqa: PLC0415 (only this command needs the server)

    STATE.factory()  # refuses to start on a store that is not initialised
    # Each worker process builds its own app from the environment (uvicorn's factory mode).
    os.environ["PARCOURS_DATABASE_URL"] = STATE.database_url
    uvicorn.run(
        "parcours.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
