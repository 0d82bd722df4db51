"""Counts shared by the event-coding scorers: true/false positives and false negatives, P/R/F1."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Score:
    """Micro-averaged counts for one field. Precision/recall are ``None`` when their denominator is 0
    (nothing predicted / nothing in the gold), so "not measured" is not printed as 0 or 1."""

    field: str
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, *, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


def fmt(value: float | None) -> str:
    """A rate for a report table: three decimals, or "-" when it was not measured."""
    return "-" if value is None else f"{value:.3f}"
