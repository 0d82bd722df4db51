"""The dashboard (``flashpoint.server.dashboard``): its pages, scripts and shapes over HTTP, then a real browser.

The fast tests ask the app for each page, the country shapes and plotly.js. The browser tests start a real
``flashpoint serve`` on the hand-built store of ``handbuilt.py`` and drive Chromium with Playwright. The browser is
Debian's (``.ci/run`` installs the ``chromium`` package and passes its path as ``FLASHPOINT_CHROMIUM``; Playwright
downloads none), and every request it makes to anything but the server is refused and recorded: a page that needs
the internet fails here. Each browser test saves a screenshot under ``FLASHPOINT_SCREENSHOTS`` (default
``build/screenshots``), for a person to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.server import create_app
from flashpoint.server.dashboard import POLICY
from flashpoint.store import Store
from handbuilt import articles

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = Path(os.environ.get("FLASHPOINT_SCREENSHOTS") or ROOT / "build" / "screenshots")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("dashboard") / "events.duckdb"
    with Store.open(path) as store:
        store.add_batch(articles(), coder="test/1")
    return str(path)


@pytest.fixture(scope="module")
def client(db) -> TestClient:
    return TestClient(create_app(db=db, token=None))


# ------------------------------------------------------------------------------------------------ over HTTP


@pytest.mark.parametrize("path, script", [("/", "map.js"), ("/events", "events.js"), ("/events/a1e0", "event.js"),
                                          ("/crisis", "crisis.js"), ("/crisis?a=PAK&b=IRN", "crisis.js")])
def test_each_page_is_html_that_loads_only_this_servers_scripts(client, path, script):
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == POLICY
    assert "default-src 'self'" in POLICY and "http" not in POLICY
    sources = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert f"/static/{script}" in sources
    for source in sources:  # nothing from another host
        assert source.startswith("/") or source.startswith("data:"), source
        if source.startswith("/"):
            assert client.get(source).status_code == 200, source


def test_country_shapes_come_from_the_installed_package(client):
    response = client.get("/api/countries")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    shapes = body["countries"]
    assert shapes["type"] == "FeatureCollection"
    codes = {f["properties"]["iso_a3"] for f in shapes["features"]}
    assert {"PAK", "IRN", "KEN", "EGY", "USA", "BRA", "AUS"} <= codes and len(shapes["features"]) >= 170

    def points(coordinates):
        if coordinates and isinstance(coordinates[0], (int, float)):
            yield coordinates
        else:
            for part in coordinates:
                yield from points(part)

    iran = next(f for f in shapes["features"] if f["properties"]["iso_a3"] == "IRN")
    lons, lats = zip(*points(iran["geometry"]["coordinates"]))
    assert 43 < min(lons) < 46 and 62 < max(lons) < 64 and 24 < min(lats) < 27 and 39 < max(lats) < 40.5
    for feature in shapes["features"]:
        for lon, lat in points(feature["geometry"]["coordinates"]):
            assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_plotly_is_served_from_the_installed_package(client):
    response = client.get("/vendor/plotly.min.js")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/javascript")
    assert "plotly.js v" in response.text[:300] and len(response.content) > 1_000_000


def test_a_missing_file_is_the_apis_one_error(client):
    response = client.get("/static/nothing.js")
    assert response.status_code == 404
    body = response.json()
    assert body["ok"] is False and body["status"] == 404 and body["error"]["code"] == "E105"


# ------------------------------------------------------------------------------------------------ in a browser


def _chromium() -> str | None:
    given = os.environ.get("FLASHPOINT_CHROMIUM")
    if given:
        return given
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def server(db):
    """A real ``flashpoint serve`` on a free loopback port; its base address."""
    exe = Path(sys.executable).with_name("flashpoint")
    process = subprocess.Popen([str(exe), "serve", "--db", db, "--port", "0"], stderr=subprocess.PIPE,
                               stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.monotonic() + 20
        line = ""
        while "serving" not in line:
            assert time.monotonic() < deadline and process.poll() is None, line
            line = process.stderr.readline()
        base = re.search(r"at (http://127\.0\.0\.1:\d+)/", line).group(1)
        while True:  # uvicorn listens on the bound socket a moment after the line
            try:
                urllib.request.urlopen(base + "/api/events", timeout=5).close()
                break
            except OSError:
                assert time.monotonic() < deadline
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stderr.close()


def _wait(page, expression: str, *, timeout: float = 15.0) -> None:
    """Until ``expression`` is true in the page. Playwright's wait_for_function evaluates its predicate with
    ``new Function``, which the pages' Content-Security-Policy forbids (as it should); page.evaluate is not."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        page.wait_for_timeout(50)


def _get(base: str, path: str, **params) -> dict:
    query = urllib.parse.urlencode(params)
    with urllib.request.urlopen(f"{base}{path}" + (f"?{query}" if query else ""), timeout=10) as answer:
        return json.loads(answer.read())


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("no Chromium: .ci/run installs Debian's chromium package and sets FLASHPOINT_CHROMIUM")
        pytest.skip("no Chromium here (apt-get install chromium, or set FLASHPOINT_CHROMIUM)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # the host resolver refuses every name, so nothing but 127.0.0.1 can be reached even past the route below
        launched = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server, request):
    """A fresh page whose requests may reach the server only; others are aborted and recorded. After the test:
    a screenshot, and no refused request, console error or script error."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    refused, problems = [], []

    def gate(route):
        if route.request.url.startswith(server + "/") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", gate)
    tab = context.new_page()
    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    failed = []  # (path, status) of every answer over 399: a test names those it asks for in tab.may_fail
    tab.on("response", lambda answer: failed.append((urllib.parse.urlsplit(answer.url).path, answer.status))
           if answer.status >= 400 else None)
    # the console's line for a failed request is the answer above, checked there
    tab.on("console", lambda message: problems.append(f"console: {message.text}") if message.type == "error"
           and not message.text.startswith("Failed to load resource") else None)
    tab.base = server
    tab.may_fail = set()
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert refused == [], refused
    assert problems == [], problems
    assert [f for f in failed if f[0] not in tab.may_fail] == [], failed


@pytest.mark.slow
def test_the_map_shows_every_located_event(page):
    events = _get(page.base, "/api/events", limit=500)["events"]
    located = [e for e in events if e["location"] and e["location"]["lat"] is not None]
    assert located and len(located) < len(events)  # the undated call has no place: it is not drawn
    page.goto(page.base + "/")
    page.wait_for_selector("#map[data-state=drawn]")
    box = page.locator("#map")
    assert int(box.get_attribute("data-events")) == len(located)
    markers = int(box.get_attribute("data-points")) + int(box.get_attribute("data-clusters"))
    assert 0 < markers <= len(located)
    assert page.locator("#map .scatterlayer .point").count() >= markers  # drawn in the SVG, not only counted
    assert page.locator("#map .scatterlayer path.js-fill").count() >= 1  # the country shapes
    assert f"{len(located)} of {len(events)} matching event(s)" in page.locator("#summary").inner_text()
    page.wait_for_selector("#alerts[data-state=loaded]")
    assert "escalation PAK->IRN" in page.locator("#alerts").inner_text()
    # a filter narrows the map: Nairobi's protest alone
    page.fill("#filters input[name=event]", "protest")
    page.click("#filters button[type=submit]")
    _wait(page, "document.querySelector('#map').dataset.events === '1'")
    assert page.url.endswith("/?event=protest")


@pytest.mark.slow
def test_clusters_follow_the_zoom(page):
    page.goto(page.base + "/")
    page.wait_for_selector("#map[data-state=drawn]")
    box = page.locator("#map")
    at_world = {name: int(box.get_attribute(f"data-{name}")) for name in ("points", "clusters", "events")}
    # at world zoom the strikes in Sistan and Baluchestan (3) and in Balochistan (2) are two clusters, Cairo's
    # talks and Nairobi's protest two points; zoomed out, the two clusters share one cell
    assert at_world == {"points": 2, "clusters": 2, "events": 7}
    page.evaluate("Plotly.relayout('map', {'xaxis.range': [-540, 540]})")
    _wait(page, "document.querySelector('#map').dataset.clusters === '1'")
    assert box.get_attribute("data-points") == "2" and box.get_attribute("data-events") == "7"
    page.evaluate("Plotly.relayout('map', {'xaxis.range': [-180, 180]})")
    _wait(page, "document.querySelector('#map').dataset.clusters === '2'")
    # a cluster whose events share one spot cannot be split by zooming: a click lists them in the table
    marker = page.locator("#map .scatterlayer .trace").last.locator(".point").first
    marker.click(force=True)
    page.wait_for_url(re.compile(r"/events\?admin1=(IR-11|PK-BA)$"))
    page.wait_for_selector("#events[data-state=loaded]")
    assert page.locator("#events tbody tr").count() in (2, 3)


@pytest.mark.slow
def test_a_filter_changes_the_table(page):
    total = _get(page.base, "/api/events")["total"]
    page.goto(page.base + "/events")
    page.wait_for_selector("#events[data-state=loaded]")
    assert page.locator("#events tbody tr").count() == total
    page.fill("#filters input[name=actor]", "Pakistan")
    page.fill("#filters input[name=event]", "attack")
    page.click("#filters button[type=submit]")
    expected = {e["id"] for e in _get(page.base, "/api/events", actor="Pakistan", event="attack")["events"]}
    _wait(page, f"document.querySelectorAll('#events tbody tr').length === {len(expected)}")
    assert {page.locator("#events tbody tr").nth(i).get_attribute("data-id") for i in range(len(expected))} == expected
    assert "actor PAK" in page.locator("#summary").inner_text() and "event ASSAULT" in page.locator(
        "#summary").inner_text()
    assert "actor=Pakistan" in page.url and "event=attack" in page.url
    # the text filter, then a name that is nothing: the API's message, in the page
    page.fill("#filters input[name=event]", "")
    page.fill("#filters input[name=text]", "border posts")
    page.click("#filters button[type=submit]")
    _wait(page, "document.querySelectorAll('#events tbody tr').length === 1")
    assert "border posts" in page.locator("#events tbody").inner_text()
    page.may_fail.add("/api/events")  # 400: the name is nothing
    page.fill("#filters input[name=actor]", "Atlantis")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("#events[data-state=error]")
    assert "Atlantis" in page.locator("#error").inner_text()
    assert page.locator("#events tbody tr").count() == 0


@pytest.mark.slow
def test_the_event_page_marks_the_evidence(page):
    record = _get(page.base, "/api/events/a1e0")["event"]
    page.goto(page.base + "/events/a1e0")
    page.wait_for_selector("#page[data-state=loaded]")
    quotes = page.locator("blockquote.evidence")
    assert quotes.count() == len(record["evidence"]) >= 2  # the report of Dawn, and Tasnim's mention of it
    first = quotes.first
    assert first.locator("mark.trigger").inner_text() == "struck"
    assert first.locator("mark.place").inner_text() == "Sistan and Baluchestan"
    assert first.locator("mark.actor").count() == 0  # its actor's text (PAKMIL) is not in the sentence
    assert first.inner_text().replace("\n", " ").strip() == record["evidence"][0]["sentence"].strip()
    assert "Report a1" in page.locator("#articles").inner_text()
    links = page.locator("#links li.link")
    assert links.count() == len(record["links"]) >= 1
    assert "answered by" in links.first.inner_text()
    links.first.locator("a").click()  # the answer's page
    page.wait_for_url(re.compile(r"/events/a2e1$"))
    page.wait_for_selector("#page[data-state=loaded]")
    assert page.locator("blockquote.evidence mark.trigger").first.inner_text() == "hit"
    page.goto(page.base + "/events/a9e0")  # the talks in Cairo: a recipient named in the sentence
    page.wait_for_selector("#page[data-state=loaded]")
    quote = page.locator("blockquote.evidence").first
    assert [quote.locator(f"mark.{kind}").all_inner_texts() for kind in ("trigger", "recipient", "place")] == [
        ["met"], ["Hamas"], ["Cairo"]]
    page.may_fail.add("/api/events/nothing-here")  # 404
    page.goto(page.base + "/events/nothing-here")
    page.wait_for_selector("#page[data-state=error]")
    assert "no event with this id" in page.locator("#error").inner_text()


@pytest.mark.slow
def test_the_crisis_view_draws_both_directions_and_the_chain(page):
    report = _get(page.base, "/api/dyads/PAK/IRN/series", by="week")["dyad"]
    page.goto(page.base + "/crisis?a=Pakistan&b=Iran&by=week")
    page.wait_for_selector("#page[data-state=drawn]")
    assert json.loads(page.locator("#series").get_attribute("data-directions")) == ["PAK->IRN", "IRN->PAK"]
    legend = page.locator("#series .legendtext").all_text_contents()
    assert "PAK → IRN conflict" in legend and "IRN → PAK conflict" in legend
    drawn = page.evaluate("Object.fromEntries(document.getElementById('series').data.map("
                          "t => [t.name, t.y.reduce((a, b) => a + b, 0)]))")
    conflict = {d: sum(p["conflict"] for p in report["series"][d]) for d in ("PAK->IRN", "IRN->PAK")}
    assert drawn["PAK → IRN conflict"] == conflict["PAK->IRN"] > 0
    assert drawn["IRN → PAK conflict"] == conflict["IRN->PAK"] > 0
    assert set(drawn) == {"PAK → IRN conflict", "PAK → IRN cooperation", "IRN → PAK conflict",
                          "IRN → PAK cooperation"}
    assert int(page.locator("#timeline").get_attribute("data-links")) == len(report["links"]) >= 1
    assert page.locator("#timeline .annotation-arrow-g").count() >= len(report["links"])
    assert page.locator("#alerts li").count() == len(report["alerts"]) >= 1  # the onset, shaded on the chart
    assert "escalation PAK → IRN" in page.locator("#alerts").inner_text()
    assert page.evaluate("document.getElementById('series').layout.shapes.length") == len(report["alerts"])
    assert page.locator("#events tbody tr").count() == len(report["events"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "crisis_view_before_the_brush.png"), full_page=True)
    # the brush: a range on the first chart narrows the list to the events in it
    days = sorted(e["date"] for e in report["events"])
    first, last = days[0], days[len(days) // 2]
    inside = sum(first <= day <= last for day in days)
    assert 0 < inside < len(days)
    page.evaluate(f"Plotly.relayout('series', {{'xaxis.range': ['{first}', '{last} 23:59']}})")
    _wait(page, f"document.querySelector('#events').dataset.rows === '{inside}'")
    assert page.locator("#range").inner_text().startswith(first)
    timeline_range = page.evaluate("document.getElementById('timeline')._fullLayout.xaxis.range")
    assert timeline_range[0].startswith(first) and timeline_range[1].startswith(last)
