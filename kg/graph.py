"""Graph: entities and relations → ``nx.MultiDiGraph``.

A node is ``Entity.id`` with attributes ``type``, ``subtype``, ``name``,
``aliases`` (sorted tuple), ``docs`` (sorted tuple) and ``code``; an edge is
``(head_id, tail_id, key=RelationType.value)`` with ``evidence``, a sorted
tuple of ``(doc_id, sentence)`` pairs, and ``roles``, a sorted tuple of posts.
"""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from kg.model import Entity, Relation

__all__ = ["build_graph"]


def build_graph(entities: Iterable[Entity], relations: Iterable[Relation]) -> nx.MultiDiGraph:
    """One node per entity, one edge per (head, relation type, tail).

    Example:
        >>> from kg.model import Entity, EntityType, Relation, RelationType
        >>> ents = [Entity("p", EntityType.PLATFORM, "赣服通"), Entity("r", EntityType.REGION, "江西省")]
        >>> rels = [Relation("p", RelationType.SERVES_REGION, "r", "d1", "建设赣服通")]
        >>> graph = build_graph(ents, rels)
        >>> list(graph.edges(keys=True, data="evidence"))
        [('p', 'r', 'servesRegion', (('d1', '建设赣服通'),))]
    """
    graph = nx.MultiDiGraph()
    for ent in sorted(entities, key=lambda e: e.id):
        graph.add_node(ent.id, type=ent.type.value, subtype=ent.subtype, name=ent.name,
                       aliases=tuple(sorted(ent.aliases)), docs=tuple(sorted(ent.docs)), code=ent.code)
    evidence: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    roles: dict[tuple[str, str, str], set[str]] = {}
    for rel in relations:
        key = (rel.head_id, rel.tail_id, rel.type.value)
        evidence.setdefault(key, set()).add((rel.doc_id, rel.evidence))
        if rel.role:
            roles.setdefault(key, set()).add(rel.role)
    for (head, tail, type_), pairs in sorted(evidence.items()):
        if head in graph and tail in graph:
            graph.add_edge(head, tail, key=type_, evidence=tuple(sorted(pairs)),
                           roles=tuple(sorted(roles.get((head, tail, type_), ()))))
    return graph
