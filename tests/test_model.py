"""The model's frozen dataclasses: their ``__init__`` fills the slots directly (kg.model._init_through_slots)."""

import dataclasses
import inspect
import pickle

import pytest

import kg.model as model
from kg.model import EntityType, Mention, RelationMention, RelationType, Skipped

CLASSES = [getattr(model, name) for name in model.__all__ if dataclasses.is_dataclass(getattr(model, name))]


def _twin(cls):
    """The same fields as a plain frozen dataclass, with the __init__ dataclasses writes."""
    return dataclasses.make_dataclass(cls.__name__, [(f.name, f.type, f) for f in dataclasses.fields(cls)],
                                      frozen=True)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda c: c.__name__)
def test_signature_is_the_dataclass_one(cls):
    mine, theirs = inspect.signature(cls), inspect.signature(_twin(cls))
    assert [(p.name, p.kind, p.default) for p in mine.parameters.values()] == \
        [(p.name, p.kind, p.default) for p in theirs.parameters.values()]


def test_fields_are_set_positionally_by_keyword_and_by_default():
    a = Mention("d", 1, 3, "北京", EntityType.REGION, "北京市", code="110000")
    b = Mention(doc_id="d", start=1, end=3, text="北京", type=EntityType.REGION, canonical="北京市", code="110000")
    assert a == b and hash(a) == hash(b)
    assert (a.subtype, a.surface, a.code) == ("", "", "110000")
    assert Skipped("x.txt", "empty").details == ()
    assert dataclasses.replace(a, code="1").code == "1" and a.code == "110000"
    assert pickle.loads(pickle.dumps(a)) == a


def test_instances_stay_frozen():
    mention = Mention("d", 1, 3, "北京", EntityType.REGION)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mention.start = 2
    rel = RelationMention(mention, RelationType.PART_OF, mention, "北京。")
    with pytest.raises(dataclasses.FrozenInstanceError):
        rel.role = "x"


def test_wrong_arguments_fail_as_with_dataclasses():
    with pytest.raises(TypeError, match="missing"):
        Mention("d", 1)
    with pytest.raises(TypeError, match="unexpected keyword"):
        Mention("d", 1, 3, "北京", EntityType.REGION, colour="red")


def test_each_enum_member_has_its_module_name():
    # kg.model unpacks the enums into module names in their order of definition: a reordered member
    # would give a name another member
    for member in [*EntityType, *RelationType]:
        assert getattr(model, member.name) is member
    assert {name for name in model.__all__ if name.isupper()} == {m.name for m in [*EntityType, *RelationType]}
