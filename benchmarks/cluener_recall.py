"""Recall of the extractor on the CLUENER2020 dev set (an outside, general-news check).

Usage: python benchmarks/cluener_recall.py [DEV.json] [--limit N] [--show-missed K]

Each record's text is made into a Document with ``kg.ingest.parse_document``
(doc_id ``cluener-N``) and run through ``kg.extract.extract``. Gold mentions
of three CLUENER labels are compared with extracted mentions of one type:

    name → Person,  government → Organization,  address → Region

A gold mention counts as found when an extracted mention of that type has the
same span or the same text (after NFKC and traditional→simplified, as the
ingest stage does). CLUENER does not annotate everything the extractor looks
for (``company`` and ``organization`` are also Organizations here, a bare
city name is often not an ``address``), so only recall is measured; the
number of predicted mentions per type, how many of them coincide with a gold
mention of the mapped label (pred=gold) and with a gold mention of any CLUENER
label (pred=any), are printed so precision can be eyeballed.

This is a script that prints figures, not a test.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DEV = REPO.parent / "shared" / "benchmarks" / "cluener" / "dev.json"
LABELS = {"name": "Person", "government": "Organization", "address": "Region"}
# CLUENER texts are single lines, which ingest would take for a title; a neutral
# first line keeps the text in the body (and names no region, so adds no context).
HEADER = "CLUENER 基准句子\n"


def read_records(path: Path, limit: int | None) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return records[:limit] if limit else records


def gold_mentions(record: dict) -> list[tuple[str, int, int, str]]:
    """(label, start, end exclusive, text) of the labels scored here."""
    out = []
    for label, by_text in record.get("label", {}).items():
        if label in LABELS:
            out += [(label, s, e + 1, text) for text, spans in by_text.items() for s, e in spans]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", nargs="?", default=str(DEFAULT_DEV), help=f"CLUENER dev.json (default: {DEFAULT_DEV})")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N records")
    parser.add_argument("--show-missed", type=int, default=0, metavar="K", help="print K missed mentions per label")
    args = parser.parse_args(argv)

    from kg.extract import extract
    from kg.ingest import parse_document, to_simplified

    clock = time.perf_counter()
    # one throw-away document loads the lexicon and jieba, so the rate below measures extraction
    extract(parse_document(HEADER + "中国联通党组书记、董事长刘烈宏表示，郴州市数据局在北京市海淀区召开会议。",
                           doc_id="cluener-warm-up"))
    warm = time.perf_counter() - clock

    records = read_records(Path(args.dev), args.limit)
    gold_n, found, by_span = Counter(), Counter(), Counter()
    predicted, predicted_hit, predicted_any = Counter(), Counter(), Counter()
    missed = defaultdict(list)
    emptied = failed = 0
    clock = time.perf_counter()
    for n, record in enumerate(records):
        raw = record["text"]
        norm = to_simplified(unicodedata.normalize("NFKC", raw))
        doc = parse_document(HEADER + raw, doc_id=f"cluener-{n}")
        shift = len(norm) - len(norm.lstrip())
        aligned = doc.text == norm.strip()  # spans are comparable only if ingest kept the text as is
        emptied += not aligned
        try:
            mentions = extract(doc).mentions
        except Exception as err:  # a benchmark keeps going; the failure is counted and shown
            failed += 1
            print(f"cluener-{n}: {type(err).__name__}: {err}", file=sys.stderr)
            mentions = ()
        spans = {(m.type.value, m.start + shift, m.end + shift) for m in mentions} if aligned else set()
        texts = {(m.type.value, m.text) for m in mentions}
        gold = gold_mentions(record)
        gold_keys = {(LABELS[label], s, e) for label, s, e, _ in gold} | {
            (LABELS[label], to_simplified(unicodedata.normalize("NFKC", text))) for label, _, _, text in gold}
        for label, start, end, text in gold:
            etype = LABELS[label]
            gold_n[label] += 1
            span_hit = (etype, start, end) in spans
            text_hit = (etype, to_simplified(unicodedata.normalize("NFKC", text))) in texts
            by_span[label] += span_hit
            found[label] += span_hit or text_hit
            if not (span_hit or text_hit):
                missed[label].append(f"{text} | {raw}")
        any_keys = {(s, e + 1) for by_text in record.get("label", {}).values()
                    for spans_ in by_text.values() for s, e in spans_} | {
            to_simplified(unicodedata.normalize("NFKC", text)) for by_text in record.get("label", {}).values()
            for text in by_text}
        for m in mentions:
            predicted[m.type.value] += 1
            predicted_hit[m.type.value] += ((m.type.value, m.start + shift, m.end + shift) in gold_keys
                                            or (m.type.value, m.text) in gold_keys)
            predicted_any[m.type.value] += (aligned and (m.start + shift, m.end + shift) in any_keys) or m.text in any_keys
    took = time.perf_counter() - clock

    print(f"CLUENER dev: {len(records)} records from {args.dev}")
    print(f"{'gold label':12s} {'→ type':14s} {'gold':>5s} {'found':>6s} {'recall':>7s} {'same span':>10s}"
          f" {'predicted':>10s} {'pred=gold':>10s} {'pred=any':>9s}")
    for label, etype in LABELS.items():
        recall = found[label] / gold_n[label] if gold_n[label] else 0.0
        print(f"{label:12s} {'→ ' + etype:14s} {gold_n[label]:5d} {found[label]:6d} {recall:7.1%} {by_span[label]:10d}"
              f" {predicted[etype]:10d} {predicted_hit[etype]:10d} {predicted_any[etype]:9d}")
    others = {t: c for t, c in predicted.items() if t not in LABELS.values()}
    if others:
        print("other predicted mentions: " + ", ".join(f"{t} {c}" for t, c in sorted(others.items())))
    if emptied or failed:
        print(f"records whose text ingest changed or dropped: {emptied}; extractor failures: {failed}")
    rate = len(records) / took if took else 0.0
    print(f"runtime: {took:.2f} s for {len(records)} records ({rate:.0f} records/s), plus {warm:.2f} s loading")
    for label in LABELS:
        for line in missed[label][: args.show_missed]:
            print(f"missed {label}: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
