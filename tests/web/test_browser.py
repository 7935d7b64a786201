"""Click through the web UI in headless chromium: document evidence, timeline, graph, map,
contested claims, search, and the XSS document. Each test saves a screenshot.

Every page fixture fails the test on a JavaScript error, a CSP violation (reported on the console)
or an alert() dialog, so these tests also check that the pages need no inline script and that
no article text is ever executed.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def shot(page, screenshots, name: str) -> None:
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)


def test_overview(page, live_server, screenshots):
    page.goto(live_server.url + "/")
    assert page.locator(".stat").count() == 6
    assert page.locator("ol.doclist li").count() == 3
    shot(page, screenshots, "01_overview")


def test_document_click_event_lights_its_sentence(page, live_server, screenshots):
    page.goto(live_server.url + "/documents/jets-dispute")
    assert page.locator("#doc-title").inner_text() == "Pakistan says it shot down Indian jets; India denies"
    assert page.locator(".sent.lit").count() == 0

    page.click('button.rec[data-id="jets-dispute:e1"]')
    lit = page.locator(".sent.lit")
    assert lit.count() == 1
    assert lit.first.get_attribute("id") == "s-0"
    spans = page.locator("#s-0 .seg.lit-span")
    assert "".join(spans.all_inner_texts()) == "shot down"
    assert page.get_attribute('button.rec[data-id="jets-dispute:e1"]', "aria-pressed") == "true"
    assert "ASSAULT" in page.inner_text("#record-detail")
    assert page.evaluate("location.hash") == "#r=" + "jets-dispute%3Ae1"
    shot(page, screenshots, "02_document_event")

    # a claim moves the light to its own sentence
    page.click('button.rec[data-id="jets-dispute:c2"]')
    assert [e.get_attribute("id") for e in page.locator(".sent.lit").all()] == ["s-1"]
    assert "".join(page.locator("#s-1 .seg.lit-span").all_inner_texts()) == \
        "any Indian fighter jets were shot down over Kashmir"
    assert page.get_attribute('button.rec[data-id="jets-dispute:e1"]', "aria-pressed") == "false"
    shot(page, screenshots, "03_document_claim")

    # clicking a sentence shows the records that stand on it
    page.click("#s-2")
    assert "related" in page.get_attribute('button.rec[data-id="jets-dispute:e2"]', "class")
    assert "Sentence 2: 1 record" in page.inner_text("#record-detail")


def test_document_link_to_record_highlights_on_load(page, live_server):
    page.goto(live_server.url + "/documents/aid-and-jets#r=aid-and-jets%3At1")
    assert page.get_attribute('button.rec[data-id="aid-and-jets:t1"]', "aria-pressed") == "true"
    assert "".join(page.locator("#s-0 .seg.lit-span").all_inner_texts()) == "delivered 20 J-10C fighter jets"


def test_timeline(page, live_server, screenshots):
    page.goto(live_server.url + "/timeline")
    entries = page.locator(".tl-entry")
    assert entries.count() == 5
    dates = [t.split("*")[0] for t in page.locator(".tl-entry time").all_inner_texts()]
    assert dates == sorted(dates)
    bars = page.locator("#timeline-chart g.bar[data-month='2025-05']")
    assert bars.count() == 1
    bars.first.click()
    visible = [e for e in entries.all() if e.is_visible()]
    assert len(visible) == 2 and all(e.get_attribute("data-month") == "2025-05" for e in visible)
    shot(page, screenshots, "04_timeline")

    page.goto(live_server.url + "/timeline?actor=PAK&actor2=IND")
    assert page.locator(".tl-entry").count() == 2


def test_graph(page, live_server, screenshots):
    page.goto(live_server.url + "/graph")
    nodes = page.locator("#graph g.node")
    assert nodes.count() >= 5
    assert page.locator("#graph path.edge").count() >= 4
    page.locator('#graph g.node[data-id="PAK"]').click()
    detail = page.inner_text("#graph-detail")
    assert "Pakistan" in detail and "India" in detail
    assert "on" in page.get_attribute('#graph g.node[data-id="IND"]', "class")
    shot(page, screenshots, "05_graph")

    # an edge shows its event types and transfers
    page.locator("#graph-detail button.linkish", has_text="China → Pakistan").click()
    detail = page.inner_text("#graph-detail")
    assert "AID: 1" in detail and "J-10C" in detail


def test_map(page, live_server, screenshots):
    page.goto(live_server.url + "/map")
    page.wait_for_selector("#map.ready")
    assert page.locator("#map path.country").count() > 150  # the bundled outlines drew
    assert page.locator("#map path.country.level-0").count() < page.locator("#map path.country").count()
    assert page.locator("#map g.place").count() == 3
    shot(page, screenshots, "06_map_world")
    # Kashmir and Islamabad overlap at world scale: zoom in with the wheel, then click
    kashmir = page.locator("#map g.place", has_text="Kashmir").locator("circle")
    box = kashmir.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(6):
        page.mouse.wheel(0, -200)
        page.wait_for_timeout(50)
    kashmir.click()
    detail = page.inner_text("#map-detail")
    assert "Kashmir" in detail and "disputed" in detail
    assert "Pakistan says it shot down Indian jets" in detail
    shot(page, screenshots, "06_map_zoomed")


def test_contested_claims_board(page, live_server, screenshots):
    page.goto(live_server.url + "/contested")
    contests = page.locator("section.contest")
    assert contests.count() == 1
    assert "Pakistan Army" in contests.first.locator(".side-assert").inner_text()
    assert "Ministry of Defence" in contests.first.locator(".side-deny").inner_text()
    shot(page, screenshots, "07_contested")
    # the source link opens the document with the claim lit
    contests.first.locator(".side-deny a.doclink").first.click()
    page.wait_for_url("**/documents/jets-dispute*")
    assert page.get_attribute('button.rec[data-id="jets-dispute:c2"]', "aria-pressed") == "true"
    assert [e.get_attribute("id") for e in page.locator(".sent.lit").all()] == ["s-1"]


def test_search(page, live_server, screenshots):
    page.goto(live_server.url + "/")
    page.fill(".quicksearch input", "fighter jets")
    page.press(".quicksearch input", "Enter")
    page.wait_for_url("**/search?q=fighter+jets*")
    results = page.locator("#results ol.results").first.locator("li")
    assert results.count() == 2
    assert page.locator(".snippet mark").count() >= 2
    shot(page, screenshots, "08_search")


def test_records_tables_sort_and_filter(page, live_server, screenshots):
    page.goto(live_server.url + "/transfers")
    assert page.locator("table.records tbody tr").count() == 2
    page.click("table.records th a:has-text('System')")
    systems = page.locator("table.records tbody tr td:nth-child(3)").all_inner_texts()
    assert systems[0].startswith("HIMARS")
    page.goto(live_server.url + "/events")
    page.select_option("select[name=quad]", "material_conflict")
    page.click("form.filters button")
    assert page.locator("table.records tbody tr").count() == 3
    shot(page, screenshots, "09_events")


def test_hostile_markup_is_shown_as_text(page, live_server, screenshots):
    for path in ("/documents/xss-doc", "/", "/documents", "/claims", "/events", "/search?q=script",
                 "/map", "/places", "/timeline", "/graph", "/contested"):
        page.goto(live_server.url + path)
        assert page.locator("main script").count() == 0, path
        assert page.locator("main img").count() == 0, path
    page.goto(live_server.url + "/documents/xss-doc")
    assert page.inner_text("#doc-title") == "<script>alert(1)</script>"
    assert "<img src=x onerror=alert(2)>" in page.inner_text("#doc-text")
    assert page.locator('a[href^="javascript:"]').count() == 0
    page.click('button.rec[data-kind="claims"]')
    assert "<script>alert(3)</script>" in page.inner_text("#record-detail")
    page.locator("summary", has_text="Places").click()
    page.click('button.rec[data-kind="places"]')
    assert "Kharkiv <b>bold</b>" in page.inner_text("#record-detail")
    shot(page, screenshots, "10_xss_document")
    assert page.evaluate("document.title").startswith("<script>alert(1)</script>")
    # page.problems (checked by the fixture) holds any alert() dialog or script error


def test_tour_of_a_real_database(page, screenshots, live_server_class):
    """With ``SITREP_WEB_DB=path/to/sitrep.db``: every view over that database, with screenshots
    (``tour_*.png``), failing on any script error; every event of the first document is clicked
    and must light at least one sentence."""
    import os
    from pathlib import Path

    from sitrep.api import create_app

    db = os.environ.get("SITREP_WEB_DB")
    if not db:
        pytest.skip("set SITREP_WEB_DB to a database to tour it")
    with live_server_class(create_app(Path(db))) as server:
        for name, path in (("overview", "/"), ("documents", "/documents"), ("events", "/events"),
                           ("claims", "/claims"), ("transfers", "/transfers"), ("timeline", "/timeline"),
                           ("graph", "/graph"), ("map", "/map"), ("contested", "/contested"),
                           ("search", "/search?q=drones")):
            page.goto(server.url + path)
            if name == "map":
                page.wait_for_selector("#map.ready")
            shot(page, screenshots, f"tour_{name}")
        page.goto(server.url + "/documents")
        links = page.locator("table.records a.doclink")
        assert links.count() > 0
        links.first.click()
        buttons = page.locator('button.rec[data-kind="events"]')
        for i in range(buttons.count()):
            buttons.nth(i).click()
            assert page.locator(".sent.lit").count() >= 1
        if buttons.count():
            buttons.first.click()
        shot(page, screenshots, "tour_document")
