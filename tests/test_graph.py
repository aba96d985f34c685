from __future__ import annotations

from kg.graph import build_graph
from kg.model import Entity, EntityType, Relation, RelationType


def test_nodes_edges_and_merged_evidence():
    ents = [Entity("p", EntityType.PLATFORM, "赣服通", frozenset({"赣服通APP"}), frozenset({"d1", "d2"})),
            Entity("r", EntityType.REGION, "江西省", subtype="Province", code="360000")]
    rels = [Relation("p", RelationType.SERVES_REGION, "r", "d2", "句二"),
            Relation("p", RelationType.SERVES_REGION, "r", "d1", "句一"),
            Relation("p", RelationType.OPERATED_BY, "missing", "d1", "句一")]
    graph = build_graph(ents, rels)
    assert graph.nodes["p"]["aliases"] == ("赣服通APP",) and graph.nodes["p"]["docs"] == ("d1", "d2")
    assert graph.nodes["r"]["code"] == "360000"
    assert list(graph.edges(keys=True)) == [("p", "r", "servesRegion")]
    assert graph.edges["p", "r", "servesRegion"]["evidence"] == (("d1", "句一"), ("d2", "句二"))


def test_roles_kept_on_edge():
    ents = [Entity("a", EntityType.PERSON, "周民"), Entity("o", EntityType.ORGANIZATION, "国家信息中心")]
    graph = build_graph(ents, [Relation("a", RelationType.AFFILIATED_WITH, "o", "d", "s", "副主任")])
    assert graph.edges["a", "o", "affiliatedWith"]["roles"] == ("副主任",)
