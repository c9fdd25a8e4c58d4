"""`patroltl explain`: why an event is what it is, as Rich text. Apart from the other views, so that
explaining one event loads only what it shows (start-up, issue 17).

Article text is untrusted: it reaches Rich only as ``Text`` (never parsed as markup), cleaned of
control characters (``views.clean_text``).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text

from .errors import printable
from .models import Event, format_interval
from .views import MUTED
from .views import clean_text as safe


def explanation(ev: Event) -> Group:
    """Why an event is what it is: each mention's sentence, its date with the chain of evidence, the
    publication date used, its place and the spelling that led there, and why it joined."""
    lines: list[Text] = [
        Text(f"\n{ev.id}  {ev.type}  {format_interval(ev.date)}  {safe(ev.summary)}", style="bold"),
        Text("  date: " + "; ".join(safe(e) for e in ev.date.evidence)),
    ]
    why = dict(ev.why)
    for sm in ev.members:
        m = sm.mention
        words = f" (“{safe(m.date_text)}”)" if m.date_text else ""
        lines += [
            Text(f"  • {sm.key}  {safe(sm.outlet)}  {printable(sm.article_path)}", style="cyan"),
            Text(f"    “{safe(m.sentence[:300])}”"),
            Text(
                f"    date {format_interval(m.date)} from {m.date_from}{words}: "
                + "; ".join(map(safe, m.date.evidence))
            ),
            Text(f"    published {format_interval(sm.published)}: " + "; ".join(map(safe, sm.published.evidence))),
        ]
        if m.place and m.place_text:
            lines.append(
                Text(
                    f"    place “{safe(m.place_text)}” -> {safe(m.place.name)} "
                    f"({m.place.kind}, similarity {m.place.score:.2f})"
                )
            )
        elif m.place:
            lines.append(
                Text(
                    f"    place {safe(m.place.name)}: not named in the sentence, inferred from the "
                    "article's other reports (not used to merge)"
                )
            )
        lines.append(Text(f"    cluster: {safe(why.get(sm.key, ''))}", style=MUTED))
    return Group(*lines)
