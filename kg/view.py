"""View: the graph as one self-contained interactive HTML page (pyvis / vis-network).

pyvis is imported here only. Its ``in_line`` mode embeds vis-network, but its
template still links Bootstrap from a CDN; those tags are removed so the page
opens offline (users sit on intranets). Node colour and shape follow the
entity type, edge labels the relation type; hovering shows aliases and
evidence. All document text passes through HTML escaping.
"""

from __future__ import annotations

import html
import re

import networkx as nx

__all__ = ["STYLE", "to_html"]

#: entity type → (colour, vis-network shape)
STYLE = {
    "Region": ("#4e79a7", "dot"),
    "Organization": ("#f28e2b", "box"),
    "Platform": ("#59a14f", "diamond"),
    "Policy": ("#b07aa1", "triangle"),
    "Person": ("#e15759", "ellipse"),
}
# any <link href> or <script src> pyvis leaves: CDN tags and its stale ../node_modules paths
_EXTERNAL = re.compile(r'<link[^>]+href="[^"]*"[^>]*>|<script[^>]+src="[^"]*"[^>]*>\s*</script>', re.I)


def _node_title(data: dict) -> str:
    lines = [f"{data['type']}" + (f" ({data['subtype']})" if data.get("subtype") else ""), data["name"]]
    if data.get("aliases"):
        lines.append("别名: " + "、".join(data["aliases"]))
    if data.get("code"):
        lines.append("代码: " + data["code"])
    if data.get("docs"):
        lines.append("文档: " + ", ".join(data["docs"]))
    return html.escape("\n".join(lines))


def _edge_title(key: str, data: dict) -> str:
    lines = [key + (f" ({'; '.join(data['roles'])})" if data.get("roles") else "")]
    lines += [f"[{doc}] {sentence}" for doc, sentence in data.get("evidence", ())]
    return html.escape("\n".join(lines))


def to_html(graph: nx.MultiDiGraph) -> str:
    """The HTML page of ``graph``, with no reference to any remote resource."""
    from pyvis.network import Network

    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line", notebook=False)
    degree = dict(graph.degree())
    for node, data in sorted(graph.nodes(data=True)):
        colour, shape = STYLE.get(data["type"], ("#999999", "dot"))
        net.add_node(node, label=html.escape(data["name"]), title=_node_title(data), color=colour, shape=shape,
                     size=10 + 3 * min(degree.get(node, 0), 10), group=data["type"])
    for head, tail, key, data in sorted(graph.edges(keys=True, data=True)):
        net.add_edge(head, tail, label=key, title=_edge_title(key, data), arrows="to")
    net.set_options('{"physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300}},'
                    ' "edges": {"font": {"size": 9}, "smooth": false}, "nodes": {"font": {"size": 14}}}')
    page = net.generate_html(notebook=False)
    return _EXTERNAL.sub("", page)
