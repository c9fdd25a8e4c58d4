"""The tuning weights and thresholds (``data/tuning.toml``), as named, typed records."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from .gazetteer import Matching
from .resources import DataError, read_layered_toml


@dataclass(frozen=True)
class ClusterWeights:
    """The terms and thresholds of ``cluster.score``; documented in ``data/tuning.toml``."""

    join_at: float = 2.5
    near_km: float = 30.0
    mid_km: float = 100.0
    far_km: float = 150.0
    same_place: float = 2.0
    near_place: float = 1.5
    mid_place: float = 0.5
    same_spelling: float = 1.5
    same_day: float = 3.0
    overlap_narrow: float = 2.0
    overlap_wide: float = 0.5
    day_apart_conflict: float = 0.5
    yearless_inherits: float = 2.0
    yearless_same_day: float = 1.5
    statement_same_day: float = 1.5
    statement_days_before: float = 1.0
    same_article_alike: float = 1.5
    same_article_timex: float = 1.0
    same_article_lead: float = 1.5
    same_quote: float = 2.0
    quote_at: float = 0.6
    same_ordinal: float = 3.0
    same_parties: float = 0.5
    shared_operation: float = 2.0
    shared_key: float = 1.0
    wide_days: int = 62
    day_days: int = 3


@dataclass(frozen=True)
class CrossdateWeights:
    """The settings of cross-source dating; documented in ``data/tuning.toml``."""

    wide_days: int = 3
    target_days: int = 3
    news_lag_days: int = 3
    aside_days: int = 31
    reach_days: int = 800
    link_at: float = 3.5
    margin: float = 1.0
    ratio: float = 1.25
    undated_extra: float = 0.5
    same_place: float = 2.0
    near_place: float = 1.5
    more_place: float = 1.0
    more_places_cap: int = 2
    near_km: float = 30.0
    far_km: float = 150.0
    same_ordinal: float = 3.0
    same_operation: float = 2.0
    word_weight: float = 0.5
    word_cap: float = 3.0
    words_cap: float = 4.0
    same_figure: float = 1.0
    routine_figure: float = 10.0
    same_parties: float = 0.5
    same_quote: float = 3.0
    quote_at: float = 0.6
    rare_articles: int = 5
    series_gap_days: int = 30
    series_km: float = 60.0
    series_min_gap_days: int = 1
    max_rounds: int = 3
    narrow_at: float = 2.5
    report_at: float = 1.0
    support_at: float = 2.0
    follow_sentences: int = 2


@dataclass(frozen=True)
class LagModel:
    """How many days after an event a statement or an article may report it, by type family
    (``[lag]`` in ``data/tuning.toml``)."""

    default: int = 2
    numbered: int = 10
    families: tuple[tuple[str, int], ...] = ()

    def days(self, family: str, *, numbered: bool = False) -> int:
        if numbered:
            return max(self.numbered, self.days(family))
        return dict(self.families).get(family, self.default)

    @classmethod
    def of(cls, values: dict[str, Any]) -> LagModel:
        out: dict[str, int] = {}
        for name, value in values.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise DataError(f"tuning.toml: [lag] {name} = {value!r} is not a number of days")
            out[name] = value
        base = cls()
        return cls(
            default=out.pop("default", base.default),
            numbered=out.pop("numbered", base.numbered),
            families=tuple(sorted(out.items())),
        )


@dataclass(frozen=True)
class DateSettings:
    narrow_days: int = 400
    yearless_window_days: int = 366
    recent_days: int = 31
    recalled_days: int = 45
    prior_chars: int = 600
    update_lag_days: int = 2
    dateline_lag_days: int = 7


def _record(cls: Any, section: str, values: dict[str, Any]) -> Any:
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise DataError(f"tuning.toml: [{section}] has no setting {unknown[0]!r}")
    out = {}
    for name, value in values.items():
        kind = type(getattr(cls(), name))
        try:
            out[name] = frozenset(value) if kind is frozenset else kind(value)
        except (TypeError, ValueError):
            raise DataError(f"tuning.toml: [{section}] {name} = {value!r} is not a {kind.__name__}") from None
    return cls(**out)


@dataclass(frozen=True)
class Tuning:
    cluster: ClusterWeights
    dates: DateSettings
    places: Matching
    crossdate: CrossdateWeights
    lag: LagModel = LagModel()

    @classmethod
    def load(cls, paths: Sequence[Path]) -> Tuning:
        raw = read_layered_toml(paths, extend=False)
        return cls(
            cluster=_record(ClusterWeights, "cluster", raw.get("cluster", {})),
            dates=_record(DateSettings, "dates", raw.get("dates", {})),
            places=_record(Matching, "places", raw.get("places", {})),
            crossdate=_record(CrossdateWeights, "crossdate", raw.get("crossdate", {})),
            lag=LagModel.of(raw.get("lag", {})),
        )
