"""How long the HTML page takes to write and to load with many events (issue 15).

    python bench/html_page.py --events 10000 [--chromium /usr/bin/chromium] [--repeat 3]

Builds N synthetic events (three synthetic mentions each, from bench/generate.py: places from the
bundled gazetteer, dates of every precision), writes the page with ``patroltl.page.to_html``, opens it
in headless Chromium (Playwright driving the system's browser) and measures, best of --repeat:

- write: the Python side (events to HTML), seconds;
- load: navigation start to the page's script done (list laid out, map drawn, markers clustered);
- filter: one type filter's round trip (rows hidden, markers re-clustered);
- the page's size and its markers.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate import generate_mentions
from patroltl.models import Event


def synthetic_events(n: int, seed: int = 1) -> list[Event]:
    mentions = generate_mentions(3 * n, seed=seed)
    events = []
    for i in range(0, len(mentions) - 2, 3):
        members = tuple(mentions[i : i + 3])
        first = members[0].mention
        digest = hashlib.sha1(members[0].key.encode()).hexdigest()[:9]
        events.append(
            Event(
                id="e" + digest,
                type=first.type,
                date=first.date,
                place=first.place,
                aliases=(first.place.name,) if first.place else (),
                summary=f"Synthetic {first.type.replace('_', ' ')} {i // 3}",
                members=members,
            )
        )
    events.sort(key=lambda e: (e.date.start, e.date.end, e.type, e.id))
    return events[:n]


def measure(page_file: Path, chromium: str, repeat: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    best = {"load": float("inf"), "filter": float("inf")}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for _ in range(repeat):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto(page_file.as_uri(), timeout=120_000)
            page.wait_for_selector("body[data-ready='1']", timeout=120_000)
            load = page.evaluate("() => performance.now()") / 1000
            first_type = page.get_attribute("#f-types input", "value")
            started = time.perf_counter()
            page.uncheck(f"#f-types input[value='{first_type}']")
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(0)))")
            filtered = time.perf_counter() - started
            assert not errors, errors
            best["load"] = min(best["load"], load)
            best["filter"] = min(best["filter"], filtered)
            best["markers"] = float(page.get_attribute("#map", "data-markers") or 0)
            page.close()
        browser.close()
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args(argv)
    from patroltl.knowledge import Knowledge
    from patroltl.page import to_html

    events = synthetic_events(args.events)
    kn = Knowledge.bundled()
    to_html(events[:10], kn)  # warm: the template, the assets, the vocabulary
    started = time.perf_counter()
    html = to_html(events, kn)
    write = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "page.html"
        page_file.write_text(html, encoding="utf-8")
        size = page_file.stat().st_size
        print(f"{len(events):,} events; page {size / 1e6:.1f} MB written in {write:.2f} s")
        if not args.chromium:
            print("no Chromium: the load was not measured")
            return 1
        found = measure(page_file, args.chromium, args.repeat)
    print(
        f"load (navigation start to the page's script done, best of {args.repeat}): {found['load']:.2f} s; "
        f"one type filter: {found['filter']:.2f} s; {found['markers']:.0f} markers"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
