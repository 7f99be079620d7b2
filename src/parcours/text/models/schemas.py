"""What `evaluate` is asked (which data sets, which paths) and what it returns: one result per
task, path and language, and their flat figures."""

from __future__ import annotations

from pydantic import BaseModel, Field

DATASETS = ("airline-tweets", "fr-restaurants", "cross-lingual", "skytrax")
PATHS = ("fast", "accurate")


class TaskResult(BaseModel):
    """Held-out figures of one task on one path ("anchor" for the reference model)."""

    task: str
    path: str
    language: str
    n: int
    labels: list[str] = Field(default_factory=list)
    accuracy: float | None = None
    macro_f1: float | None = None
    # Rows: true label, columns: predicted label, both in the order of `labels`.
    confusion: list[list[int]] = Field(default_factory=list)
    texts_per_s: float | None = None
    # Other figures of the task (AUC, Spearman, coverage...), by name.
    extra: dict[str, float] = Field(default_factory=dict)
    note: str = ""

    def figures(self) -> dict[str, float]:
        """`text.<task>.<path>.<figure>` -> value, the lines the CLI ends with."""
        prefix = f"text.{self.task}.{self.path}"
        out: dict[str, float] = {}
        for name in ("accuracy", "macro_f1", "texts_per_s"):
            value = getattr(self, name)
            if value is not None:
                out[f"{prefix}.{name}"] = float(value)
        for name, value in self.extra.items():
            out[f"{prefix}.{name}"] = float(value)
        return out


class EvaluationReport(BaseModel):
    dataset: str
    results: list[TaskResult] = Field(default_factory=list)

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for result in self.results:
            out |= result.figures()
        return out
