"""The errors a person can fix when asking for recommendations, worded in French and English."""

from __future__ import annotations

from pathlib import Path

from parcours.errors import BilingualError, NotFoundError


class RecsDataError(BilingualError):
    """The MovieLens folder is missing or incomplete."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            en=f"MovieLens data not found: {path} (expected ratings.csv and movies.csv)",
            fr=f"Données MovieLens introuvables : {path} (ratings.csv et movies.csv attendus)",
        )


class UnknownItemError(BilingualError, NotFoundError):
    def __init__(self, item_id: int) -> None:
        super().__init__(
            en=f"Unknown item id {item_id}: it is not in the catalogue",
            fr=f"Identifiant d'article inconnu {item_id} : il n'est pas au catalogue",
        )
        self.item_id = item_id


class UnknownUserError(BilingualError, NotFoundError):
    def __init__(self, user_id: int) -> None:
        super().__init__(
            en=f"Unknown user id {user_id}: this customer has no ratings",
            fr=f"Identifiant client inconnu {user_id} : ce client n'a aucune note",
        )
        self.user_id = user_id


class EmptyForeignItemError(BilingualError):
    def __init__(self) -> None:
        super().__init__(
            en="A foreign item needs at least a title, a genre or a tag",
            fr="Un article d'un autre catalogue demande au moins un titre, un genre ou un tag",
        )
