from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx
import pytest

from kg.view import FONT_FACE, RELATION_LABELS, STYLE, TYPE_LABELS, to_html

XSS = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def _graph(name: str = "机构") -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("a", type="Organization", subtype="Agency", name=name, aliases=("别名", IMG), docs=("d1",), code="")
    graph.add_node("b", type="Region", subtype="Province", name="江西省", aliases=(), docs=(), code="360000")
    graph.add_node("c", type="Person", subtype="", name="张三", aliases=(), docs=("d1",), code="")
    graph.add_edge("a", "b", key="locatedIn", evidence=(("d1", f"句子{IMG}&amp;"),), roles=())
    graph.add_edge("c", "a", key="affiliatedWith", evidence=(("d1", "张三任局长。"),), roles=("局长",))
    return graph


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="dgkg-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)


def _inline_scripts(page: str) -> list[str]:
    return re.findall(r"<script>(.*?)</script>", page, re.S)


def test_page_is_self_contained():
    page = to_html(_graph())
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page.split("<title>")[0]
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", page, re.I)
    assert "<link" not in page and "@import" not in page and "bootstrap" not in page.lower()
    assert set(re.findall(r"url\(\s*[\"']?(\w+):", page)) <= {"data"}
    assert "vis.Network" in page  # vis-network is inlined, from pyvis's bundle


def test_csp_runs_only_the_pages_own_scripts():
    page = to_html(_graph())
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1).replace("&#39;", "'")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    hashes = re.findall(r"'sha256-([^']+)'", csp)
    scripts = _inline_scripts(page)
    assert len(scripts) == 2
    assert hashes == [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts]


def test_one_vis_node_per_graph_node_with_type_styles():
    data = _data(to_html(_graph()))
    assert sorted(n["id"] for n in data["nodes"]) == ["a", "b", "c"]
    groups = data["options"]["groups"]
    for node in data["nodes"]:
        colour, shape = STYLE[node["type"]]
        assert node["group"] == node["type"] and node["shape"] == shape
        assert groups[node["type"]]["color"]["background"] == colour
    assert [t["name"] for t in data["types"]] == ["Organization", "Person", "Region"]
    assert {t["name"]: t["count"] for t in data["types"]} == {"Organization": 1, "Person": 1, "Region": 1}


def test_size_grows_with_degree_and_edges_are_labelled_by_relation():
    graph = _graph()
    for i in range(5):
        graph.add_node(f"r{i}", type="Region", subtype="", name=f"地区{i}", aliases=(), docs=(), code="")
        graph.add_edge("a", f"r{i}", key="locatedIn", evidence=(), roles=())
    data = _data(to_html(graph))
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert size["a"] > size["b"] > size["r0"] - 1e-9 and size["c"] == size["r0"]
    assert {e["label"] for e in data["edges"]} == {"locatedIn", "affiliatedWith"}
    assert all(e["label"] == e["relation"] for e in data["edges"])
    assert [r["name"] for r in data["relations"]] == ["affiliatedWith", "locatedIn"]


def test_only_connected_entities_take_part_in_the_physics():
    graph = _graph()
    graph.add_node("d", type="Policy", subtype="", name="一网通办", aliases=(), docs=(), code="")
    physics = {n["id"]: n["physics"] for n in _data(to_html(graph))["nodes"]}
    assert physics == {"a": True, "b": True, "c": True, "d": False}


def test_panel_details_are_in_the_data():
    data = _data(to_html(_graph()))
    node = next(n for n in data["nodes"] if n["id"] == "a")
    assert (node["name"], node["aliases"], node["docs"], node["subtype"]) == ("机构", ["别名", IMG], ["d1"], "Agency")
    assert next(n for n in data["nodes"] if n["id"] == "b")["code"] == "360000"
    edge = next(e for e in data["edges"] if e["relation"] == "affiliatedWith")
    assert (edge["from"], edge["to"], edge["roles"], edge["evidence"]) == ("c", "a", ["局长"], [["d1", "张三任局长。"]])


def test_document_text_cannot_become_markup():
    graph = _graph(XSS)
    page = to_html(graph)
    assert XSS not in page and IMG not in page and "onerror=alert(1)>" not in page
    block = re.search(r'id="dgkg-data">(.*?)</script>', page, re.S).group(1)
    assert not set("<>&") & set(block)
    data = _data(page)  # and the JSON gives the text back unchanged
    assert next(n for n in data["nodes"] if n["id"] == "a")["name"] == XSS
    assert next(e for e in data["edges"] if e["relation"] == "locatedIn")["evidence"] == [["d1", f"句子{IMG}&amp;"]]


def test_page_script_writes_text_only():
    script = _inline_scripts(to_html(_graph()))[1]
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "document.write" not in script
    assert "eval(" not in script and "new Function" not in script


def test_chinese_fonts_and_bounded_physics():
    options = _data(to_html(_graph()))["options"]
    for family in ('"Noto Sans CJK SC"', '"Microsoft YaHei"', '"PingFang SC"', "sans-serif"):
        assert family in FONT_FACE
    assert options["nodes"]["font"]["face"] == options["edges"]["font"]["face"] == FONT_FACE
    assert options["physics"]["stabilization"]["enabled"] is True
    assert 0 < options["physics"]["stabilization"]["iterations"] <= 400


def test_large_graphs_get_a_cheaper_layout():
    graph = nx.MultiDiGraph()
    for i in range(2000):
        graph.add_node(f"n{i}", type="Region", subtype="", name=f"地区{i}", aliases=(), docs=(), code="")
    for i in range(1, 2000):
        graph.add_edge(f"n{i}", f"n{i // 3}", key="partOf", evidence=(), roles=())
    data = _data(to_html(graph))
    assert len(data["nodes"]) == 2000 and len(data["edges"]) == 1999
    assert data["options"]["layout"]["improvedLayout"] is False
    assert data["options"]["physics"]["stabilization"]["iterations"] <= 150
    assert data["options"]["interaction"]["hideEdgesOnDrag"] is True


def test_long_names_are_shortened_on_the_canvas_only():
    name = "《关于加快推进政务服务标准化规范化便利化的指导意见》"
    data = _data(to_html(_graph(name)))
    node = next(n for n in data["nodes"] if n["id"] == "a")
    assert node["label"].endswith("…") and len(node["label"]) < len(name) and node["name"] == name


def test_unknown_type_gets_a_neutral_style():
    graph = _graph()
    graph.add_node("x", type="Event", subtype="", name="会议", aliases=(), docs=(), code="")
    data = _data(to_html(graph))
    assert data["options"]["groups"]["Event"]["color"]["background"] == "#9e9e9e"
    assert {"name": "Event", "label": "Event", "color": "#9e9e9e", "shape": "dot", "count": 1} in data["types"]


def test_output_is_deterministic():
    graph = _graph()
    reversed_graph = nx.MultiDiGraph()
    reversed_graph.add_nodes_from(reversed(list(graph.nodes(data=True))))
    reversed_graph.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    assert to_html(graph) == to_html(reversed_graph)


def test_empty_graph():
    data = _data(to_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == [] and data["types"] == []


@pytest.mark.parametrize(("table", "kind"), [(TYPE_LABELS, "class"), (RELATION_LABELS, "property")])
def test_chinese_labels_are_the_ontologys(table, kind):
    from rdflib import Graph, Literal, Namespace
    from rdflib.namespace import RDFS

    from kg.ontology import ONTOLOGY_DIR

    dgo = Namespace("https://w3id.org/dgkg/ontology#")
    rdf = Graph().parse(ONTOLOGY_DIR / "dgo.ttl")
    for name, label in table.items():
        assert Literal(label, lang="zh") in set(rdf.objects(dgo[name], RDFS.label)), name


def test_vis_network_is_inlined_from_pyvis_without_importing_it():
    # importing pyvis imports IPython and Jinja2's environment: 0.2 s of every build, for two files
    import subprocess
    import sys

    code = ("import sys; from kg.view import _assets; a = _assets(); "
            "print(len(a['vis_js']), len(a['vis_css']), 'pyvis' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) > 100_000 and int(out[1]) > 10_000 and out[2] == "False"
