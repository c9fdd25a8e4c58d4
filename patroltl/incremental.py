"""Incremental clustering: the part of the chronology new mentions can reach, redone exactly as a
full pass (``cluster.cluster``) would redo it, and the rest left as stored.

The greedy pass visits the mentions in one canonical order; each mention is scored against the
clusters its dates and keys reach (``cluster.Index``) as they are at that moment. So a mention of
the last pass decides as it did unless one of the clusters it reaches, in this pass or the last,
is "dirty": has had a different history up to that moment (a new mention joined it, a mention
decided otherwise left it, it is new or no longer exists). The replay starts from the new mentions
and visits, in the canonical order, only the mentions that reach a dirty cluster, reading them and
those clusters' members from the store by date, key and cluster; every other mention's decision
and every other cluster are the stored ones. The event-level joins (``cluster._contained``: a named
event dated to a month becomes part of the day-dated cluster of its family its interval holds) are
replayed the same way for the coarse clusters whose interval holds a changed cluster; the joins of
whole clusters (``cluster.merge_group``) are worked out again for each day group an event it
rebuilds falls in, from that day's clusters as this pass leaves them.

It applies when the stored events are a plain clustering of the stored mentions: no overrides (a
merge or split is applied over the whole chronology) and no article whose open publication date
other sources may date (the cross-source dating weighs words by their rarity over the corpus:
every new article changes every weight); otherwise ``Unsafe`` is raised and the caller clusters
everything (``pipeline.recluster``).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from .cluster import (
    Cluster,
    Rules,
    _join,
    _months,
    _new_cluster,
    _sort_key,
    _year_open,
    coarse,
    contained_why,
    day_group,
    day_named,
    host_of,
    joined_why,
    leads_of,
    make_event,
    merge_group,
    reads_leads,
    score,
)
from .knowledge import Knowledge
from .models import EARLIEST, LATEST, Event, Mention, StoredMention
from .store import ClusterRow, GreedyState, Store

FIRST = "first mention of the event"  # cluster._new_cluster's reason
Bucket = tuple[object, ...]
SortKey = tuple[int, int, int, date, str]


class Unsafe(Exception):
    """The incremental clustering cannot promise a full pass's result here: cluster everything."""


# --------------------------------------------------------------------------------------------
# What the full pass records
# --------------------------------------------------------------------------------------------


@dataclass
class Recorder:
    """Watches a full ``cluster()`` (its ``observe``) and keeps its greedy pass for the store."""

    members: list[tuple[str, str, str]] = field(default_factory=list)
    _coarse: list[tuple[str, str, date, date]] = field(default_factory=list)
    _clusters: list[tuple[Cluster, int]] = field(default_factory=list)
    _seed_of: dict[str, str] = field(default_factory=dict)

    def __call__(self, clusters: Sequence[Cluster], r: Rules) -> None:
        for c in clusters:
            seed = c.members[0].key
            for sm, why in zip(c.members, c.reasons, strict=True):
                self.members.append((sm.key, seed, why))
                self._seed_of[sm.key] = seed
            if coarse(c, r):
                self._coarse.append((seed, c.family, c.date.start, c.date.end))
            elif day_named(c, r):
                # its members after the greedy ones are those of the coarse clusters it takes in
                self._clusters.append((c, len(c.members)))

    def state(self) -> GreedyState:
        """After the clustering: each coarse cluster with the cluster it became part of."""
        host: dict[str, str] = {}
        for c, greedy in self._clusters:
            for sm in c.members[greedy:]:
                host[self._seed_of[sm.key]] = c.members[0].key
        return GreedyState(self.members, [(s, f, a, b, host.get(s)) for s, f, a, b in self._coarse])


# --------------------------------------------------------------------------------------------
# The blocks a mention looks in and a cluster is filed under (as cluster.Index does)
# --------------------------------------------------------------------------------------------


def probes(sm: StoredMention, r: Rules) -> set[Bucket]:
    """The blocks ``Index.candidates`` looks a mention's clusters up in."""
    m = sm.mention
    fam = r.family(m.type)
    out: set[Bucket] = {("key", fam, k) for k in m.keys}
    if _year_open(m.date) and m.date.month and m.date.day:
        out.add(("doy", fam, m.date.month, m.date.day))
    elif m.date.days <= 400:
        first = m.date.start - _lag(sm, r)
        out.update(("date", fam, first + timedelta(days=i)) for i in range((m.date.end - first).days + 1))
        out.update(("month", fam, y, mo) for y, mo in _months(first, m.date.end))
    if article_block(sm):
        # as ``cluster._alike_open``: the same words, or one report dated by none and one by the
        # article's time
        if m.timex >= 0:
            out.update({("article", fam, sm.article_hash, m.timex), ("article", fam, sm.article_hash, "undated")})
        else:
            out.add(("article", fam, sm.article_hash, "relative"))
    return out


def article_block(sm: StoredMention) -> bool:
    """Whether ``Index.candidates`` looks the mention up in its article's block too."""
    return sm.mention.date.days > 400 and sm.published.days > 400


def _article_buckets(fam: str, article: str, m: Mention) -> set[Bucket]:
    out: set[Bucket] = {("article", fam, article, m.timex)} if m.timex >= 0 else set()
    if m.date.days > 400:
        out.add(("article", fam, article, "relative" if m.timex >= 0 else "undated"))
    return out


def _lag(sm: StoredMention, r: Rules) -> timedelta:
    m = sm.mention
    late = m.date_from in ("report", "published") or m.ordinal
    return timedelta(days=r.lag.days(r.family(m.type), numbered=bool(m.ordinal)) if late else 1)


def buckets(c: Cluster, r: Rules) -> set[Bucket]:
    """The blocks ``Index.add`` files a cluster under, as it is now."""
    out: set[Bucket] = {("key", c.family, k) for k in c.keys}
    if c.date.precision == "day":
        out.add(("date", c.family, c.date.start))
        out.add(("doy", c.family, c.date.start.month, c.date.start.day))
    elif c.date.days <= r.w.wide_days:
        out.update(("month", c.family, y, mo) for y, mo in _months(c.date.start, c.date.end))
    for a, ms in c.by_article.items():
        for o in ms:
            out |= _article_buckets(c.family, a, o.mention)
    return out


def _month_end(d: date) -> date:
    return (d.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)


# --------------------------------------------------------------------------------------------
# The last pass, as far as the replay reads it
# --------------------------------------------------------------------------------------------


@dataclass
class _Fold:
    """A cluster of the last greedy pass rebuilt member by member, up to a moment of the replay;
    ``seen`` is every block it was filed under on the way."""

    members: list[tuple[SortKey, StoredMention, str]]
    cluster: Cluster | None = None
    done: int = 0
    seen: set[Bucket] = field(default_factory=set)

    def at(self, t: SortKey, r: Rules) -> Cluster | None:
        """The cluster as it was when the mention of sort key ``t`` was visited (None: not begun)."""
        while self.done < len(self.members) and self.members[self.done][0] < t:
            _, sm, why = self.members[self.done]
            if self.cluster is None:
                self.cluster = _new_cluster(sm, r)
            else:
                _join(self.cluster, sm, why)
            self.seen |= buckets(self.cluster, r)
            self.done += 1
        return self.cluster


def _whole(members: Sequence[tuple[SortKey, StoredMention, str]], r: Rules) -> tuple[Cluster | None, set[Bucket]]:
    """The cluster with all its members, and every block it was filed under."""
    fold = _Fold(list(members))
    return fold.at((9, 0, 0, date.max, ""), r), fold.seen


class Replay:
    """One incremental clustering, inside the caller's write transaction."""

    def __init__(self, store: Store, kn: Knowledge, new: Sequence[ClusterRow]) -> None:
        self.store, self.kn = store, kn
        self.r = r = Rules.of(kn)
        vocab = kn.vocabulary
        self.types: dict[str, list[str]] = {}
        for t in vocab.types:
            self.types.setdefault(vocab.family(t.name), []).append(t.name)
        lags = [r.lag.default, r.lag.numbered, *(d for _, d in r.lag.families), 1]
        self.max_lag = timedelta(days=max(lags))
        self.rows: dict[str, ClusterRow] = {}
        self.sort: dict[str, SortKey] = {}
        self.folds: dict[str, _Fold] = {}
        self.leads: dict[str, frozenset[str]] = {}
        self.new = {row.sm.key for row in new}
        self._take(new)
        # the replay's own decisions, and its clusters that differ from the last pass's
        self.decided: dict[str, tuple[str, str]] = {}
        self.dirty: dict[str, Cluster] = {}
        self.dirty_seen: dict[str, set[Bucket]] = {}
        self.by_bucket: dict[Bucket, set[str]] = {}
        self.gone: set[str] = set()
        self.queue: list[tuple[SortKey, str]] = []
        self.queued: set[str] = set()
        self.reads = 0
        # the joins of whole clusters, by day group as they are worked out
        self.day_of: dict[str, tuple[str, date] | None] = {}
        self.groups_done: set[tuple[str, date]] = set()
        self.into: dict[str, str] = {}
        self.whole: dict[str, Cluster] = {}

    # --- reading -----------------------------------------------------------------------------

    def _take(self, rows: Iterable[ClusterRow]) -> list[ClusterRow]:
        out = []
        for row in rows:
            key = row.sm.key
            if key not in self.rows:
                if row.seed is None and key not in self.new:
                    raise Unsafe(f"mention {key} is in no cluster of the last pass")
                self.rows[key] = row
                self.sort[key] = _sort_key(row.sm, self.r.kinds)
            out.append(self.rows[key])
        return out

    def _overlapping(self, fam: str, lo: date, hi: date) -> list[ClusterRow]:
        self.reads += 1
        return self._take(self.store.rows_overlapping(self._types(fam), max(lo, EARLIEST), hi, known=self.rows))

    def _spanning(self, fam: str, lo: date, hi: date) -> list[ClusterRow]:
        self.reads += 1
        found = self.store.rows_overlapping(self._types(fam), max(lo, EARLIEST), hi, spanning=True, known=self.rows)
        return self._take(found)

    def _types(self, fam: str) -> list[str]:
        return self.types.get(fam, [fam])

    def _reaching(self, wanted: set[Bucket]) -> list[ClusterRow]:
        """Every stored mention that may look in one of these blocks (a superset)."""
        rows: list[ClusterRow] = []
        spans: dict[str, list[tuple[date, date]]] = {}
        for b in wanted:
            kind, fam = b[0], str(b[1])
            if kind == "date":
                d = b[2]
                assert isinstance(d, date)
                spans.setdefault(fam, []).append((d, d + self.max_lag))
            elif kind == "month":
                first = date(int(b[2]), int(b[3]), 1)  # type: ignore[call-overload]
                spans.setdefault(fam, []).append((first, _month_end(first) + self.max_lag))
            elif kind == "article":
                self.reads += 1
                rows += self._take(self.store.rows_of_article(str(b[2]), self.rows))
            elif kind == "doy":
                self.reads += 1
                rows += self._take(self.store.rows_of_day(self._types(fam), int(b[2]), int(b[3]), self.rows))  # type: ignore[call-overload]
            else:
                self.reads += 1
                rows += self._take(self.store.rows_with_keys([str(b[2])], self.rows))
        for fam, found in spans.items():
            for lo, hi in _merged(found):
                rows += self._overlapping(fam, lo, hi)
        return rows

    def _near(self, sm: StoredMention) -> list[ClusterRow]:
        """Members of every cluster the mention may reach: one of them dates each block it is filed
        under (a cluster's date only narrows from its first member's, to a member's)."""
        m = sm.mention
        fam = self.r.family(m.type)
        rows = self._take(self.store.rows_with_keys(m.keys, self.rows)) if m.keys else []
        if _year_open(m.date) and m.date.month and m.date.day:
            for year in range(EARLIEST.year, LATEST.year + 1):
                try:
                    day = date(year, m.date.month, m.date.day)
                except ValueError:
                    continue
                rows += self._overlapping(fam, day, day)
        elif m.date.days <= 400:
            # a day a cluster is filed under lies in a member's date; a month, in the date of a member
            # of more than a day (a cluster dated to the day is filed under its day alone)
            first = m.date.start - _lag(sm, self.r)
            rows += self._overlapping(fam, first, m.date.end)
            rows += self._spanning(fam, first.replace(day=1), _month_end(m.date.end))
        if article_block(sm):
            rows += self._take(self.store.rows_of_article(sm.article_hash, self.rows))
        return rows

    def _fold(self, seed: str) -> _Fold:
        if seed not in self.folds:
            self._load_clusters([seed])
        return self.folds[seed]

    def _load_clusters(self, seeds: Iterable[str]) -> None:
        wanted = sorted({s for s in seeds if s not in self.folds})
        if not wanted:
            return
        self.reads += 1
        members: dict[str, list[tuple[SortKey, StoredMention, str]]] = {s: [] for s in wanted}
        for row in self._take(self.store.rows_of_clusters(wanted, self.rows)):
            assert row.seed is not None and row.why is not None
            members[row.seed].append((self.sort[row.sm.key], row.sm, row.why))
        for seed, found in members.items():
            found.sort(key=lambda x: x[0])
            if not found or found[0][1].key != seed:
                raise Unsafe(f"the stored cluster of {seed} does not begin with it")
            self.folds[seed] = _Fold(found)

    def _leads(self, sm: StoredMention) -> frozenset[str]:
        """The leads of the mention's article, read only for a report ``score`` weighs them for
        (``cluster.reads_leads``); for any other, none are needed."""
        if not reads_leads(sm.mention):
            return frozenset()
        a = sm.article_hash
        if a not in self.leads:
            self.reads += 1
            mine = [row.sm for row in self.store.rows_of_article(a, self.rows)]
            self.leads[a] = leads_of(mine, self.r.family)
        return self.leads[a]

    # --- the greedy pass ---------------------------------------------------------------------

    def _push(self, rows: Iterable[ClusterRow], after: SortKey, wanted: set[Bucket] | None) -> None:
        seeds = []
        for row in rows:
            key = row.sm.key
            if key in self.queued or self.sort[key] <= after:
                continue
            if wanted is not None and not probes(row.sm, self.r) & wanted:
                continue
            self.queued.add(key)
            heapq.heappush(self.queue, (self.sort[key], key))
            if row.seed is not None:
                seeds.append(row.seed)
        # the clusters they joined, read together: each is weighed again when they are visited
        self._load_clusters(s for s in seeds if s not in self.dirty and s not in self.gone)

    def _dirty(self, seed: str, t: SortKey) -> None:
        """The cluster of the last pass ``seed`` begins differs from ``t`` on: it keeps what it was
        before, every mention after that looked in its blocks (or joined it) is visited again."""
        if seed in self.dirty or seed in self.gone:
            return
        fold = self._fold(seed)
        c = fold.at(t, self.r)
        _, every = _whole(fold.members, self.r)
        later = [self.rows[sm.key] for k, sm, _ in fold.members if k > t]
        self._push(later, t, None)
        self._push(self._reaching(every), t, every)
        if c is None:
            self.gone.add(seed)
            return
        fold.cluster = None  # the fold is spent: the cluster now changes as the replay decides
        self.dirty[seed] = c
        self.dirty_seen[seed] = set()
        self._filed(seed, fold.seen, t)

    def _filed(self, seed: str, found: set[Bucket], t: SortKey) -> None:
        """A dirty cluster filed under more blocks: the mentions after ``t`` that look there."""
        fresh = found - self.dirty_seen[seed]
        if not fresh:
            return
        self.dirty_seen[seed] |= fresh
        for b in fresh:
            self.by_bucket.setdefault(b, set()).add(seed)
        self._push(self._reaching(fresh), t, fresh)

    def _candidates(self, sm: StoredMention, t: SortKey) -> list[tuple[str, Cluster]]:
        wanted = probes(sm, self.r)
        seeds = {row.seed for row in self._near(sm) if row.seed is not None}
        seeds -= self.gone
        self._load_clusters(s for s in seeds if s not in self.dirty)
        out: dict[str, Cluster] = {}
        for seed in seeds:
            if seed in self.dirty:
                continue
            fold = self.folds[seed]
            c = fold.at(t, self.r)
            if c is not None and fold.seen & wanted:
                out[seed] = c
        for b in wanted:
            for seed in self.by_bucket.get(b, ()):
                out[seed] = self.dirty[seed]
        return sorted(out.items(), key=lambda x: self.sort[x[0]])

    def _unchanged(self, row: ClusterRow, t: SortKey, leads: frozenset[str]) -> bool:
        """Whether a mention of the last pass decides as it did without looking at every candidate:
        the cluster it joined (or began) is as it was, so its clean candidates score as they did and
        the last winner still beats them; only a dirty cluster that now outscores it (or reaches
        join_at where it began a cluster) can change the choice."""
        sm, r, won = row.sm, self.r, row.seed
        if won is None or won in self.dirty or won in self.gone:
            return False
        best: tuple[float, SortKey] | None = None
        if won != sm.key:
            c = self._fold(won).at(t, r)
            found = None if c is None else score(sm, c, r, leads)
            if found is None:
                return False
            best = (found[0], self.sort[won])
        seen: set[str] = set()
        for b in probes(sm, r):
            for seed in self.by_bucket.get(b, ()):
                if seed in seen:
                    continue
                seen.add(seed)
                s = score(sm, self.dirty[seed], r, leads)
                if s is None or s[0] < r.w.join_at:
                    continue
                if best is None or s[0] > best[0] or (s[0] == best[0] and self.sort[seed] < best[1]):
                    return False
        return True

    def _decide(self, key: str) -> None:
        row = self.rows[key]
        sm, t, r = row.sm, self.sort[key], self.r
        leads = self._leads(sm)
        if key not in self.new and self._unchanged(row, t, leads):
            assert row.seed is not None and row.why is not None
            self.decided[key] = (row.seed, row.why)
            return
        best: tuple[float, str, str] | None = None
        for seed, c in self._candidates(sm, t):  # earliest first: of equal scores the earliest wins
            s = score(sm, c, r, leads)
            if s is None or s[0] < r.w.join_at:
                continue
            if best is None or s[0] > best[0]:
                best = (s[0], s[1], seed)
        seed, why = (key, FIRST) if best is None else (best[2], joined_why(best[0], best[1]))
        self.decided[key] = (seed, why)
        before = (row.seed, row.why) if key not in self.new else None
        if before == (seed, why) and seed not in self.dirty:
            return  # as in the last pass, into a cluster as it was then: it stays as it was
        if before is not None and before != (seed, why):
            assert row.seed is not None
            self._dirty(row.seed, t)
        if best is None:
            c = _new_cluster(sm, r)
            self.gone.discard(key)
            self.dirty[key] = c
            self.dirty_seen[key] = set()
        else:
            self._dirty(seed, t)
            c = self.dirty[seed]
            _join(c, sm, why)
        self._filed(seed, buckets(c, r), t)

    def greedy(self) -> None:
        self._push(self.rows.values(), (-1, 0, 0, date.min, ""), None)
        while self.queue:
            _, key = heapq.heappop(self.queue)
            self._decide(key)

    # --- the clusters after the greedy pass --------------------------------------------------

    def greedy_members(self, seed: str) -> list[tuple[StoredMention, str]]:
        """The members of a cluster after this pass, in the order they joined (none: it is gone)."""
        if seed in self.dirty:
            c = self.dirty[seed]
            return list(zip(c.members, c.reasons, strict=True))
        if seed in self.gone:
            return []
        return [(sm, why) for _, sm, why in self._fold(seed).members]

    def old_members(self, seed: str) -> list[tuple[StoredMention, str]]:
        """The members of a cluster of the last pass (none: a cluster of this pass only)."""
        row = self.rows.get(seed)
        if seed in self.new or (row is not None and row.seed != seed):
            return []  # a new mention, or one that joined another cluster in the last pass
        return [(sm, why) for _, sm, why in self._fold(seed).members]

    def seed_of(self, key: str) -> str:
        if key in self.decided:
            return self.decided[key][0]
        seed = self.rows[key].seed
        assert seed is not None
        return seed

    def _build(self, members: Sequence[tuple[StoredMention, str]]) -> Cluster | None:
        if not members:
            return None
        c = _new_cluster(members[0][0], self.r)
        for sm, why in members[1:]:
            _join(c, sm, why)
        return c

    # --- the event-level joins ---------------------------------------------------------------

    def contained(self) -> None:
        """The coarse clusters whose choice of host may differ, decided again in the order of the
        full pass, each seeing its candidate hosts with what the coarse clusters before it put in."""
        r = self.r
        self.changed = set(self.dirty) | self.gone
        self.old_host: dict[str, str | None] = dict(self.store.coarse_of(self.changed))
        self.hosts: dict[str, str | None] = {}
        self.host_changed: set[str] = set()
        self.cqueue: list[tuple[SortKey, str]] = []
        self.cqueued: set[str] = set()
        for seed in sorted(self.changed):
            for c in (self._build(self.old_members(seed)), self._build(self.greedy_members(seed))):
                if c is not None and day_named(c, r):
                    self._hold(c, (-1, 0, 0, date.min, ""))
                if c is not None and coarse(c, r):
                    self._cpush(seed)
            if seed in self.old_host:
                self._cpush(seed)
        while self.cqueue:
            _, seed = heapq.heappop(self.cqueue)
            self._rehost(seed)

    def _cpush(self, seed: str) -> None:
        if seed not in self.cqueued:
            self.cqueued.add(seed)
            self._sort_of(seed)
            heapq.heappush(self.cqueue, (self.sort[seed], seed))

    def _sort_of(self, seed: str) -> SortKey:
        if seed not in self.sort:
            self._fold(seed)
        return self.sort[seed]

    def _hold(self, s: Cluster, after: SortKey) -> None:
        """Every coarse cluster of the last pass after ``after`` whose interval holds ``s``."""
        self.reads += 1
        found = self.store.coarse_holding(s.family, s.date.start, s.date.end)
        self._load_clusters(x for x in found if x not in self.dirty and x not in self.gone)
        for seed in found:
            if self._sort_of(seed) > after:
                self._cpush(seed)

    def host(self, seed: str) -> str | None:
        """The host of a coarse cluster after this pass (None: apart, or not coarse)."""
        if seed in self.hosts:
            return self.hosts[seed]
        if seed not in self.old_host:
            self.old_host.update(self.store.coarse_of([seed]))
            self.old_host.setdefault(seed, None)
        return self.old_host[seed]

    def hosted(self, host: str) -> list[str]:
        """The coarse clusters that become part of ``host`` after this pass, in the pass's order."""
        before = self.store.coarse_hosted([host])
        self.old_host.update(before)
        found = {c for c in before if c not in self.hosts} | {c for c, h in self.hosts.items() if h == host}
        return sorted(found, key=self._sort_of)

    def _host_state(self, seed: str, upto: SortKey | None) -> Cluster | None:
        """Cluster ``seed`` with the coarse clusters before ``upto`` it takes in (all: None)."""
        s = self._build(self.greedy_members(seed))
        if s is None or not day_named(s, self.r):
            return s
        for c_seed in self.hosted(seed):
            if upto is not None and self._sort_of(c_seed) >= upto:
                break
            c = self._build(self.greedy_members(c_seed))
            assert c is not None
            why = contained_why(c, s)
            for sm in c.members:
                _join(s, sm, why)
        return s

    def _rehost(self, seed: str) -> None:
        r = self.r
        t = self._sort_of(seed)
        c = self._build(self.greedy_members(seed))
        before = self.host(seed) if seed not in self.new else None
        now: str | None = None
        if c is not None and coarse(c, r):
            rows = self._overlapping(c.family, c.date.start, c.date.end)
            seeds = sorted({self.seed_of(row.sm.key) for row in rows} - {seed}, key=self._sort_of)
            days = []
            for order, s_seed in enumerate(seeds):
                s = self._host_state(s_seed, t)
                if s is not None and day_named(s, r):
                    s.order = order
                    days.append(s)
            found = host_of(c, days, r)
            now = None if found is None else found[0].members[0].key
        self.hosts[seed] = now
        if now != before or seed in self.changed:
            for h in {now, before} - {None}:
                assert h is not None
                self.host_changed.add(h)
                s = self._build(self.greedy_members(h)) or self._build(self.old_members(h))
                if s is not None:
                    self._hold(s, t)

    # --- the joins of whole clusters (cluster.merge_group) ----------------------------------

    def _day_of(self, f: str) -> tuple[str, date] | None:
        """The day group of the cluster ``f`` (a cluster no coarse one is hosted by) after this pass."""
        if f not in self.day_of:
            c = self._host_state(f, None)
            self.day_of[f] = None if c is None else day_group(c)
        return self.day_of[f]

    def _joined_into(self, f: str) -> str:
        """The cluster ``f`` is part of after the joins of whole clusters of its day (itself if none)."""
        g = self._day_of(f)
        if g is None:
            return f
        if g not in self.groups_done:
            self._join_group(*g)
        return self.into.get(f, f)

    def _join_group(self, fam: str, day: date) -> None:
        """The joins of the clusters of ``fam`` dated to ``day``, as the full pass makes them: every
        such cluster has a member whose date holds the day (a cluster's date narrows to a member's)."""
        self.groups_done.add((fam, day))
        finals = set()
        for row in self._overlapping(fam, day, day):
            seed = self.seed_of(row.sm.key)
            if self.host(seed) is None:
                finals.add(seed)
        group = {}
        for f in sorted(finals):
            if self._day_of(f) == (fam, day):
                c = self._host_state(f, None)
                assert c is not None
                group[id(c)] = (f, c)
        if len(group) < 2:
            return
        for b, a in merge_group([c for _, c in group.values()], self.r, lambda c: self._sort_of(group[id(c)][0])):
            self.into[group[id(b)][0]] = group[id(a)][0]
            self.whole[group[id(a)][0]] = a

    # --- the events --------------------------------------------------------------------------

    def final_of(self, key: str) -> str:
        """The cluster (its first member) whose event ``key`` is in after this pass."""
        seed = self.seed_of(key)
        return self._joined_into(self.host(seed) or seed)

    def events(self) -> tuple[set[str], list[Event], GreedyState, set[str]]:
        """The stored events to drop, the events in their place, the greedy pass's changes, and the
        coarse clusters whose record is replaced."""
        touched: set[str] = set(self.new)
        for seed in self.changed | set(self.hosts) | self.host_changed:
            touched.update(sm.key for sm, _ in self.old_members(seed))
            touched.update(sm.key for sm, _ in self.greedy_members(seed))
        removed: set[str] = set()
        finals: set[str] = set()
        keys = touched
        while keys:
            ids = set(self.store.events_of(keys).values()) - removed
            removed |= ids
            members = set(self.store.members_of(ids)) | keys
            self._take(self.store.rows_by_keys(k for k in members if k not in self.rows))
            fresh = {self.final_of(k) for k in members} - finals
            finals |= fresh
            keys = set()
            for f in fresh:
                keys.update(sm.key for sm in self._final_members(f))
            keys -= touched
            touched |= keys
        events = [self._event(f) for f in sorted(finals)]
        greedy = GreedyState(
            [(k, seed, why) for k, (seed, why) in sorted(self.decided.items())],
            self._coarse_rows(),
        )
        return removed, [ev for ev in events if ev is not None], greedy, self.changed | set(self.hosts)

    def _final(self, f: str) -> Cluster | None:
        """The cluster of the event ``f`` begins after this pass: with the coarse clusters it hosts
        and the clusters joined to it as wholes (None: it is part of another, or gone)."""
        if self.host(f) is not None or self._joined_into(f) != f:
            return None
        return self.whole.get(f) or self._host_state(f, None)

    def _final_members(self, f: str) -> list[StoredMention]:
        s = self._final(f)
        return [] if s is None else list(s.members)

    def _event(self, f: str) -> Event | None:
        s = self._final(f)
        if s is None:
            return None
        reasons = dict(zip((sm.key for sm in s.members), s.reasons, strict=True))
        return make_event(s.members, reasons, self.kn)

    def _coarse_rows(self) -> list[tuple[str, str, date, date, str | None]]:
        out = []
        for seed in sorted(self.changed | set(self.hosts)):
            c = self._build(self.greedy_members(seed))
            if c is not None and coarse(c, self.r):
                out.append((seed, c.family, c.date.start, c.date.end, self.host(seed)))
        return out


def _merged(spans: Iterable[tuple[date, date]]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def recluster_new(store: Store, kn: Knowledge, after: int) -> tuple[set[str], list[Event], GreedyState, set[str]]:
    """The incremental clustering of the mentions stored after mention id ``after``: what to drop
    and store (``Store.update_events``). Raises ``Unsafe`` where only a full pass is sure."""
    if store.overrides():
        raise Unsafe("the analyst's merges and splits apply to the whole chronology")
    replay = Replay(store, kn, store.rows_after(after))
    replay.greedy()
    replay.contained()
    return replay.events()


Lines = Callable[[Event], str]
