"""Evaluate: a built graph against a gold JSON file → precision, recall, F1.

Not a pipeline stage. The rules are those of ``shared/tools/score_kg.py``,
re-implemented here because the package cannot depend on ``shared/`` at run
time (``kg eval`` and ``score_kg.py -v`` print the same lines):

* labels (``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``) and gold
  names/aliases are compared after :func:`normalise_label`;
* a node's base type is the first of :data:`ENTITY_TYPES` it belongs to via
  ``a/rdfs:subClassOf*``, so the ontology must be in the graph
  (:func:`evaluate_files` merges it);
* nodes are matched to gold entities of the same type, shortest-label nodes
  first, on the exact gold name before any alias overlap; each gold entity is
  matched at most once, so an unmerged duplicate node is a false positive;
* relations are matched on (gold head, type, gold tail), with relation
  types found via ``rdfs:subPropertyOf*``;
* gold items marked ``optional`` are neither rewarded nor penalised, and an
  unmatched node sharing a label with an optional gold entity is ignored.

Where score_kg.py's result depends on the store's iteration order (ties
between nodes with equally short labels, the order of "wrong" items), this
module is deterministic: ties go to the node with the shorter ``rdfs:label``,
then to the smaller IRI, and items are listed in IRI order.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.errors import InputError
from kg.ingest import to_simplified
from kg.model import EntityType, RelationType
from kg.ontology import DGO, load_ontology

__all__ = [
    "ENTITY_TYPES",
    "RELATION_TYPES",
    "Report",
    "Summary",
    "TypeScore",
    "evaluate",
    "evaluate_files",
    "format_report",
    "normalise_label",
]

#: Entity base types in score_kg.py's order (a node in two takes the first).
ENTITY_TYPES: tuple[str, ...] = tuple(t.value for t in EntityType)
#: Relation types in score_kg.py's order.
RELATION_TYPES: tuple[str, ...] = tuple(t.value for t in RelationType)

_STRIP = re.compile(r"[\s“”\"'‘’《》〈〉「」『』<>]")
_LABELS = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
_SHOWN = 25  # items listed per line by format_report, as score_kg.py does
_NO_LABEL = 1 << 30  # a node without rdfs:label loses ties


@dataclass(frozen=True)
class Summary:
    """Pooled counts of a group of types (all entities, or all relations)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class TypeScore(Summary):
    """Counts for one entity or relation type, and the items behind fn and fp.

    ``missed`` holds gold items not found: ``(name,)`` for an entity,
    ``(head name, tail name)`` for a relation. ``wrong`` holds predictions
    that match nothing: up to three sorted labels of an entity node, or
    ``(head, tail)`` of a relation (gold names where the end was matched).
    """

    type: str = ""
    missed: tuple[tuple[str, ...], ...] = ()
    wrong: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Report:
    """The score of one graph: per-type counts plus entity and relation totals."""

    types: tuple[TypeScore, ...]
    entities: Summary
    relations: Summary

    def __getitem__(self, type_name: str) -> TypeScore:
        for score in self.types:
            if score.type == type_name:
                return score
        raise KeyError(f"no type {type_name!r}; valid: {', '.join(s.type for s in self.types)}")


def normalise_label(text: str) -> str:
    """NFKC, traditional → simplified, then drop spaces, quotes and 《》-style brackets.

    Example:
        >>> normalise_label("《關於加強數字政府建設的指導意見》")
        '关于加强数字政府建设的指导意见'
    """
    return _STRIP.sub("", to_simplified(unicodedata.normalize("NFKC", text)))


class _Predicted(NamedTuple):
    type: str  # base type
    labels: frozenset[str]  # normalised, non-empty
    main: int  # length of the shortest normalised rdfs:label, a tie-breaker


def _members(rdf: Graph, root: Node, link: Node) -> set[Node]:
    # transitive_subjects includes root itself: the zero-length step of link*
    return set(rdf.transitive_subjects(link, root))


def _predicted(rdf: Graph) -> tuple[dict[Node, _Predicted], list[tuple[Node, str, Node]]]:
    ents: dict[Node, _Predicted] = {}
    for type_name in ENTITY_TYPES:
        nodes = {e for cls in _members(rdf, DGO[type_name], RDFS.subClassOf) for e in rdf.subjects(RDF.type, cls)}
        for node in sorted(nodes - ents.keys(), key=str):
            labels = frozenset(x for x in (normalise_label(str(o)) for p in _LABELS for o in rdf.objects(node, p)) if x)
            main = min((len(normalise_label(str(o))) for o in rdf.objects(node, RDFS.label)), default=_NO_LABEL)
            ents[node] = _Predicted(type_name, labels, main)
    rels = set()
    for rel_type in RELATION_TYPES:
        for prop in _members(rdf, DGO[rel_type], RDFS.subPropertyOf):
            rels.update((h, rel_type, t) for h, t in rdf.subject_objects(prop) if h in ents and t in ents)
    return ents, sorted(rels, key=lambda x: (str(x[0]), str(x[2]), x[1]))


def _check_gold(gold: object, source: str) -> None:
    if not isinstance(gold, Mapping) or not all(isinstance(gold.get(k), list) for k in ("entities", "relations")):
        found = ", ".join(sorted(gold)) if isinstance(gold, Mapping) else type(gold).__name__
        raise InputError(source, f"gold needs 'entities' and 'relations' lists (found: {found or 'nothing'})")
    ids = set()
    for ent in gold["entities"]:
        if not isinstance(ent, Mapping) or "id" not in ent or "name" not in ent:
            raise InputError(source, f"gold entity {ent!r} needs an 'id' and a 'name'")
        if ent.get("type") not in ENTITY_TYPES:
            raise InputError(source, f"entity {ent.get('id')!r} has type {ent.get('type')!r}; "
                                     f"valid: {', '.join(ENTITY_TYPES)}")
        ids.add(ent.get("id"))
    for rel in gold["relations"]:
        if not isinstance(rel, Mapping):
            raise InputError(source, f"gold relation {rel!r} is not an object")
        if rel.get("type") not in RELATION_TYPES:
            raise InputError(source, f"relation type {rel.get('type')!r}; valid: {', '.join(RELATION_TYPES)}")
        for end in ("head", "tail"):
            if rel.get(end) not in ids:
                raise InputError(source, f"relation {end} {rel.get(end)!r} is not a gold entity id")


@dataclass(frozen=True)
class _Gold:
    """The gold annotation indexed by entity id (labels are normalised)."""

    labels: dict[str, frozenset[str]]
    type: dict[str, str]
    optional: dict[str, bool]
    name: dict[str, str]
    relations: dict[tuple[str, str, str], bool]  # (head, type, tail) -> optional


def _index_gold(gold: Mapping) -> _Gold:
    ents = gold["entities"]
    return _Gold(
        labels={e["id"]: frozenset(normalise_label(x) for x in [e["name"], *e.get("aliases", [])]) for e in ents},
        type={e["id"]: e["type"] for e in ents},
        optional={e["id"]: bool(e.get("optional")) for e in ents},
        name={e["id"]: e["name"] for e in ents},
        relations={(r["head"], r["type"], r["tail"]): bool(r.get("optional")) for r in gold["relations"]},
    )


def _match(ents: dict[Node, _Predicted], gold: _Gold) -> dict[Node, str]:
    """Prediction → gold id: exact canonical names first, then any alias overlap.

    Nodes go shortest label first, as in score_kg.py; its ties fall in store
    order, here they fall to the shorter rdfs:label, then the IRI, so that a
    node named 国务院 wins 国务院 over one that merely has it as an alias.
    """
    pmap: dict[Node, str] = {}
    matched: set[str] = set()
    order = sorted(ents.items(), key=lambda kv: (min(map(len, kv[1].labels), default=0), kv[1].main, str(kv[0])))
    for exact in (True, False):
        for node, pred in order:
            if node in pmap:
                continue
            cands = [gid for gid, labels in gold.labels.items()
                     if gold.type[gid] == pred.type and gid not in matched
                     and ((normalise_label(gold.name[gid]) in pred.labels) if exact else (labels & pred.labels))]
            if cands:
                best = min(cands, key=lambda gid: (gold.optional[gid], gid))
                pmap[node] = best
                matched.add(best)
    return pmap


def _new_counts() -> dict[str, dict]:
    return {t: {"tp": 0, "fp": 0, "fn": 0, "missed": [], "wrong": []} for t in ENTITY_TYPES + RELATION_TYPES}


def _score_entities(ents: dict[Node, _Predicted], gold: _Gold, pmap: dict[Node, str], res: dict[str, dict]) -> None:
    for node, pred in ents.items():
        gid = pmap.get(node)
        if gid is None:
            # an unmatched node naming an optional gold entity (a duplicate of it) is ignored
            if any(gold.optional[g2] and labels & pred.labels for g2, labels in gold.labels.items()):
                continue
            res[pred.type]["fp"] += 1
            res[pred.type]["wrong"].append(tuple(sorted(pred.labels)[:3]))
        elif not gold.optional[gid]:
            res[pred.type]["tp"] += 1
    matched = set(pmap.values())
    for gid in gold.labels:
        if not gold.optional[gid] and gid not in matched:
            res[gold.type[gid]]["fn"] += 1
            res[gold.type[gid]]["missed"].append((gold.name[gid],))


def _score_relations(ents: dict[Node, _Predicted], rels: list[tuple[Node, str, Node]], gold: _Gold,
                     pmap: dict[Node, str], res: dict[str, dict]) -> None:
    def shown(node: Node, gid: str | None) -> str:
        return gold.name[gid] if gid else (sorted(ents[node].labels) or ["?"])[0]

    seen = set()
    for head, rel_type, tail in rels:
        gh, gt = pmap.get(head), pmap.get(tail)
        key = (gh, rel_type, gt)
        if key in seen and gh and gt:
            continue
        seen.add(key)
        if gh and gt and key in gold.relations:
            if not gold.relations[key]:
                res[rel_type]["tp"] += 1
        elif (gh and gold.optional[gh]) or (gt and gold.optional[gt]):
            continue  # a prediction touching an optional gold entity is not judged
        else:
            res[rel_type]["fp"] += 1
            res[rel_type]["wrong"].append((shown(head, gh), shown(tail, gt)))
    for (gh, rel_type, gt), optional in gold.relations.items():
        if not optional and (gh, rel_type, gt) not in seen:
            res[rel_type]["fn"] += 1
            res[rel_type]["missed"].append((gold.name[gh], gold.name[gt]))


def evaluate(rdf: Graph, gold: Mapping) -> Report:
    """Score ``rdf`` against a gold annotation (``{"entities": [...], "relations": [...]}``).

    ``rdf`` should hold the ontology too, so that subclasses (``dgo:Province``)
    count as their base type; :func:`evaluate_files` merges it.

    Raises:
        InputError: ``gold`` lacks the two lists, or names an unknown type or entity id.

    Example:
        >>> from rdflib import Graph, Literal, URIRef
        >>> from rdflib.namespace import RDF, RDFS
        >>> rdf = Graph()
        >>> node = URIRef("https://w3id.org/dgkg/id/region/360000")
        >>> rdf.add((node, RDF.type, DGO.Region))  # doctest: +ELLIPSIS
        <Graph ...>
        >>> rdf.add((node, RDFS.label, Literal("江西省", lang="zh")))  # doctest: +ELLIPSIS
        <Graph ...>
        >>> gold = {"entities": [{"id": "jx", "type": "Region", "name": "江西省"},
        ...                      {"id": "sh", "type": "Region", "name": "上海市"}], "relations": []}
        >>> report = evaluate(rdf, gold)
        >>> report["Region"].tp, report["Region"].fn, report.entities.recall
        (1, 1, 0.5)
    """
    _check_gold(gold, "gold")
    ents, rels = _predicted(rdf)
    index = _index_gold(gold)
    pmap = _match(ents, index)
    res = _new_counts()
    _score_entities(ents, index, pmap, res)
    _score_relations(ents, rels, index, pmap, res)
    types = tuple(TypeScore(type=t, tp=v["tp"], fp=v["fp"], fn=v["fn"], missed=tuple(v["missed"]),
                            wrong=tuple(v["wrong"])) for t, v in res.items())
    return Report(types=types, entities=_pool(types, ENTITY_TYPES), relations=_pool(types, RELATION_TYPES))


def _pool(types: tuple[TypeScore, ...], names: tuple[str, ...]) -> Summary:
    chosen = [s for s in types if s.type in names]
    return Summary(tp=sum(s.tp for s in chosen), fp=sum(s.fp for s in chosen), fn=sum(s.fn for s in chosen))


def evaluate_files(graph_path: str | Path, gold_path: str | Path, *, ontology: str | Path | None = None) -> Report:
    """Read a graph file and a gold JSON file, merge the ontology, and score.

    Args:
        graph_path: an RDF file (format guessed from the suffix; Turtle for ``.ttl``).
        gold_path: the gold JSON (``{"documents", "entities", "relations"}``).
        ontology: the ontology folder (default: :data:`kg.ontology.ONTOLOGY_DIR`).

    Raises:
        InputError: a file is missing or does not parse, or the gold JSON lacks
            ``entities``/``relations``.
        OntologyError: the ontology folder has no ``dgo.ttl``.
    """
    graph_path, gold_path = Path(graph_path), Path(gold_path)
    for path in (graph_path, gold_path):
        if not path.is_file():
            raise InputError(path, "no such file")
    rdf = Graph()
    try:
        rdf.parse(graph_path)
    except Exception as err:  # rdflib raises parser-specific types
        raise InputError(graph_path, f"cannot parse as RDF: {err}") from err
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(gold_path, f"not valid UTF-8 JSON: {err}") from err
    _check_gold(gold, str(gold_path))
    rdf += load_ontology(ontology)
    return evaluate(rdf, gold)


def _item(score: TypeScore, item: tuple[str, ...], *, wrong: bool) -> str:
    if wrong and score.type in ENTITY_TYPES:
        return str(list(item))  # score_kg.py prints a node's labels as a Python list
    return " -> ".join(item)


def format_report(report: Report, *, verbose: bool = False) -> str:
    """The lines score_kg.py prints: one per type, then ENTITIES and RELATIONS.

    With ``verbose``, each type line is followed by what was missed and what
    was wrong (at most 25 items each).

    Example:
        >>> print(format_report(Report(types=(TypeScore(type="Region", tp=1, fn=1),),
        ...                            entities=Summary(tp=1, fn=1), relations=Summary())))
        Region          P=1.00 R=0.50 F1=0.67  tp=1 fp=0 fn=1
        ENTITIES        P=1.000 R=0.500 F1=0.667
        RELATIONS       P=0.000 R=0.000 F1=0.000
    """
    lines = []
    for s in report.types:
        lines.append(f"{s.type:15s} P={s.precision:.2f} R={s.recall:.2f} F1={s.f1:.2f}  tp={s.tp} fp={s.fp} fn={s.fn}")
        if verbose and s.missed:
            lines.append("   missed: " + "; ".join(_item(s, x, wrong=False) for x in s.missed[:_SHOWN]))
        if verbose and s.wrong:
            lines.append("   wrong:  " + "; ".join(_item(s, x, wrong=True) for x in s.wrong[:_SHOWN]))
    for group, total in (("ENTITIES", report.entities), ("RELATIONS", report.relations)):
        lines.append(f"{group:15s} P={total.precision:.3f} R={total.recall:.3f} F1={total.f1:.3f}")
    return "\n".join(lines)
