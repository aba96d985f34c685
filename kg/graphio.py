"""Graph-tool exports: the networkx graph as GraphML, GEXF, Cytoscape.js JSON and Neo4j import files.

Every format is made from the same flat attributes (those of
:func:`to_flat_graph`), all strings, since GraphML, GEXF and CSV hold only
scalars:

* node: ``label`` and ``name`` (the canonical name), ``type``, ``subtype``,
  ``code`` (GB/T 2260, regions only), ``iri`` (the RDF IRI, to join with
  SPARQL results), ``aliases`` and ``docs`` (joined with ``"|"``);
* edge (key = relation type): ``id`` (``head|relation|tail``), ``relation``,
  ``label`` (the relation again, for Gephi and yEd), ``docs`` (joined with
  ``"|"``), ``roles`` (joined with ``"|"``) and ``evidence``, one
  ``doc_id: sentence`` per statement, joined with ``" | "``.

Node and edge order is sorted (nodes by id, edges by head, tail, relation), so
two builds of the same corpus give identical files. The Neo4j files follow
``neo4j-admin database import`` header syntax, with ``;`` (its default array
delimiter) inside ``string[]`` columns and in ``:LABEL``; the Cypher script
loads the same CSVs with ``LOAD CSV`` into a running server instead.

GraphML and GEXF are written from templates, in the layout of networkx's
``write_graphml_xml`` and ``write_gexf`` byte for byte (``<creator>`` line
included; a test compares them): those build an ElementTree of the whole graph
and print it in pure Python, a second per file on a corpus-sized graph.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import NamedTuple
from xml.sax.saxutils import escape

import networkx as nx

from kg.ontology import DGR

__all__ = ["FORMATS", "NEO4J_NODE_HEADER", "NEO4J_RELATIONSHIP_HEADER", "FlatGraph", "flatten", "to_cyjs",
           "to_flat_graph", "to_gexf", "to_graphml", "to_neo4j_cypher", "to_neo4j_nodes", "to_neo4j_relationships"]

#: header of nodes.csv (``neo4j-admin database import`` syntax)
NEO4J_NODE_HEADER = ("id:ID", "name", "type", "subtype", "code", "iri", "aliases:string[]", "docs:string[]",
                     ":LABEL")
#: header of relationships.csv
NEO4J_RELATIONSHIP_HEADER = (":START_ID", ":END_ID", ":TYPE", "evidence", "docs:string[]", "roles:string[]")

_ARRAY = ";"  # neo4j-admin's default --array-delimiter


def _join(values, sep: str = "|") -> str:
    return sep.join(map(str, values or ()))


def _evidence(pairs) -> str:
    # one line per statement; line breaks inside a sentence would break naive CSV readers
    return " | ".join(" ".join(f"{doc}: {sentence}".split()) for doc, sentence in pairs or ())


def _edge_id(head: str, relation: str, tail: str) -> str:
    return f"{head}|{relation}|{tail}"


def _sorted_edges(graph: nx.MultiDiGraph):
    return sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))


def _flat_nodes(graph: nx.MultiDiGraph) -> list[tuple[str, dict[str, str]]]:
    """Each node, sorted, with its string attributes (see :func:`to_flat_graph`)."""
    rows = []
    for node in sorted(graph):
        data = graph.nodes[node]
        name = data.get("name") or node
        rows.append((node, {"label": name, "name": name, "type": data.get("type") or "",
                            "subtype": data.get("subtype") or "", "code": data.get("code") or "",
                            "iri": str(DGR[node]), "aliases": _join(data.get("aliases")),
                            "docs": _join(data.get("docs"))}))
    return rows


def _flat_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, str, dict[str, str]]]:
    """Each edge as (head, tail, relation, string attributes), sorted (see :func:`to_flat_graph`)."""
    rows = []
    for head, tail, key, data in _sorted_edges(graph):
        pairs = data.get("evidence") or ()
        rows.append((head, tail, key, {"id": _edge_id(head, key, tail), "relation": key, "label": key,
                                       "docs": _join(sorted({doc for doc, _ in pairs})),
                                       "roles": _join(data.get("roles")), "evidence": _evidence(pairs)}))
    return rows


class FlatGraph(NamedTuple):
    """A graph's nodes and edges, sorted, with their flat string attributes (see :func:`to_flat_graph`):
    what every format is written from, made once per export (:func:`flatten`)."""

    graph: nx.MultiDiGraph
    nodes: list[tuple[str, dict[str, str]]]
    edges: list[tuple[str, str, str, dict[str, str]]]


def flatten(graph: nx.MultiDiGraph) -> FlatGraph:
    """The flat rows of ``graph``, sorted.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> _ = g.add_edge("a", "b", key="partOf", evidence=(("d2", "甲"), ("d1", "乙")))
        >>> flatten(g).edges[0][3]["docs"]
        'd1|d2'
    """
    return FlatGraph(graph, _flat_nodes(graph), _flat_edges(graph))


def to_flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``graph`` with string attributes only, nodes and edges in sorted order.

    Example:
        >>> g = nx.MultiDiGraph()
        >>> g.add_node("r", type="Region", subtype="Province", name="江西省", aliases=("赣", "江西"), docs=("d1",), code="360000")
        >>> to_flat_graph(g).nodes["r"]["aliases"]
        '赣|江西'
    """
    flat = nx.MultiDiGraph()
    flat.add_nodes_from(_flat_nodes(graph))
    flat.add_edges_from(_flat_edges(graph))
    return flat


# XML as ElementTree escapes it: character data, and attribute values (whose line breaks and tabs
# would otherwise be normalised to spaces by a parser)
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}
_ATTRIBUTE_SPECIAL = re.compile('[&<>"\r\n\t]')
_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"
_GRAPHML_ROOT = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                 'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')


def _attribute(value: str) -> str:
    # most values need no escape: one search in C is quicker than escape's seven replaces
    return escape(value, _ATTRIBUTE_ENTITIES) if _ATTRIBUTE_SPECIAL.search(value) else value


def _xml_attributes(attributes: dict[str, str]) -> str:
    return "".join(f' {name}="{_attribute(value)}"' for name, value in attributes.items())


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """GraphML (Gephi, Cytoscape, yEd): UTF-8 text, one ``<key>`` per attribute."""
    return _graphml(flatten(graph))


def _graphml(flat: FlatGraph) -> str:
    nodes, edges = flat.nodes, flat.edges
    # networkx numbers keys in the order it meets them (node attributes first) and lists the newest first
    keys = [("node", name) for name in (nodes[0][1] if nodes else ())]
    keys += [("edge", name) for name in (edges[0][3] if edges else ())]
    ids = {key: f"d{i}" for i, key in enumerate(keys)}
    out = [_XML_DECLARATION, _GRAPHML_ROOT]
    out += [f'  <key id="{ids[scope, name]}" for="{scope}" attr.name="{_attribute(name)}" attr.type="string" />\n'
            for scope, name in reversed(keys)]
    if not nodes:
        out.append('  <graph edgedefault="directed" />\n')
    else:
        out.append('  <graph edgedefault="directed">\n')
        for node, data in nodes:
            out.append(f"    <node{_xml_attributes({'id': node})}>\n")
            out += [_graphml_data(ids["node", name], value) for name, value in data.items()]
            out.append("    </node>\n")
        for head, tail, _, data in edges:
            out.append(f"    <edge{_xml_attributes({'source': head, 'target': tail, 'id': data['id']})}>\n")
            out += [_graphml_data(ids["edge", name], value) for name, value in data.items()]
            out.append("    </edge>\n")
        out.append("  </graph>\n")
    out.append("</graphml>\n\n")
    return "".join(out)


def _graphml_data(key: str, value: str) -> str:
    if not value:
        return f'      <data key="{key}" />\n'
    return f'      <data key="{key}">{escape(value)}</data>\n'


_GEXF_ROOT = ('<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
              'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
              'version="1.2">\n')


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """GEXF 1.2 (Gephi), with no date stamp, so the file depends on the graph alone.

    Node labels and edge ids and labels are attributes of their elements; every other flat
    attribute is an ``<attvalue>``, and the relation is also ``networkx_key`` (the multigraph key).
    """
    return _gexf(flatten(graph))


def _gexf(flat: FlatGraph) -> str:
    nodes = [({"id": node, "label": data["label"]}, _without(data, "label")) for node, data in flat.nodes]
    edges = [({"source": head, "target": tail, "id": data["id"], "label": data["label"]},
              {**_without(data, "id", "label"), "networkx_key": key}) for head, tail, key, data in flat.edges]
    # networkx numbers attributes in the order it meets them (node attributes first)
    node_ids = {name: str(i) for i, name in enumerate(nodes[0][1] if nodes else ())}
    edge_ids = {name: str(len(node_ids) + i) for i, name in enumerate(edges[0][1] if edges else ())}
    out = [_XML_DECLARATION, _GEXF_ROOT, f"  <meta>\n    <creator>NetworkX {nx.__version__}</creator>\n  </meta>\n",
           '  <graph defaultedgetype="directed" mode="static" name="">\n']
    # and puts each class's <attributes> first in the graph, so the last class met comes first
    out += _gexf_attributes("edge", edge_ids) + _gexf_attributes("node", node_ids)
    out += _gexf_elements("nodes", "node", nodes, node_ids)
    out += _gexf_elements("edges", "edge", edges, edge_ids)
    out.append("  </graph>\n</gexf>\n")
    return "".join(out)


def _without(data: dict[str, str], *names: str) -> dict[str, str]:
    return {name: value for name, value in data.items() if name not in names}


def _gexf_attributes(scope: str, ids: dict[str, str]) -> list[str]:
    if not ids:
        return []
    return [f'    <attributes mode="static" class="{scope}">\n',
            *(f'      <attribute id="{i}" title="{_attribute(name)}" type="string" />\n' for name, i in ids.items()),
            "    </attributes>\n"]


def _gexf_elements(group: str, tag: str, elements: list, ids: dict[str, str]) -> list[str]:
    """``<nodes>`` or ``<edges>``: each element with its XML attributes, then its ``<attvalues>``."""
    if not elements:
        return [f"    <{group} />\n"]
    out = [f"    <{group}>\n"]
    for attributes, values in elements:
        out.append(f"      <{tag}{_xml_attributes(attributes)}>\n        <attvalues>\n")
        out += [f'          <attvalue for="{ids[name]}" value="{_attribute(value)}" />\n'
                for name, value in values.items()]
        out.append(f"        </attvalues>\n      </{tag}>\n")
    out.append(f"    </{group}>\n")
    return out


def to_cyjs(graph: nx.MultiDiGraph) -> str:
    """Cytoscape.js JSON (``cy.json()`` elements; Cytoscape imports it as ``.cyjs``)."""
    return _cyjs(flatten(graph))


def _cyjs(flat: FlatGraph) -> str:
    nodes = [{"data": {"id": node, **data}} for node, data in flat.nodes]
    edges = [{"data": {"source": head, "target": tail, **data}} for head, tail, _, data in flat.edges]
    doc = {"format_version": "1.0", "generated_by": "dgkg", "target_cytoscapejs_version": "~3",
           "data": {"name": "dgkg", "directed": True, "multigraph": True},
           "elements": {"nodes": nodes, "edges": edges}}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"  # C encoder: indent= is 10× slower


def _csv(header: tuple[str, ...], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _labels(data: dict) -> str:
    # every node also gets :Entity, so one index on Entity.id serves lookups in both import paths
    return _join(dict.fromkeys(v for v in ("Entity", data.get("type"), data.get("subtype")) if v), _ARRAY)


def to_neo4j_nodes(graph: nx.MultiDiGraph) -> str:
    """``nodes.csv`` for ``neo4j-admin database import`` (header :data:`NEO4J_NODE_HEADER`)."""
    rows = []
    for node in sorted(graph):
        data = graph.nodes[node]
        rows.append((node, data.get("name") or node, data.get("type") or "", data.get("subtype") or "",
                     data.get("code") or "", str(DGR[node]), _join(data.get("aliases"), _ARRAY),
                     _join(data.get("docs"), _ARRAY), _labels(data)))
    return _csv(NEO4J_NODE_HEADER, rows)


def to_neo4j_relationships(graph: nx.MultiDiGraph) -> str:
    """``relationships.csv`` for ``neo4j-admin database import`` (header :data:`NEO4J_RELATIONSHIP_HEADER`)."""
    rows = []
    for head, tail, key, data in _sorted_edges(graph):
        pairs = data.get("evidence") or ()
        rows.append((head, tail, key, _evidence(pairs), _join(sorted({doc for doc, _ in pairs}), _ARRAY),
                     _join(data.get("roles"), _ARRAY)))
    return _csv(NEO4J_RELATIONSHIP_HEADER, rows)


_CYPHER_HEAD = """\
// Load dgkg's Neo4j CSV files into a running Neo4j 5 server with LOAD CSV.
//
// Copy nodes.csv and relationships.csv into the server's import/ folder, then
//   cypher-shell -u neo4j -p PASSWORD -f neo4j_import.cypher
// For a new, empty database the bulk importer is faster:
//   neo4j-admin database import full --nodes=import/nodes.csv \\
//     --relationships=import/relationships.csv --array-delimiter=";" neo4j
// Labels and relationship types cannot be parameters in Cypher, so there is
// one statement per label set and per relationship type found in the graph.

CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
"""

_CYPHER_ARRAY = "CASE row.`{col}` WHEN '' THEN [] ELSE split(row.`{col}`, ';') END"


def to_neo4j_cypher(graph: nx.MultiDiGraph) -> str:
    """A Cypher script that loads nodes.csv and relationships.csv with ``LOAD CSV``."""
    parts = [_CYPHER_HEAD]
    for labels in sorted({_labels(data) for _, data in graph.nodes(data=True)}):
        parts.append(
            "\nLOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
            f"WITH row WHERE row.`:LABEL` = '{labels}'\n"
            f"MERGE (n:{':'.join(f'`{label}`' for label in labels.split(_ARRAY))} {{id: row.`id:ID`}})\n"
            "SET n.name = row.name, n.type = row.type, n.subtype = row.subtype, n.code = row.code,"
            " n.iri = row.iri,\n"
            f"    n.aliases = {_CYPHER_ARRAY.format(col='aliases:string[]')},\n"
            f"    n.docs = {_CYPHER_ARRAY.format(col='docs:string[]')};\n")
    for relation in sorted({key for _, _, key in graph.edges(keys=True)}):
        parts.append(
            "\nLOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
            f"WITH row WHERE row.`:TYPE` = '{relation}'\n"
            "MATCH (a:Entity {id: row.`:START_ID`}), (b:Entity {id: row.`:END_ID`})\n"
            f"MERGE (a)-[r:`{relation}`]->(b)\n"
            "SET r.evidence = row.evidence,\n"
            f"    r.docs = {_CYPHER_ARRAY.format(col='docs:string[]')},\n"
            f"    r.roles = {_CYPHER_ARRAY.format(col='roles:string[]')};\n")
    return "".join(parts)


#: export file name (relative to the output folder) → serialiser(flat rows) -> str
FORMATS: dict[str, Callable[[FlatGraph], str]] = {
    "graph.graphml": _graphml,
    "graph.gexf": _gexf,
    "graph.cyjs": _cyjs,
    "neo4j/nodes.csv": lambda flat: to_neo4j_nodes(flat.graph),
    "neo4j/relationships.csv": lambda flat: to_neo4j_relationships(flat.graph),
    "neo4j/neo4j_import.cypher": lambda flat: to_neo4j_cypher(flat.graph),
}
