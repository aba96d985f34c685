"""The HTML view in a real headless browser: Debian's chromium driven by Playwright.

Each page is opened from a file:// URL with every request, failed request,
console message, page error and dialog recorded; a page that asks the network
for anything, logs an error or raises a dialog (an injected ``alert(1)``) fails.
The tests skip, with the reason, only when the browser is not installed:
``./run test`` installs it with apt-get and says why when it cannot.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pytest

from kg.view import to_html

CHROMIUM = os.environ.get("DGKG_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS_NAME = "<script>alert(1)</script>"
XSS_ALIAS = "<img src=x onerror=alert(1)>通"
XSS_DOC = '"><svg onload=alert(1)>'


def _skip_reason() -> str | None:
    if os.environ.get("DGKG_BROWSER_SKIP"):
        return os.environ["DGKG_BROWSER_SKIP"]
    if not Path(CHROMIUM).is_file():
        return f"chromium not found at {CHROMIUM} (./run test installs it with apt-get)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


@dataclass
class Opened:
    """A page and what it did: requests, failures, console errors, dialogs."""

    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        # a function, not a bare expression: the page's CSP forbids eval, which Playwright uses for strings
        return self.page.evaluate(expression, arg)

    def assert_clean(self) -> None:
        assert [u for u in self.requests if u != self.url and not u.startswith("data:")] == []
        assert self.failed == []
        assert self.errors == []
        assert self.dialogs == []


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM, headless=True,
            args=FLAGS, viewport={"width": 1400, "height": 900})
        yield context
        context.close()


@pytest.fixture
def open_graph(browser_context, tmp_path):
    """Open the view of a graph and wait until its layout has settled."""
    pages = []

    def open_(graph: nx.MultiDiGraph) -> Opened:
        path = tmp_path / "graph.html"
        path.write_text(to_html(graph), encoding="utf-8")
        page = browser_context.new_page()
        opened = Opened(page, path.as_uri())
        page.on("request", lambda req: opened.requests.append(req.url))
        page.on("requestfailed", lambda req: opened.failed.append(f"{req.url}: {req.failure}"))
        page.on("console", lambda msg: msg.type == "error" and opened.errors.append(msg.text))
        page.on("pageerror", lambda err: opened.errors.append(str(err)))
        page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
        pages.append(opened)
        page.goto(opened.url)
        page.wait_for_function("() => window.dgkgView && window.dgkgView.state.stabilized", timeout=60_000)
        return opened

    yield open_
    for opened in pages:
        opened.page.close()


@pytest.fixture(scope="module")
def fixture_graph(fixture_build) -> nx.MultiDiGraph:
    return fixture_build.graph


@pytest.fixture(scope="module")
def hostile_graph(tmp_path_factory, fixture_corpus) -> nx.MultiDiGraph:
    """The fixture corpus plus a document whose sentences and names carry markup and script."""
    from kg.pipeline import build

    corpus = tmp_path_factory.mktemp("hostile-corpus")
    for path in fixture_corpus.iterdir():
        shutil.copy(path, corpus)
    # entities, so ingest turns them into the characters < > that a page must not run
    (corpus / "x.txt").write_text(
        "标题：测试\n\n江西省上线“&lt;img src=x onerror=alert(1)&gt;通”平台，打通政务服务。\n"
        "“赣服通”服务江西省，&lt;script&gt;alert(1)&lt;/script&gt;与&lt;img src=x onerror=alert(1)&gt;同在一句。\n",
        encoding="utf-8")
    graph = build([corpus], out_dir=None).graph.copy()
    assert "region/360000" in graph  # 江西省, from the document above
    graph.add_node("platform/xss", type="Platform", subtype="", name=XSS_NAME, aliases=(XSS_ALIAS,),
                   docs=(XSS_DOC,), code="")
    graph.add_edge("platform/xss", "region/360000", key="servesRegion", roles=(XSS_ALIAS,),
                   evidence=((XSS_DOC, f"{XSS_NAME}与{XSS_ALIAS}服务江西省。"),))
    return graph


def _visible(opened: Opened) -> list[str]:
    return opened.js("() => dgkgView.nodes.get({filter: n => !n.hidden}).map(n => n.id)")


def _click_node(opened: Opened, node: str) -> None:
    """Centre ``node`` and click it with the mouse, as a user would."""
    opened.js("id => dgkgView.network.moveTo({position: dgkgView.network.getPositions([id])[id], scale: 1.5})", node)
    x, y = opened.js("""id => {
        const p = dgkgView.network.canvasToDOM(dgkgView.network.getPositions([id])[id]);
        const r = document.getElementById('network').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }""", node)
    opened.page.mouse.click(x, y)


def test_page_loads_offline_and_draws(open_graph, fixture_graph):
    opened = open_graph(fixture_graph)
    assert opened.requests == [opened.url]
    counts = opened.js("() => [dgkgView.nodes.length, dgkgView.edges.length]")
    assert counts == [fixture_graph.number_of_nodes(), fixture_graph.number_of_edges()]
    painted = opened.js("""() => {
        const canvas = document.querySelector('#network canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
        return n; }""")
    assert painted > 1000
    assert opened.js("() => dgkgView.network.physics.physicsEnabled") is False  # settled, then stopped
    opened.assert_clean()


def test_unconnected_entities_are_lined_up_under_the_graph(open_graph, fixture_graph):
    lone = sorted(n for n, degree in fixture_graph.degree() if degree == 0)
    assert lone, "the fixture corpus should have an entity without relations"
    opened = open_graph(fixture_graph)
    positions = opened.js("() => dgkgView.network.getPositions()")
    lowest_connected = max(p["y"] for n, p in positions.items() if n not in lone)
    assert all(positions[n]["y"] > lowest_connected for n in lone)
    opened.assert_clean()


def test_legend_lists_every_type_and_relation(open_graph, fixture_graph):
    opened = open_graph(fixture_graph)
    types = opened.js("() => [...document.querySelectorAll('#type-filter input')].map(i => i.value)")
    relations = opened.js("() => [...document.querySelectorAll('#relation-filter input')].map(i => i.value)")
    assert types == sorted({d["type"] for _, d in fixture_graph.nodes(data=True)})
    assert relations == sorted({k for _, _, k in fixture_graph.edges(keys=True)})
    opened.assert_clean()


def test_search_by_alias_selects_and_focuses_the_node(open_graph, fixture_graph):
    node, data = next((n, d) for n, d in sorted(fixture_graph.nodes(data=True)) if d["aliases"])
    alias = data["aliases"][0]
    opened = open_graph(fixture_graph)
    opened.page.fill("#search", alias)
    assert opened.page.locator("#search-results button").first.inner_text().startswith(data["name"])
    opened.page.press("#search", "Enter")
    assert opened.js("() => dgkgView.network.getSelectedNodes()") == [node]
    assert opened.page.locator("#panel h2").inner_text() == data["name"]
    opened.page.wait_for_function("""id => {
        const p = dgkgView.network.getPositions([id])[id], v = dgkgView.network.getViewPosition();
        return Math.hypot(p.x - v.x, p.y - v.y) < 1; }""", arg=node, timeout=5_000)
    # a substring of an alias finds the node too
    assert node in opened.js("q => dgkgView.search(q).map(h => h.node.id)", alias[1:])
    opened.assert_clean()


def test_type_filter_hides_that_type_and_never_everything(open_graph, fixture_graph):
    opened = open_graph(fixture_graph)
    types = sorted({d["type"] for _, d in fixture_graph.nodes(data=True)})
    first = types[0]
    opened.page.uncheck(f'#type-filter input[value="{first}"]')
    visible = set(_visible(opened))
    assert visible == {n for n, d in fixture_graph.nodes(data=True) if d["type"] != first}
    hidden_edges = set(opened.js("() => dgkgView.edges.get({filter: e => e.hidden}).map(e => e.from + ' ' + e.to)"))
    assert hidden_edges == {f"{h} {t}" for h, t in fixture_graph.edges()
                            if first in (fixture_graph.nodes[h]["type"], fixture_graph.nodes[t]["type"])}
    for type_ in types[1:]:
        opened.page.locator(f'#type-filter input[value="{type_}"]').click()
    assert len(_visible(opened)) > 0
    assert opened.page.locator(f'#type-filter input[value="{types[-1]}"]').is_checked()
    assert "至少保留" in opened.page.locator("#status").inner_text()
    opened.page.check(f'#type-filter input[value="{first}"]')
    assert {n for n, d in fixture_graph.nodes(data=True) if d["type"] in (first, types[-1])} == set(_visible(opened))
    opened.assert_clean()


def test_relation_filter_hides_edges_only(open_graph, fixture_graph):
    opened = open_graph(fixture_graph)
    for box in opened.page.locator("#relation-filter input").all():
        box.uncheck()
    assert opened.js("() => dgkgView.edges.get({filter: e => !e.hidden}).length") == 0
    assert len(_visible(opened)) == fixture_graph.number_of_nodes()
    opened.assert_clean()


def test_clicking_a_node_shows_aliases_documents_and_evidence(open_graph, fixture_graph):
    node, data = max(((n, d) for n, d in fixture_graph.nodes(data=True) if d["aliases"]),
                     key=lambda nd: (fixture_graph.degree(nd[0]), nd[0]))
    opened = open_graph(fixture_graph)
    _click_node(opened, node)
    panel = opened.page.locator("#panel")
    assert panel.locator("h2").inner_text() == data["name"]
    text = panel.inner_text()
    for value in (*data["aliases"], *data["docs"]):
        assert value in text
    for _, _, edge in [*fixture_graph.out_edges(node, data=True), *fixture_graph.in_edges(node, data=True)]:
        for doc, sentence in edge["evidence"]:
            assert doc in text and sentence in text
        for role in edge["roles"]:
            assert role in text
    opened.assert_clean()


def test_markup_in_documents_stays_text(open_graph, hostile_graph):
    opened = open_graph(hostile_graph)
    assert opened.js("() => dgkgView.nodes.length") == hostile_graph.number_of_nodes()
    opened.page.fill("#search", "<img src")
    opened.page.press("#search", "Enter")
    assert opened.js("() => dgkgView.network.getSelectedNodes()") == ["platform/xss"]
    _click_node(opened, "platform/xss")
    panel = opened.page.locator("#panel")
    assert panel.locator("h2").inner_text() == XSS_NAME
    text = panel.inner_text()
    assert XSS_ALIAS in text and XSS_DOC in text and f"{XSS_NAME}与{XSS_ALIAS}服务江西省。" in text
    _click_node(opened, "region/360000")
    assert "<script>alert(1)</script>与<img src=x onerror=alert(1)>同在一句。" in panel.inner_text()
    # nothing from the data became an element: the page's own three scripts, no img or svg anywhere
    assert opened.js("() => document.scripts.length") == 3
    assert opened.js("() => document.querySelectorAll('img, svg, iframe, object').length") == 0
    opened.page.wait_for_timeout(200)  # an onerror handler would have fired by now
    opened.assert_clean()


def test_empty_graph_opens_without_errors(browser_context, tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(to_html(nx.MultiDiGraph()), encoding="utf-8")
    page = browser_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(path.as_uri())
    assert page.locator("#summary").inner_text() == "0 个实体 · 0 条关系"
    assert errors == []
    page.close()

