"""The HTML page in a real headless browser (the system's Chromium, driven by Playwright): it loads
with no console error and no network request, a filter hides rows and markers, a marker click shows
its event, and a narrow screen needs no sideways scrolling.

Skipped, with the reason, where no Chromium is installed; in CI (CI set) a missing browser fails:
`.ci/run` installs it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from patroltl.cli import app

from .conftest import ROOT

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def chromium() -> str | None:
    given = os.environ.get("PATROLTL_CHROMIUM")
    if given:
        return given
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI must run the browser test (.ci/run installs Chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium()
    if executable is None:
        _unavailable("no Chromium on this machine (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (it is in the test extra)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("page")
    db = folder / "samples.db"
    runner = CliRunner()
    done = runner.invoke(app, ["ingest", str(ROOT / "data" / "samples"), "--db", str(db), "--quiet"])
    assert done.exit_code == 0, done.output
    out = folder / "chronology.html"
    done = runner.invoke(app, ["timeline", "--db", str(db), "-o", str(out)])  # html from the extension
    assert done.exit_code == 0, done.output
    return out


def open_page(browser: Any, path: Path, width: int = 1280) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url) if not r.url.startswith(("file:", "data:")) else None)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
    return page, problems, requests


def markers_drawn(page: Any) -> int:
    """What the map really draws: single markers plus the counts on the cluster icons."""
    return int(
        page.evaluate(
            """() => document.querySelectorAll('.ev-marker').length +
            Array.from(document.querySelectorAll('.marker-cluster span'))
                 .reduce((n, s) => n + parseInt(s.textContent, 10), 0)"""
        )
    )


def visible_rows(page: Any, selector: str = "li.ev") -> int:
    return int(
        page.evaluate(f"() => Array.from(document.querySelectorAll({selector!r})).filter(e => !e.hidden).length")
    )


def test_the_page_loads_without_errors_or_network(browser: Any, page_file: Path) -> None:
    page, problems, requests = open_page(browser, page_file)
    assert problems == []
    assert requests == []
    rows = visible_rows(page)
    assert rows == page.locator("li.ev").count() > 10
    placed = int(page.get_attribute("#map", "data-markers"))
    assert 0 < placed <= rows
    assert markers_drawn(page) == placed  # the map is zoomed to show every placed event
    assert page.locator(".leaflet-overlay-pane path").count() > 10  # the basemap's countries
    page.close()


def test_a_filter_hides_rows_and_markers(browser: Any, page_file: Path) -> None:
    page, problems, _ = open_page(browser, page_file)
    placed = int(page.get_attribute("#map", "data-markers"))
    patrols = page.locator("li.ev[data-type='patrol']").count()
    placed_patrols = page.locator("li.ev[data-type='patrol'] button.onmap").count()
    assert patrols and placed_patrols
    page.uncheck("#f-types input[value='patrol']")
    assert visible_rows(page, "li.ev[data-type='patrol']") == 0
    assert visible_rows(page) == page.locator("li.ev").count() - patrols
    assert int(page.get_attribute("#map", "data-markers")) == placed - placed_patrols
    assert markers_drawn(page) == placed - placed_patrols
    page.click("#f-types button[data-value='0']")  # none
    assert visible_rows(page) == 0 and markers_drawn(page) == 0
    page.click("#f-reset")
    assert markers_drawn(page) == placed
    # dates overlap: a range ending before 2020 keeps nothing from 2021 on
    page.fill("#f-to", "2019-12-31")
    page.dispatch_event("#f-to", "change")
    starts = page.evaluate(
        "() => Array.from(document.querySelectorAll('li.ev')).filter(e => !e.hidden).map(e => e.dataset.start)"
    )
    assert starts and all("" < s <= "2019-12-31" for s in starts)
    assert problems == []
    page.close()


def test_a_marker_click_shows_its_event(browser: Any, page_file: Path) -> None:
    page, problems, _ = open_page(browser, page_file)
    row = page.locator("li.ev:has(button.onmap)").first
    event_id = row.get_attribute("data-id")
    summary = row.locator(".sum").inner_text()
    page.fill("#f-text", event_id)  # the text filter: one event left, so its marker stands alone
    assert visible_rows(page) == 1 and markers_drawn(page) == 1
    page.click(".ev-marker")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5_000)
    assert summary in popup.inner_text()
    assert "sel" in (page.get_attribute(f"#ev-{event_id}", "class") or "")
    assert page.inner_text("#selected") == summary
    assert problems == []
    page.close()


def test_a_narrow_screen_needs_no_sideways_scrolling(browser: Any, page_file: Path) -> None:
    page, problems, _ = open_page(browser, page_file, width=380)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 380 + 1
    assert problems == []
    page.close()
