"""kg.graphio: GraphML, GEXF, Cytoscape.js and Neo4j exports, re-read by networkx, igraph, json and csv."""

from __future__ import annotations

import csv
import io
import json
import re

import igraph
import networkx as nx
import pytest

import kg.graphio
from kg.export import EXPORTERS, ExportSource, get_exporter
from kg.graphio import (
    FORMATS,
    NEO4J_NODE_HEADER,
    NEO4J_RELATIONSHIP_HEADER,
    flatten,
    to_cyjs,
    to_flat_graph,
    to_gexf,
    to_graphml,
    to_neo4j_cypher,
    to_neo4j_nodes,
    to_neo4j_relationships,
)

NODE_ATTRS = ("label", "name", "type", "subtype", "code", "iri", "aliases", "docs")
EDGE_ATTRS = ("id", "relation", "label", "docs", "roles", "evidence")


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    """Two parallel edges between one pair, tuples of aliases, documents, evidence and roles, empty values."""
    graph = nx.MultiDiGraph()
    graph.add_node("region/430000", type="Region", subtype="Province", name="湖南省", aliases=("湘", "湖南"),
                   docs=("d1",), code="430000")
    graph.add_node("region/431000", type="Region", subtype="City", name="郴州市", aliases=(), docs=("d1", "d2"),
                   code="431000")
    graph.add_node("platform/czt", type="Platform", subtype="", name="郴政通", aliases=("“郴政通”",), docs=("d2",),
                   code="")
    graph.add_node("person/x", type="Person", subtype=None, name="张三", aliases=(), docs=("d2",), code=None)
    graph.add_node("org/sjj", type="Organization", subtype="Agency", name="郴州市数据局", aliases=(), docs=("d2",),
                   code="")
    graph.add_edge("region/431000", "region/430000", key="partOf", evidence=(("d1", "郴州市是湖南省的地级市。"),),
                   roles=())
    graph.add_edge("platform/czt", "region/431000", key="servesRegion",
                   evidence=(("d2", "郴政通覆盖郴州市;全市通用。"), ("d2", "郴州市上线\n郴政通。")), roles=())
    graph.add_edge("person/x", "org/sjj", key="affiliatedWith", evidence=(("d2", "郴州市数据局局长张三说"),),
                   roles=("副局长", "局长"))
    graph.add_edge("org/sjj", "region/431000", key="locatedIn", evidence=(("d2", "郴州市数据局"),), roles=())
    graph.add_edge("org/sjj", "region/431000", key="partOf", evidence=(), roles=())
    return graph


def test_exported_names_match_all():
    public = {name for name in dir(kg.graphio) if not name.startswith("_")}
    assert set(kg.graphio.__all__) <= public


def test_every_format_is_an_exporter():
    assert set(FORMATS) <= set(EXPORTERS)
    assert {"graph.graphml", "graph.gexf", "graph.cyjs", "neo4j/nodes.csv", "neo4j/relationships.csv",
            "neo4j/neo4j_import.cypher"} == set(FORMATS)


def test_flat_graph_has_scalar_strings_only(graph):
    flat = to_flat_graph(graph)
    assert list(flat) == sorted(graph)
    for _, data in flat.nodes(data=True):
        assert tuple(data) == NODE_ATTRS and all(isinstance(v, str) for v in data.values())
    for _, _, data in flat.edges(data=True):
        assert tuple(data) == EDGE_ATTRS and all(isinstance(v, str) for v in data.values())
    assert flat.nodes["region/430000"]["aliases"] == "湘|湖南"
    assert flat.nodes["person/x"]["subtype"] == "" and flat.nodes["person/x"]["code"] == ""
    edge = flat.edges["platform/czt", "region/431000", "servesRegion"]
    assert edge["evidence"] == "d2: 郴政通覆盖郴州市;全市通用。 | d2: 郴州市上线 郴政通。"  # no line breaks
    assert edge["docs"] == "d2"
    assert flat.edges["person/x", "org/sjj", "affiliatedWith"]["roles"] == "副局长|局长"


def expected(graph):
    flat = to_flat_graph(graph)
    nodes = {node: dict(data) for node, data in flat.nodes(data=True)}
    edges = sorted((head, tail, data["relation"], data["evidence"]) for head, tail, data in flat.edges(data=True))
    return flat, nodes, edges


def test_graphml_round_trips_through_networkx(graph, tmp_path):
    flat, nodes, edges = expected(graph)
    path = tmp_path / "graph.graphml"
    path.write_text(to_graphml(graph), encoding="utf-8")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.is_directed() and back.is_multigraph()
    assert (back.number_of_nodes(), back.number_of_edges()) == (flat.number_of_nodes(), flat.number_of_edges())
    assert {node: dict(data) for node, data in back.nodes(data=True)} == nodes
    assert sorted((h, t, d["relation"], d["evidence"]) for h, t, d in back.edges(data=True)) == edges
    # the two parallel edges keep distinct ids
    assert sorted(k for _, _, k in back.edges(keys=True)) == sorted(d["id"] for _, _, d in flat.edges(data=True))


def test_graphml_round_trips_through_igraph(graph, tmp_path):
    flat, nodes, edges = expected(graph)
    path = tmp_path / "graph.graphml"
    path.write_text(to_graphml(graph), encoding="utf-8")
    back = igraph.Graph.Read_GraphML(str(path))
    assert back.is_directed()
    assert (back.vcount(), back.ecount()) == (flat.number_of_nodes(), flat.number_of_edges())
    assert {v["id"]: {a: v[a] for a in NODE_ATTRS} for v in back.vs} == nodes
    ids = back.vs["id"]
    assert sorted((ids[e.source], ids[e.target], e["relation"], e["evidence"]) for e in back.es) == edges


def test_gexf_round_trips_through_networkx(graph, tmp_path):
    flat, nodes, edges = expected(graph)
    path = tmp_path / "graph.gexf"
    path.write_text(to_gexf(graph), encoding="utf-8")
    back = nx.read_gexf(path)
    assert back.is_directed() and back.is_multigraph()
    assert (back.number_of_nodes(), back.number_of_edges()) == (flat.number_of_nodes(), flat.number_of_edges())
    # GEXF keeps the label as the node's label attribute, and the edge id and label on the edge element
    assert {n: {a: d[a] for a in NODE_ATTRS} for n, d in back.nodes(data=True)} == nodes
    assert sorted((h, t, d["relation"], d["evidence"]) for h, t, d in back.edges(data=True)) == edges


def test_gexf_round_trips_through_igraph(graph, tmp_path):
    """igraph reads no GEXF, so it reads the GEXF's graph as networkx loaded it (igraph.Graph.from_networkx)."""
    flat, nodes, edges = expected(graph)
    path = tmp_path / "graph.gexf"
    path.write_text(to_gexf(graph), encoding="utf-8")
    back = igraph.Graph.from_networkx(nx.read_gexf(path))
    assert (back.vcount(), back.ecount()) == (flat.number_of_nodes(), flat.number_of_edges())
    assert {v["_nx_name"]: {a: v[a] for a in NODE_ATTRS} for v in back.vs} == nodes
    names = back.vs["_nx_name"]
    assert sorted((names[e.source], names[e.target], e["relation"], e["evidence"]) for e in back.es) == edges


def _networkx_graphml(graph) -> str:
    from networkx.readwrite.graphml import write_graphml_xml

    buffer = io.BytesIO()
    write_graphml_xml(to_flat_graph(graph), buffer, encoding="utf-8", edge_id_from_attribute="id")
    return buffer.getvalue().decode("utf-8") + "\n"


def _networkx_gexf(graph) -> str:
    buffer = io.BytesIO()
    nx.write_gexf(to_flat_graph(graph), buffer, encoding="utf-8")
    return re.sub(r' lastmodifieddate="[^"]*"', "", buffer.getvalue().decode("utf-8"), count=1)


def _markup_graph() -> nx.MultiDiGraph:
    """Every character XML escapes, in ids, names, aliases, evidence and roles."""
    odd = "a&b<c>d\"e'f\ng\th\ri ]]> &amp;"
    graph = nx.MultiDiGraph()
    graph.add_node(f"org/{odd}", type="Organization", subtype="Agency", name=odd, aliases=(odd, "别名"),
                   docs=(odd,), code="")
    graph.add_node("region/1", type="Region", subtype="", name=" ", aliases=(), docs=(), code="1")
    graph.add_edge(f"org/{odd}", "region/1", key="locatedIn", evidence=((odd, odd),), roles=(odd,))
    return graph


@pytest.mark.parametrize("variant", ["fixture", "markup", "nodes only", "empty"])
def test_xml_exports_are_what_networkx_writes(graph, variant):
    """GraphML and GEXF are written from templates, byte for byte as networkx's writers write the flat graph."""
    graph = {"fixture": graph, "markup": _markup_graph(), "nodes only": nx.MultiDiGraph(graph.subgraph(["person/x"])),
             "empty": nx.MultiDiGraph()}[variant]
    assert to_graphml(graph) == _networkx_graphml(graph)
    assert to_gexf(graph) == _networkx_gexf(graph)


def test_xml_exports_are_utf8_chinese_and_dated_by_nothing(graph):
    for text in (to_graphml(graph), to_gexf(graph)):
        assert "郴政通" in text and "&#" not in text
        assert text.startswith("<?xml version='1.0' encoding='utf-8'?>")
    assert "lastmodifieddate" not in to_gexf(graph)


def test_cyjs_is_cytoscape_json(graph):
    doc = json.loads(to_cyjs(graph))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert (len(nodes), len(edges)) == (graph.number_of_nodes(), graph.number_of_edges())
    assert [n["data"]["id"] for n in nodes] == sorted(graph)
    assert {e["data"]["id"] for e in edges} == {f"{h}|{k}|{t}" for h, t, k in graph.edges(keys=True)}
    ids = {n["data"]["id"] for n in nodes}
    assert all(e["data"]["source"] in ids and e["data"]["target"] in ids for e in edges)
    assert {"id": "region/430000", "name": "湖南省", "aliases": "湘|湖南"}.items() <= nodes[-2]["data"].items()
    for element in nodes + edges:
        assert all(isinstance(v, str) for v in element["data"].values())
    assert "郴政通" in to_cyjs(graph)  # not \\u-escaped


def test_neo4j_nodes_csv(graph):
    rows = list(csv.reader(io.StringIO(to_neo4j_nodes(graph))))
    assert tuple(rows[0]) == NEO4J_NODE_HEADER == (
        "id:ID", "name", "type", "subtype", "code", "iri", "aliases:string[]", "docs:string[]", ":LABEL")
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert [r["id:ID"] for r in body] == sorted(graph)
    hunan = next(r for r in body if r["id:ID"] == "region/430000")
    assert hunan[":LABEL"] == "Entity;Region;Province"
    assert hunan["aliases:string[]"] == "湘;湖南" and hunan["code"] == "430000"
    assert hunan["iri"] == "https://w3id.org/dgkg/id/region/430000"
    assert next(r for r in body if r["id:ID"] == "person/x")[":LABEL"] == "Entity;Person"


def test_neo4j_relationships_csv(graph):
    rows = list(csv.reader(io.StringIO(to_neo4j_relationships(graph))))
    assert tuple(rows[0]) == NEO4J_RELATIONSHIP_HEADER == (
        ":START_ID", ":END_ID", ":TYPE", "evidence", "docs:string[]", "roles:string[]")
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert len(body) == graph.number_of_edges()
    assert {(r[":START_ID"], r[":END_ID"], r[":TYPE"]) for r in body} == set(graph.edges(keys=True))
    post = next(r for r in body if r[":TYPE"] == "affiliatedWith")
    assert post["roles:string[]"] == "副局长;局长" and post["docs:string[]"] == "d2"
    ids = {r["id:ID"] for r in csv.DictReader(io.StringIO(to_neo4j_nodes(graph)))}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in body)


def test_neo4j_cypher_has_one_statement_per_label_set_and_type(graph):
    script = to_neo4j_cypher(graph)
    assert "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;" in script
    assert script.count("FROM 'file:///nodes.csv'") == 5  # Region;Province, Region;City, Platform, Person, Agency
    assert script.count("FROM 'file:///relationships.csv'") == 4
    assert "MERGE (n:`Entity`:`Region`:`Province` {id: row.`id:ID`})" in script
    assert "MERGE (a)-[r:`servesRegion`]->(b)" in script
    assert all(statement.strip().endswith(";") for statement in script.split("\n\n")[1:])


def test_exports_are_deterministic(graph):
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    for name, serialise in FORMATS.items():
        assert serialise(flatten(shuffled)) == serialise(flatten(graph)), name


def test_build_writes_every_graph_tool_file(fixture_build, tmp_path):
    source = ExportSource(fixture_build.rdf, fixture_build.graph)
    for name in FORMATS:
        path = get_exporter(name)(source, tmp_path / name)
        assert path == tmp_path / name
        assert path.read_text(encoding="utf-8") == FORMATS[name](flatten(fixture_build.graph))
    assert sorted(p.name for p in (tmp_path / "neo4j").iterdir()) == [
        "neo4j_import.cypher", "nodes.csv", "relationships.csv"]
    assert not list(tmp_path.rglob("*.tmp"))


def test_fixture_build_round_trips_in_both_readers(fixture_build, tmp_path):
    graph = fixture_build.graph
    path = tmp_path / "graph.graphml"
    path.write_text(to_graphml(graph), encoding="utf-8")
    back = igraph.Graph.Read_GraphML(str(path))
    assert (back.vcount(), back.ecount()) == (graph.number_of_nodes(), graph.number_of_edges())
    assert sorted(back.vs["name"]) == sorted(name for _, name in graph.nodes(data="name"))
    assert nx.read_gexf(io.BytesIO(to_gexf(graph).encode("utf-8"))).number_of_edges() == graph.number_of_edges()
