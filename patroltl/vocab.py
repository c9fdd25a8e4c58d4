"""The event-type vocabulary from data/event_types.toml, compiled once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .models import EVENT_TYPES
from .resources import data_path

# How a figure of the vocabulary reads in a summary ("8 vehicles", "12 troops").
FIGURE_WORDS = {
    "vehicles": "vehicles",
    "soldiers": "troops",
    "km": "km",
    "killed": "killed",
    "injured": "injured",
    "patrols": "patrols",
    "helicopters": "helicopters",
}


@dataclass(frozen=True)
class EventType:
    name: str
    label: str
    color: str
    news: bool
    modifies: str | None
    triggers: re.Pattern[str] | None


@dataclass(frozen=True)
class Vocabulary:
    types: tuple[EventType, ...]
    planned: re.Pattern[str]
    reporting: re.Pattern[str]
    actors: tuple[tuple[str, re.Pattern[str]], ...]
    claimants: tuple[tuple[str, re.Pattern[str]], ...]
    figures: tuple[tuple[str, tuple[str, ...]], ...]

    def get(self, name: str) -> EventType:
        for t in self.types:
            if t.name == name:
                return t
        return self.get("other") if name != "other" else EventType("other", "Other", "white", False, None, None)

    def label(self, name: str) -> str:
        return self.get(name).label

    def color(self, name: str) -> str:
        return self.get(name).color


def words_pattern(words: list[str] | tuple[str, ...], *, case: bool = False) -> re.Pattern[str]:
    """Whole-word alternation of literal phrases, longest first (no user regex: input is data)."""
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", 0 if case else re.IGNORECASE)


@cache
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    raw = tomllib.loads((path or data_path("event_types.toml")).read_text(encoding="utf-8"))
    types = []
    for name, spec in raw.get("type", {}).items():
        if name not in EVENT_TYPES:
            raise ValueError(f"event_types.toml: unknown event type {name!r}")
        trig = spec.get("triggers") or []
        types.append(
            EventType(
                name=name,
                label=spec.get("label", name),
                color=spec.get("color", "white"),
                news=bool(spec.get("news", False)),
                modifies=spec.get("modifies"),
                triggers=words_pattern(trig) if trig else None,
            )
        )
    return Vocabulary(
        types=tuple(types),
        planned=words_pattern(raw["planned"]["words"]),
        reporting=words_pattern(raw["reporting"]["words"]),
        actors=tuple((k, words_pattern(v, case=True)) for k, v in raw.get("actors", {}).items()),
        claimants=tuple((k, words_pattern(v)) for k, v in raw.get("claimants", {}).items()),
        figures=tuple((k, tuple(v)) for k, v in raw.get("figures", {}).items()),
    )
