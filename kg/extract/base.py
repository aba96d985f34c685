"""Shared pieces of the mention finders: the document context and the Mention constructor."""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.lexicon import Region
from kg.model import Document, EntityType, Mention

__all__ = ["Context", "HAN", "is_han", "make_mention"]


HAN = "\u4e00-\u9fff"


@dataclass(frozen=True)
class Context:
    """What a document is about: the regions its bare 省 / 市 refer to.

    ``speaks_for`` is the level the text speaks from (我省 / 全省 → province,
    我市 / 全市 → city); its region is the ``home`` of unattributed facts.
    """

    province: Region | None = None
    city: Region | None = None
    speaks_for: str = ""

    @property
    def home(self) -> Region | None:
        if self.speaks_for == "city" and self.city:
            return self.city
        if self.speaks_for == "province" and self.province:
            return self.province
        return self.city or self.province

    def region_for(self, level: str) -> Region | None:
        if level == "province":
            return self.province
        if level == "city":
            return self.city or (self.province if self.province and self.province.name.endswith("市") else None)
        return None


def is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def make_mention(doc: Document, start: int, end: int, type_: EntityType, canonical: str = "",
             subtype: str = "", code: str = "") -> Mention:
    surface = doc.original[start:end] if doc.original else ""
    return Mention(doc.id, start, end, doc.text[start:end], type_, canonical, subtype, code, surface)
