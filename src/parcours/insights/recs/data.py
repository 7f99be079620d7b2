"""MovieLens as arrays: who rated what, how and when, and the catalogue's titles, genres and tags.

Users and items are renumbered 0..n-1 once here; every model works on those indices and the
service turns them back into MovieLens ids at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
from pyarrow import csv

from parcours.insights.recs.errors import RecsDataError

THUMBS_UP = 4.0  # a rating at or above is a thumbs up
THUMBS_DOWN = 2.0  # a rating at or below is a thumbs down
FOLDER = "movielens-small"

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Ratings:
    """One row per (user, item) rating, as parallel arrays of indices."""

    user: IntArray
    item: IntArray
    rating: FloatArray
    ts: IntArray
    n_users: int
    n_items: int

    def __len__(self) -> int:
        return len(self.user)

    def subset(self, mask: BoolArray) -> Ratings:
        return Ratings(
            self.user[mask],
            self.item[mask],
            self.rating[mask],
            self.ts[mask],
            self.n_users,
            self.n_items,
        )

    @property
    def liked(self) -> BoolArray:
        return self.rating >= THUMBS_UP

    def likes(self) -> Ratings:
        return self.subset(self.liked)


@dataclass(frozen=True)
class Catalogue:
    item_ids: IntArray  # MovieLens movieId of each item index
    titles: list[str]
    genres: list[list[str]]
    tags: list[list[str]]
    index: dict[int, int]  # movieId -> item index


@dataclass(frozen=True)
class MovieLens:
    ratings: Ratings
    catalogue: Catalogue
    user_ids: IntArray  # MovieLens userId of each user index
    user_index: dict[int, int]


def load(data_dir: Path) -> MovieLens:
    """The MovieLens small set under data_dir (read once per folder and process)."""
    folder = Path(data_dir) / FOLDER
    if not (folder / "ratings.csv").is_file() or not (folder / "movies.csv").is_file():
        raise RecsDataError(folder)
    return _load(folder.resolve())


@lru_cache(maxsize=2)
def _load(folder: Path) -> MovieLens:
    movies = csv.read_csv(folder / "movies.csv", convert_options=_types(movieId=pa.int64()))
    table = csv.read_csv(
        folder / "ratings.csv",
        convert_options=_types(
            userId=pa.int64(), movieId=pa.int64(), rating=pa.float64(), timestamp=pa.int64()
        ),
    )
    movie_ids = movies.column("movieId").to_numpy()
    rated_ids = table.column("movieId").to_numpy()
    # Every rated item must have a catalogue row, even if movies.csv were to miss one.
    item_ids = np.union1d(movie_ids, rated_ids).astype(np.int64)
    index = {int(m): i for i, m in enumerate(item_ids)}
    titles = [f"#{m}" for m in item_ids]
    genres: list[list[str]] = [[] for _ in item_ids]
    for movie, title, kinds in zip(
        movie_ids.tolist(),
        movies.column("title").to_pylist(),
        movies.column("genres").to_pylist(),
        strict=True,
    ):
        titles[index[movie]] = str(title)
        genres[index[movie]] = _genres(str(kinds or ""))
    tags: list[list[str]] = [[] for _ in item_ids]
    if (folder / "tags.csv").is_file():
        frame = csv.read_csv(
            folder / "tags.csv", convert_options=_types(movieId=pa.int64(), tag=pa.string())
        )
        for movie, tag in zip(
            frame.column("movieId").to_pylist(), frame.column("tag").to_pylist(), strict=True
        ):
            if movie in index and tag and tag.strip():
                tags[index[movie]].append(tag.strip().lower())
    users = table.column("userId").to_numpy()
    user_ids = np.unique(users).astype(np.int64)
    user_index = {int(u): i for i, u in enumerate(user_ids)}
    arrays = Ratings(
        user=np.searchsorted(user_ids, users).astype(np.int64),
        item=np.searchsorted(item_ids, rated_ids).astype(np.int64),
        rating=table.column("rating").to_numpy().astype(np.float64),
        ts=table.column("timestamp").to_numpy().astype(np.int64),
        n_users=len(user_ids),
        n_items=len(item_ids),
    )
    catalogue = Catalogue(item_ids, titles, genres, tags, index)
    return MovieLens(arrays, catalogue, user_ids, user_index)


def _types(**columns: pa.DataType) -> csv.ConvertOptions:
    return csv.ConvertOptions(column_types=columns)


def _genres(text: str) -> list[str]:
    return [g for g in text.split("|") if g and g != "(no genres listed)"]
