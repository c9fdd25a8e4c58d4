"""Where sources disagree: per event, what each outlet says, field by field (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .dates import format_interval
from .models import Event, StoredMention


@dataclass(frozen=True)
class FieldRow:
    field: str
    values: tuple[tuple[str, str], ...]  # (outlet, what it says); "" when it says nothing
    disagree: bool


@dataclass(frozen=True)
class Comparison:
    event: Event
    outlets: tuple[str, ...]
    rows: tuple[FieldRow, ...]

    @property
    def conflicts(self) -> tuple[str, ...]:
        return tuple(r.field for r in self.rows if r.disagree)


def _by_outlet(ev: Event) -> dict[str, list[StoredMention]]:
    out: dict[str, list[StoredMention]] = {}
    for sm in ev.members:
        out.setdefault(sm.outlet, []).append(sm)
    return dict(sorted(out.items()))


def _totals(mentions: Sequence[StoredMention]) -> dict[str, float]:
    """Figures with per-side counts turned into totals: 4 from each side agrees with 8 in all."""
    figs: dict[str, float] = {}
    for sm in mentions:
        f = dict(sm.mention.figures)
        per_side = f.pop("per_side", None)
        for k, v in f.items():
            if per_side is not None and k == "vehicles" and v == per_side:
                v = 2 * v
            figs.setdefault(k, v)
    return figs


def _row(name: str, values: dict[str, str]) -> FieldRow:
    said = {v for v in values.values() if v}
    return FieldRow(name, tuple(values.items()), len(said) > 1)


def compare(ev: Event) -> Comparison:
    groups = _by_outlet(ev)
    rows: list[FieldRow] = []
    rows.append(_row("date", {o: "; ".join(sorted({format_interval(sm.mention.date) for sm in ms
                                                    if sm.mention.date_from in ("text", "report")})) for o, ms in groups.items()}))
    rows.append(FieldRow("date wording", tuple(
        (o, "; ".join(sorted({sm.mention.date_text for sm in ms if sm.mention.date_text}))) for o, ms in groups.items()
    ), False))
    rows.append(_row("place", {o: "; ".join(sorted({sm.mention.place.name for sm in ms if sm.mention.place}))
                               for o, ms in groups.items()}))
    rows.append(FieldRow("place spelling", tuple(
        (o, "; ".join(sorted({sm.mention.place_text for sm in ms if sm.mention.place_text}))) for o, ms in groups.items()
    ), False))
    rows.append(_row("ordinal", {o: "; ".join(sorted({str(sm.mention.ordinal) for sm in ms if sm.mention.ordinal}))
                                 for o, ms in groups.items()}))
    totals = {o: _totals(ms) for o, ms in groups.items()}
    for fig in sorted({k for t in totals.values() for k in t}):
        rows.append(_row(fig, {o: (f"{t[fig]:g}" if fig in t else "") for o, t in totals.items()}))
    rows.append(FieldRow("claimant", tuple(
        (o, "; ".join(sorted({sm.mention.claimant for sm in ms if sm.mention.claimant}))) for o, ms in groups.items()
    ), False))
    return Comparison(ev, tuple(groups), tuple(rows))


def comparisons(events: Sequence[Event], *, sources: Sequence[str] = ()) -> tuple[list[Comparison], list[Event]]:
    """(events two or more outlets report, compared; events only one outlet has)."""
    multi: list[Comparison] = []
    single: list[Event] = []
    wanted = {s.lower() for s in sources}
    for ev in events:
        outlets = {sm.outlet for sm in ev.members}
        if wanted:
            outlets = {o for o in outlets if o.lower() in wanted}
            if not outlets:
                continue
        if len(outlets) >= 2:
            c = compare(ev)
            if wanted:
                c = Comparison(ev, tuple(o for o in c.outlets if o.lower() in wanted), tuple(
                    FieldRow(r.field, tuple(v for v in r.values if v[0].lower() in wanted),
                             len({x for o, x in r.values if o.lower() in wanted and x}) > 1 and r.disagree)
                    for r in c.rows))
            multi.append(c)
        else:
            single.append(ev)
    return multi, single
