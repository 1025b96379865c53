"""The web chat page in a real headless Chromium (Debian's, driven by playwright; no browser download):
ask, see the map with the zones and the matched plants, the tables, then a follow-up on the thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.app.served import served
from tests.support import truth

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
COUNT_JS = """(i) => {
  const entry = window.planexecMaps[i];
  const out = {zones: 0, matched: 0, unmatched: 0, layers: 0};
  entry.layer.eachLayer((layer) => {
    out.layers += 1;
    const p = layer.feature.properties;
    if (p.entity_type === "heat_zone") out.zones += 1;
    if (p.entity_type === "solar_facility" && p.matched !== false) out.matched += 1;
    if (p.entity_type === "solar_facility" && p.matched === false) out.unmatched += 1;
  });
  return out;
}"""


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(tmp_path_factory.mktemp("web-home")) as (base, _):
        yield base


@pytest.fixture
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail("the browser test needs Debian's chromium (`bash .ci/run` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield launched
        launched.close()


def _open(browser: Any, base_url: str, locale: str, requested: list[str]) -> Any:
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 1400})
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "/")
    return page


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    requested: list[str] = []
    yield _open(browser, base_url, "en-US", requested)
    assert requested and all(url.startswith(base_url) for url in requested), "the page fetched off-site"


def _ask(page: Any, query: str, answers: int) -> Any:
    page.fill("#query", query)
    page.click("#send")
    page.wait_for_function(
        f"document.querySelectorAll('.answer')[{answers - 1}]?.dataset.state !== 'running'", timeout=180_000
    )
    answer = page.locator(".answer").nth(answers - 1)
    assert answer.get_attribute("data-state") == "done", answer.inner_text()[:2000]
    return answer


def test_ask_see_the_map_and_follow_up(page: Any, tmp_path: Path) -> None:
    expected_1km = truth.heat_proximity(1.0)
    expected_3km = truth.heat_proximity(3.0)
    zones = len(truth.zones("heat"))

    first = _ask(page, "solar facilities within 1 km of extreme heat zones in Brazil", 1)
    assert str(expected_1km.count) in first.inner_text()
    assert first.locator("table tbody tr").count() > 0
    counts = page.evaluate(COUNT_JS, 0)
    assert counts["matched"] == expected_1km.count
    assert counts["zones"] > 0 and counts["zones"] <= zones
    assert page.locator(".answer").nth(0).locator(".leaflet-interactive, canvas").count() > 0
    assert page.locator(".legend").first.inner_text().count("·") >= 2
    thread = page.evaluate("sessionStorage.getItem('planexec.thread')")
    assert thread
    page.screenshot(path=str(tmp_path / "web-page-1km.png"), full_page=True)

    second = _ask(page, "what about 3 km?", 2)
    assert str(expected_3km.count) in second.inner_text()
    assert page.evaluate(COUNT_JS, 1)["matched"] == expected_3km.count
    assert page.evaluate("sessionStorage.getItem('planexec.thread')") == thread
    shot = tmp_path / "web-page-followup.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000


def test_portuguese_by_browser_language_and_the_toggle(browser: Any, base_url: str) -> None:
    page = _open(browser, base_url, "pt-BR", [])
    assert page.inner_text("#send") == "Perguntar" and page.get_attribute("html", "lang") == "pt"
    page.click("#lang")
    assert page.inner_text("#send") == "Ask" and page.inner_text("#new") == "New conversation"


CELLS_JS = """(i) => {
  const entry = window.planexecMaps[i];
  const out = {points: 0, cells: 0, matchedInCells: 0, unmatchedInCells: 0, tooltips: 0};
  entry.layer.eachLayer((layer) => {
    const p = layer.feature.properties;
    if (p.entity_type === "solar_facility") out.points += 1;
    if (p.entity_type !== "solar_facility_cell") return;
    out.cells += 1;
    if (p.matched) out.matchedInCells += p.count; else out.unmatchedInCells += p.count;
    if (layer.getTooltip()) out.tooltips += 1;
  });
  out.legendCounts = entry.counts;
  return out;
}"""


def test_points_beyond_the_caps_are_drawn_as_labelled_cells(browser: Any, tmp_path_factory: Any) -> None:
    expected = truth.heat_proximity(1.0)
    total = len(truth.plants())
    caps = {"PLANEXEC_MAP_MAX_MATCHED": "20", "PLANEXEC_MAP_MAX_UNMATCHED": "50"}
    with served(tmp_path_factory.mktemp("web-cells"), **caps) as (base, _):
        page = _open(browser, base, "en-US", [])
        _ask(page, "solar facilities within 1 km of extreme heat zones in Brazil", 1)
        drawn = page.evaluate(CELLS_JS, 0)
        legend = page.locator(".legend").first.inner_text()
        shot = tmp_path_factory.mktemp("shots") / "web-page-cells.png"
        page.locator(".answer").nth(0).locator(".leaflet-container").first.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert drawn["points"] == 20 and drawn["cells"] == drawn["tooltips"] > 0
    assert drawn["matchedInCells"] == expected.count - 20
    assert drawn["unmatchedInCells"] == total - expected.count
    # the legend counts the points the cells stand for, labelled as cells, matched ones apart
    assert drawn["legendCounts"]["solar_facility_cell"] == expected.count - 20
    assert drawn["legendCounts"]["solar_facility_cell:unmatched"] == total - expected.count
    assert legend.count("count per cell") == 2 and "not matched, count per cell" in legend
