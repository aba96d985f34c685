from __future__ import annotations

import json
import re

import networkx as nx

from kg.view import to_html


def _graph(name: str) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("a", type="Organization", subtype="Agency", name=name, aliases=("别名",), docs=("d1",), code="")
    graph.add_node("b", type="Region", subtype="Province", name="江西省", aliases=(), docs=(), code="360000")
    graph.add_edge("a", "b", key="locatedIn", evidence=(("d1", "句子<img src=x onerror=alert(1)>"),), roles=())
    return graph


def _nodes(page: str) -> list[dict]:
    return json.loads(re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);", page, re.S).group(1))


def test_page_is_self_contained():
    page = to_html(_graph("机构"))
    assert not re.search(r'<(script|link)[^>]+(src|href)=', page)
    assert "vis.Network" in page  # the library is inlined


def test_one_vis_node_per_graph_node_with_type_styles():
    nodes = _nodes(to_html(_graph("机构")))
    assert sorted(n["id"] for n in nodes) == ["a", "b"]
    assert {n["group"] for n in nodes} == {"Organization", "Region"}


def test_names_and_evidence_are_escaped():
    page = to_html(_graph("<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror" not in page
