"""The cross-lingual variant's features: what the multilingual head says of a whole review and
of each of its sentences, read on real reviews in both languages."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from parcours.text.models.sentiment import load

SCRIPTS = Path(__file__).resolve().parents[3] / "scripts" / "text"
MIXED = {
    "en": "The staff were lovely and the lounge spotless. The food was cold and the wifi "
    "never worked, a disgrace.",
    "fr": "Le personnel était adorable et la salle impeccable. Le plat était froid et le "
    "service interminable, une honte.",
}
PRAISE = {
    "en": "Wonderful lounge, great food, lovely staff.",
    "fr": "Un restaurant merveilleux, une cuisine délicieuse, un personnel adorable.",
}


@pytest.fixture
def variants(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    monkeypatch.syspath_prepend(str(SCRIPTS))
    sys.modules.pop("crosslingual_variants", None)
    return importlib.import_module("crosslingual_variants")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_mixed_review_has_a_negative_and_a_positive_sentence(
    variants: ModuleType, tmp_path: Path, language: str
) -> None:
    head = load().multilingual["en"]
    x = variants.features(head, [MIXED[language], PRAISE[language]], tmp_path)
    assert x.shape == (2, 11)
    mixed, praise = x
    # The whole review's probabilities and the sentences' mean are distributions.
    assert np.isclose(mixed[:3].sum(), 1.0) and np.isclose(mixed[3:6].sum(), 1.0)
    assert mixed[6] > 0.5 and mixed[7] > 0.5  # strongest negative and positive sentences
    assert mixed[8] == pytest.approx(0.5) and mixed[9] == pytest.approx(0.5)
    assert mixed[10] == pytest.approx(np.log(2))
    assert praise[8] == 0.0 and praise[9] == 1.0
    assert praise[10] == pytest.approx(0.0)
