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

Where score_kg.py's result depends on set iteration order (ties between
nodes with equally short labels, the order of "wrong" items), this module
breaks ties by IRI, so its output is deterministic.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from kg.errors import InputError
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


@functools.lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def normalise_label(text: str) -> str:
    """NFKC, traditional → simplified, then drop spaces, quotes and 《》-style brackets.

    Example:
        >>> normalise_label("《關於加強數字政府建設的指導意見》")
        '关于加强数字政府建设的指导意见'
    """
    return _STRIP.sub("", _t2s().convert(unicodedata.normalize("NFKC", text)))


def _members(rdf: Graph, root: Node, link: Node) -> set[Node]:
    # transitive_subjects includes root itself: the zero-length step of link*
    return set(rdf.transitive_subjects(link, root))


def _predicted(rdf: Graph) -> tuple[dict[Node, tuple[str, frozenset[str]]], list[tuple[Node, str, Node]]]:
    ents: dict[Node, tuple[str, frozenset[str]]] = {}
    for type_name in ENTITY_TYPES:
        nodes = {e for cls in _members(rdf, DGO[type_name], RDFS.subClassOf) for e in rdf.subjects(RDF.type, cls)}
        for node in sorted(nodes - ents.keys(), key=str):
            labels = {normalise_label(str(o)) for p in _LABELS for o in rdf.objects(node, p)}
            ents[node] = (type_name, frozenset(label for label in labels if label))
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


def _match(ents, labels, gtype, gopt, name) -> dict[Node, str]:
    """Prediction → gold id: exact canonical names first, then any alias overlap."""
    pmap: dict[Node, str] = {}
    matched: set[str] = set()
    order = sorted(ents.items(), key=lambda kv: (min((len(x) for x in kv[1][1]), default=0), str(kv[0])))
    for exact in (True, False):
        for node, (type_name, ls) in order:
            if node in pmap:
                continue
            cands = [gid for gid in labels if gtype[gid] == type_name and gid not in matched
                     and ((normalise_label(name[gid]) in ls) if exact else (labels[gid] & ls))]
            if cands:
                best = min(cands, key=lambda gid: (gopt[gid], gid))
                pmap[node] = best
                matched.add(best)
    return pmap


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
    gents = gold["entities"]
    labels = {e["id"]: {normalise_label(x) for x in [e["name"], *e.get("aliases", [])]} for e in gents}
    gtype = {e["id"]: e["type"] for e in gents}
    gopt = {e["id"]: bool(e.get("optional")) for e in gents}
    name = {e["id"]: e["name"] for e in gents}
    pmap = _match(ents, labels, gtype, gopt, name)
    res = {t: {"tp": 0, "fp": 0, "fn": 0, "missed": [], "wrong": []} for t in ENTITY_TYPES + RELATION_TYPES}

    for node, (type_name, ls) in ents.items():
        gid = pmap.get(node)
        if gid is None:
            # an unmatched node naming an optional gold entity (a duplicate of it) is ignored
            if any(gopt[g2] and labels[g2] & ls for g2 in labels):
                continue
            res[type_name]["fp"] += 1
            res[type_name]["wrong"].append(tuple(sorted(ls)[:3]))
        elif not gopt[gid]:
            res[type_name]["tp"] += 1
    matched = set(pmap.values())
    for gid in labels:
        if not gopt[gid] and gid not in matched:
            res[gtype[gid]]["fn"] += 1
            res[gtype[gid]]["missed"].append((name[gid],))

    def shown(node, gid):
        return name[gid] if gid else (sorted(ents[node][1]) or ["?"])[0]

    grels = {(r["head"], r["type"], r["tail"]): bool(r.get("optional")) for r in gold["relations"]}
    seen = set()
    for head, rel_type, tail in rels:
        gh, gt = pmap.get(head), pmap.get(tail)
        key = (gh, rel_type, gt)
        if key in seen and gh and gt:
            continue
        seen.add(key)
        if gh and gt and key in grels:
            if not grels[key]:
                res[rel_type]["tp"] += 1
        elif (gh and gopt[gh]) or (gt and gopt[gt]):
            continue
        else:
            res[rel_type]["fp"] += 1
            res[rel_type]["wrong"].append((shown(head, gh), shown(tail, gt)))
    for (gh, rel_type, gt), optional in grels.items():
        if not optional and (gh, rel_type, gt) not in seen:
            res[rel_type]["fn"] += 1
            res[rel_type]["missed"].append((name[gh], name[gt]))

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
