"""The chronology the views read: the events as the last ingest (or override) clustered and stored.

Kept apart from the pipeline so that a view loads no extraction machinery: the clustering stage is
imported only in the rare case that the stored events are stale (an ingest stopped before clustering).
"""

from __future__ import annotations

from datetime import date

from .knowledge import Knowledge
from .models import Event
from .store import Store


def current_events(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    *,
    with_json: bool = False,
    kn: Knowledge | None = None,
    light: bool = False,
) -> list[Event]:
    """The stored events that reach into [since, until], oldest first; clustered afresh only when
    they no longer cover the stored mentions. ``with_json``: with each event's stored JSON line (for
    the JSON exports); ``light``: each member's mention read only when asked for (``Store.events``)."""
    stored = store.events(since, until, with_json=with_json, light=light)
    if stored is not None:
        return stored
    from .cluster import cluster

    return cluster(store.mentions(), store.overrides(), kn)
