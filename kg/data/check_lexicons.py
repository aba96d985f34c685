"""Validate the general-knowledge lexicons in this directory.

Usage:  python kg/data/check_lexicons.py [DATA_DIR]

Checks organizations.jsonl, platforms.jsonl and policies.jsonl for:
  * UTF-8, one JSON object per line, written with ensure_ascii=False;
  * required / allowed keys and value types;
  * ``kind`` values within the allowed sets;
  * ``parent`` / ``operator`` / ``issuer`` / ``co_issuers`` naming a line of
    organizations.jsonl (and no parent cycles);
  * no name or alias repeated within a file, compared both exactly and after
    the matching normalisation (NFKC, no quotes, no 《》, no white space,
    case-folded); variants of one line that only differ by that
    normalisation are allowed;
  * lines sorted by name.

Standard library only. Exit status 0 when clean, 1 when problems were found.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

ORG_KINDS = {"agency", "party", "enterprise", "institute", "media"}
POLICY_KINDS = {"initiative", "document"}
REGION_SUFFIXES = ("省", "市", "自治区", "特别行政区", "州", "盟", "地区", "区", "县")
# Bare generic words that must never be a name or alias on their own.
GENERIC = {
    "中心", "总局", "部", "局", "委", "办", "厅", "院", "署", "集团", "公司", "平台",
    "热线", "政府", "数字政府", "大数据", "人工智能", "数字经济", "政务服务", "一网",
}
_STRIP = set("《》〈〉“”‘’\"'「」『』 \t\u3000")

SPECS = {
    "organizations.jsonl": {
        "required": {"name": str, "aliases": list, "kind": str},
        "optional": {"parent": str},
    },
    "platforms.jsonl": {
        "required": {"name": str, "aliases": list, "region": (str, type(None))},
        "optional": {"operator": str, "scope": str},
    },
    "policies.jsonl": {
        "required": {"name": str, "aliases": list, "kind": str},
        "optional": {"issuer": str, "co_issuers": list, "scope": str, "regions": list},
    },
}


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in text if ch not in _STRIP).casefold()


def load(path: Path, errors: list[str]) -> list[dict]:
    rows: list[dict] = []
    try:
        raw = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        errors.append(f"{path.name}: file missing")
        return rows
    except UnicodeDecodeError as e:
        errors.append(f"{path.name}: not UTF-8 ({e})")
        return rows
    if raw and not raw.endswith("\n"):
        errors.append(f"{path.name}: last line has no newline")
    for no, line in enumerate(raw.split("\n")[:-1] if raw.endswith("\n") else raw.split("\n"), 1):
        where = f"{path.name}:{no}"
        if not line.strip():
            errors.append(f"{where}: blank line")
            continue
        if "\\u" in line:
            errors.append(f"{where}: \\u escape found (write with ensure_ascii=False)")
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: invalid JSON ({e})")
            continue
        if not isinstance(obj, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        obj["_where"] = where
        rows.append(obj)
    return rows


def check_shape(fname: str, rows: list[dict], errors: list[str]) -> None:
    spec = SPECS[fname]
    allowed = set(spec["required"]) | set(spec["optional"]) | {"_where"}
    for r in rows:
        w = r["_where"]
        for key, typ in spec["required"].items():
            if key not in r:
                errors.append(f"{w}: missing key {key!r}")
            elif not isinstance(r[key], typ):
                errors.append(f"{w}: {key!r} has type {type(r[key]).__name__}")
        for key, typ in spec["optional"].items():
            if key in r and not isinstance(r[key], typ):
                errors.append(f"{w}: {key!r} has type {type(r[key]).__name__}")
        extra = set(r) - allowed
        if extra:
            errors.append(f"{w}: unexpected keys {sorted(extra)} (allowed: {sorted(allowed - {'_where'})})")
        name = r.get("name")
        if isinstance(name, str) and (not name.strip() or name != name.strip()):
            errors.append(f"{w}: empty name or surrounding white space in {name!r}")
        aliases = r.get("aliases")
        if isinstance(aliases, list):
            for a in aliases:
                if not isinstance(a, str) or not a.strip() or a != a.strip():
                    errors.append(f"{w}: bad alias {a!r}")
            if name in aliases:
                errors.append(f"{w}: alias repeats the name {name!r}")
            if len(set(aliases)) != len(aliases):
                errors.append(f"{w}: repeated alias in {aliases}")
        for form in [name, *(aliases if isinstance(aliases, list) else [])]:
            if isinstance(form, str) and (normalise(form) in GENERIC or len(normalise(form)) < 2):
                errors.append(f"{w}: generic or too short surface form {form!r}")


def check_unique_and_sorted(fname: str, rows: list[dict], errors: list[str]) -> None:
    exact: dict[str, str] = {}
    norm: dict[str, str] = {}
    for r in rows:
        w, name = r["_where"], r.get("name")
        forms = [name, *r.get("aliases", [])] if isinstance(name, str) else []
        for form in forms:
            if not isinstance(form, str):
                continue
            if form in exact and exact[form] != w:
                errors.append(f"{w}: {form!r} already used at {exact[form]}")
            exact.setdefault(form, w)
            key = normalise(form)
            if key in norm and norm[key] != w:
                errors.append(f"{w}: {form!r} collides after normalisation with a form at {norm[key]}")
            norm.setdefault(key, w)
    names = [r.get("name") for r in rows if isinstance(r.get("name"), str)]
    if names != sorted(names):
        first = next(i for i, (a, b) in enumerate(zip(names, names[1:])) if a > b)
        errors.append(f"{fname}: not sorted by name (first at {names[first]!r} > {names[first + 1]!r})")


def check_refs(orgs: list[dict], plats: list[dict], pols: list[dict], errors: list[str]) -> None:
    org_names = {r["name"] for r in orgs if isinstance(r.get("name"), str)}

    def ref(w: str, key: str, value: object) -> None:
        if value is not None and value not in org_names:
            errors.append(f"{w}: {key} {value!r} is not a name in organizations.jsonl")

    parents: dict[str, str] = {}
    for r in orgs:
        w = r["_where"]
        if r.get("kind") not in ORG_KINDS:
            errors.append(f"{w}: kind {r.get('kind')!r} not in {sorted(ORG_KINDS)}")
        if "parent" in r:
            ref(w, "parent", r["parent"])
            if r["parent"] == r.get("name"):
                errors.append(f"{w}: is its own parent")
            parents[r["name"]] = r["parent"]
    for start in parents:
        seen, node = {start}, parents.get(start)
        while node is not None:
            if node in seen:
                errors.append(f"organizations.jsonl: parent cycle through {start!r}")
                break
            seen.add(node)
            node = parents.get(node)

    for r in plats:
        w = r["_where"]
        region = r.get("region")
        if isinstance(region, str) and not region.endswith(REGION_SUFFIXES):
            errors.append(f"{w}: region {region!r} is not a full region name")
        if "operator" in r:
            ref(w, "operator", r["operator"])

    for r in pols:
        w, kind = r["_where"], r.get("kind")
        if kind not in POLICY_KINDS:
            errors.append(f"{w}: kind {kind!r} not in {sorted(POLICY_KINDS)}")
        name = r.get("name", "")
        if kind == "document":
            if not (name.startswith("《") and name.endswith("》")):
                errors.append(f"{w}: document name {name!r} must be in 《》")
            if "issuer" not in r:
                errors.append(f"{w}: document without issuer")
        elif kind == "initiative" and ("《" in name or "issuer" in r or "co_issuers" in r):
            errors.append(f"{w}: initiative {name!r} has 《》 or an issuer")
        if "issuer" in r:
            ref(w, "issuer", r["issuer"])
        for co in r.get("co_issuers", []) if isinstance(r.get("co_issuers"), list) else []:
            ref(w, "co_issuer", co)
            if co == r.get("issuer"):
                errors.append(f"{w}: co_issuer repeats issuer {co!r}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parent
    errors: list[str] = []
    loaded = {}
    for fname in SPECS:
        rows = load(data_dir / fname, errors)
        check_shape(fname, rows, errors)
        check_unique_and_sorted(fname, rows, errors)
        loaded[fname] = rows
    check_refs(loaded["organizations.jsonl"], loaded["platforms.jsonl"], loaded["policies.jsonl"], errors)
    for e in errors:
        print(e)
    counts = ", ".join(f"{f}: {len(r)}" for f, r in loaded.items())
    print(f"{'FAIL' if errors else 'OK'} ({counts}; {len(errors)} problem(s))")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
