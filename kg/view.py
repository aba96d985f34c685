"""View: the graph as one self-contained, offline, interactive HTML page.

The page shows the graph with vis-network. Its node and edge objects are
written here, in the shape pyvis's ``Network`` gives them, and not built with
``Network.add_node``/``add_edge``: those look every node up in a list, which
takes seconds on a corpus-sized graph. The page is rendered from our own Jinja2
template (``kg/view_assets/page.html.j2``), not pyvis's, because pyvis's
template links Bootstrap from a CDN even in ``in_line`` mode and users open the
page on intranets with no network. vis-network's script and stylesheet are
inlined from the copy pyvis bundles, together with the page's own script
(search, filters, details panel) and stylesheet, so the file makes no request
at all.

Document text (names, aliases, evidence sentences) is never markup: all data
sits in one ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` written as ``\\u003c``, ``\\u003e``, ``\\u0026``, the page script parses
it and inserts text with ``textContent`` only, and a Content-Security-Policy
lets only the page's two inline scripts run (by hash) and no resource load.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import math
import re
from collections import Counter
from importlib import resources

import networkx as nx

from kg.packaged import package_file

__all__ = ["FONT_FACE", "RELATION_LABELS", "STYLE", "TYPE_LABELS", "to_html"]

#: entity type → (colour, vis-network shape); shapes whose size can vary, so size can show degree
STYLE = {
    "Region": ("#4e79a7", "dot"),
    "Organization": ("#f28e2b", "square"),
    "Platform": ("#59a14f", "diamond"),
    "Policy": ("#b07aa1", "triangle"),
    "Person": ("#e15759", "star"),
}
_OTHER_STYLE = ("#9e9e9e", "dot")
#: entity type → its rdfs:label@zh in ontology/dgo.ttl
TYPE_LABELS = {"Region": "行政区划", "Organization": "组织机构", "Platform": "数字政务平台",
               "Policy": "政策", "Person": "人物"}
#: relation type → its rdfs:label@zh in ontology/dgo.ttl
RELATION_LABELS = {"affiliatedWith": "任职于", "partOf": "隶属于", "locatedIn": "位于", "servesRegion": "服务地区",
                   "operatedBy": "运营机构", "issuedBy": "发布机构", "implementedIn": "实施地区"}
FONT_FACE = '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif'
_VIS_LIB = "templates/lib/vis-9.1.2"  # what pyvis's own in_line mode inlines
_LABEL_CHARS = 18  # longer names are shortened on the canvas; the panel shows them whole


def to_html(graph: nx.MultiDiGraph) -> str:
    """The HTML page of ``graph``: one UTF-8 file that loads nothing from anywhere.

    Example:
        >>> graph = nx.MultiDiGraph()
        >>> graph.add_node("r", type="Region", subtype="Province", name="江西省", aliases=(), docs=(), code="360000")
        >>> page = to_html(graph)
        >>> page.startswith("<!DOCTYPE html>") and "https://" not in page.split("<script>")[0]
        True
    """
    from markupsafe import Markup

    assets = _assets()
    scripts = (assets["vis_js"], assets["view_js"])
    return _template().render(
        csp=_csp(scripts),
        title=f"数字政府知识图谱 · {graph.number_of_nodes()} 个实体 · {graph.number_of_edges()} 条关系",
        font_face=Markup(FONT_FACE),  # a constant; escaping would break it inside <style>
        data=Markup(_script_json(_page_data(graph))),
        **{name: Markup(text) for name, text in assets.items()},
    )


def _page_data(graph: nx.MultiDiGraph) -> dict:
    """Everything the page script needs: vis nodes, edges and options, legends."""
    type_counts = Counter(type_ for _, type_ in graph.nodes(data="type"))
    relation_counts = Counter(key for _, _, key in graph.edges(keys=True))
    return {
        "nodes": _vis_nodes(graph),
        "edges": _vis_edges(graph),
        "options": _options(graph),
        "types": [{"name": t, "label": TYPE_LABELS.get(t, t), "color": STYLE.get(t, _OTHER_STYLE)[0],
                   "shape": STYLE.get(t, _OTHER_STYLE)[1], "count": type_counts[t]} for t in sorted(type_counts)],
        "relations": [{"name": r, "label": RELATION_LABELS.get(r, r), "count": relation_counts[r]}
                      for r in sorted(relation_counts)],
    }


def _vis_nodes(graph: nx.MultiDiGraph) -> list[dict]:
    """vis-network nodes, sorted by id, with the details the panel shows."""
    nodes = []
    degrees = dict(graph.degree())
    for node, data in sorted(graph.nodes(data=True)):
        name, type_, degree = data["name"], data["type"], degrees[node]
        label = name if len(name) <= _LABEL_CHARS else name[: _LABEL_CHARS - 1] + "…"
        subtype = data.get("subtype") or ""
        nodes.append({"id": node, "label": label, "shape": STYLE.get(type_, _OTHER_STYLE)[1], "group": type_,
                      "size": min(10 + 4 * math.sqrt(degree), 48),
                      # unconnected entities stay out of the simulation; the page lines them up under the graph
                      "physics": degree > 0,
                      "title": f"{name}\n{TYPE_LABELS.get(type_, type_)}" + (f" · {subtype}" if subtype else ""),
                      "name": name, "type": type_, "subtype": subtype, "aliases": list(data.get("aliases", ())),
                      "code": data.get("code") or "", "docs": list(data.get("docs", ()))})
    return nodes


def _vis_edges(graph: nx.MultiDiGraph) -> list[dict]:
    """vis-network edges, sorted by head, tail and relation, with the evidence the panel shows."""
    names = dict(graph.nodes(data="name"))
    return [{"id": f"e{i}", "from": head, "to": tail, "arrows": "to", "label": key, "relation": key,
             "title": f"{names[head]} → {key} → {names[tail]}", "roles": list(data.get("roles", ())),
             "evidence": list(data.get("evidence", ()))}  # (doc, sentence) pairs: JSON arrays
            for i, (head, tail, key, data) in enumerate(sorted(graph.edges(keys=True, data=True)))]


def _options(graph: nx.MultiDiGraph) -> dict:
    """vis-network options: type styles as groups, a physics run that stops once the layout settles."""
    large = graph.number_of_nodes() > 300
    groups = {}
    for type_ in sorted({data["type"] for _, data in graph.nodes(data=True)}):
        colour, shape = STYLE.get(type_, _OTHER_STYLE)
        groups[type_] = {"shape": shape, "color": {"background": colour, "border": colour,
                                                   "highlight": {"background": colour, "border": "#202124"},
                                                   "hover": {"background": colour, "border": "#202124"}}}
    return {
        "groups": groups,
        "nodes": {"borderWidth": 1, "borderWidthSelected": 3,
                  "font": {"face": FONT_FACE, "size": 14, "color": "#202124", "strokeWidth": 3,
                           "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "smooth": False, "width": 1,
                  "color": {"color": "#a0a4a8", "highlight": "#202124", "hover": "#5f6368"},
                  "font": {"face": FONT_FACE, "size": 10, "color": "#5f6368", "strokeWidth": 2, "align": "middle"}},
        # improvedLayout (Kamada-Kawai on clusters) costs more than it gives past a few hundred nodes
        "layout": {"randomSeed": 7, "improvedLayout": not large},
        "physics": {"solver": "barnesHut",
                    # a coarser Barnes-Hut (theta 1) and 100 iterations for large graphs: see benchmarks/view_layout.py
                    "barnesHut": {"gravitationalConstant": -3000, "springLength": 120, "springConstant": 0.04,
                                  "damping": 0.15, "avoidOverlap": 0.1, "theta": 1.0 if large else 0.5},
                    "minVelocity": 1.0, "maxVelocity": 50,
                    "stabilization": {"enabled": True, "iterations": 100 if large else 400, "updateInterval": 20,
                                      "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 300, "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                        "navigationButtons": False, "keyboard": False},
    }


def _script_json(data: dict) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` to end it or open markup.

    Example:
        >>> _script_json({"name": "</script><b>&"})
        '{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _csp(scripts: tuple[str, ...]) -> str:
    """A Content-Security-Policy that runs exactly ``scripts`` and loads nothing but data: images."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'"
                      for s in scripts)
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'")


@functools.lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("kg", "view_assets"), autoescape=True, keep_trailing_newline=True)
    return env.get_template("page.html.j2")


@functools.lru_cache(maxsize=1)
def _assets() -> dict[str, str]:
    """vis-network's script and stylesheet from pyvis's bundle, the page's own script and stylesheet."""
    own = resources.files("kg").joinpath("view_assets")
    texts = {"vis_js": package_file("pyvis", f"{_VIS_LIB}/vis-network.min.js"),
             "vis_css": package_file("pyvis", f"{_VIS_LIB}/vis-network.css"),
             "view_js": own.joinpath("view.js"), "view_css": own.joinpath("view.css")}
    return {name: _inlinable(path.read_text(encoding="utf-8"), "style" if name.endswith("css") else "script")
            for name, path in texts.items()}


def _inlinable(text: str, tag: str) -> str:
    """``text`` with any ``</tag`` written as ``<\\/tag``, so it cannot close its inline element early."""
    return re.sub(f"</(?={tag})", "<\\\\/", text, flags=re.IGNORECASE)
