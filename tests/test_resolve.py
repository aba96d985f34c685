from __future__ import annotations

from kg.extract import extract
from kg.model import Document, EntityType, RelationType
from kg.resolve import entity_id, name_key, resolve


def _resolve(*texts: str):
    return resolve(extract(Document(id=f"d{i}", text=t, original="")) for i, t in enumerate(texts))


def test_one_entity_per_thing_across_documents_with_aliases():
    ents, _ = _resolve("江西省建设“赣服通”。", "江西推广赣服通,赣服通好用。")
    by_name = {e.name: e for e in ents}
    assert set(by_name) == {"江西省", "赣服通"}
    assert by_name["江西省"].docs == {"d0", "d1"}
    assert {"江西", "赣"} <= by_name["江西省"].aliases
    assert by_name["江西省"].code == "360000" and by_name["江西省"].subtype == "Province"


def test_traditional_surface_becomes_an_alias():
    from kg.ingest import parse_document

    doc = parse_document("標題標題\n廣東省推進數字政府改革。", doc_id="d")
    ents, _ = resolve([extract(doc)])
    guangdong = next(e for e in ents if e.name == "广东省")
    assert "廣東省" in guangdong.aliases


def test_region_parent_links_when_both_are_mentioned_anywhere():
    ents, rels = _resolve("韶关市建设数据中心集群。", "广东省推进改革。")
    names = {e.id: e.name for e in ents}
    assert ("韶关市", RelationType.PART_OF, "广东省") in {(names[r.head_id], r.type, names[r.tail_id]) for r in rels}


def test_ids_are_stable_and_typed():
    assert entity_id(EntityType.REGION, "江西省", "360000") == "region/360000"
    assert entity_id(EntityType.PLATFORM, "“赣服通”") == entity_id(EntityType.PLATFORM, "赣服通")
    assert entity_id(EntityType.PLATFORM, "赣服通") != entity_id(EntityType.POLICY, "赣服通")
    assert name_key(" 《指导 意见》 ") == "指导意见"


def test_relations_point_at_entities():
    ents, rels = _resolve("国务院日前印发《关于加强数字政府建设的指导意见》。")
    ids = {e.id for e in ents}
    assert rels and all(r.head_id in ids and r.tail_id in ids for r in rels)
