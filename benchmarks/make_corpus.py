"""A deterministic synthetic corpus for the benchmarks: N reports grown from the seed reports in data/raw.

    python benchmarks/make_corpus.py --n 10000 --seed 7 --out benchmarks/out/corpus

Each report is one seed report (data/raw/*.txt with its catalog row) with:

- its district replaced by a county-level unit sampled from the gazetteer (full name, short stem and
  city; a city-wide notice gets a sampled city and its numbered sections that city's counties);
- its years shifted (-3 … +2, in the text, the title and the publication date) and, for some, its
  quarter shifted (二季度 -> 四季度, 1—6月 -> 1—12月, 上半年 -> 全年);
- its numbers perturbed (digits after the first), a few rewritten in Chinese numerals (二十一个, 两个)
  or in 万 (33771件 -> 3.4万件);
- noise: web navigation lines before and after, full-width indentation, blank lines, hard-wrapped
  lines, CRLF line ends for some files, GB18030 or a UTF-8 BOM for a few.

Writes DIR/*.txt and DIR/catalog.csv (the columns of data/raw/catalog.csv). Every report depends only on
(seed, its index), so the same seed gives a byte-identical corpus and the first K reports of a corpus of
N are the corpus of K. Other *.txt files in DIR are removed.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from gwfw import paths
from gwfw.dataset.raw_folder import CATALOG_COLUMNS, read_catalog, read_text
from gwfw.extract.places import MUNICIPALITIES, places

CN_DIGITS = "零一二三四五六七八九"
QUARTER_WORDS = "一二三四"
HALF_FOR_QUARTER = {1: "一季度", 2: "上半年", 3: "前三季度", 4: "全年"}
UNIT_CHARS = "个件项家人次条台所名批"
YEAR = re.compile(r"(?<![\d.])(20[0-2]\d)(?![\d.])")
NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
MONTH_RANGE = re.compile(r"(?<![\d.])1(\s*[—\-－~～至到]\s*)(3|6|9|12)月")
QUARTER = re.compile(r"([一二三四])季度")
HEADERS = (
    "首页 > 政务公开 > 工作动态",
    "当前位置：首页>>信息公开>>法定主动公开内容>>工作报告",
    "【字体：大 中 小】　【打印本页】　【关闭窗口】",
    "分享到：微信 微博 QQ空间",
    "索引号：{code}-{n}/{year}-{m}　　主题分类：政务服务",
    "发布时间：{published}　　来源：{publisher}　　浏览次数：{views}",
    "字号：【大】【中】【小】　视力保护色：",
)
FOOTERS = (
    "网站地图 | 联系我们 | 隐私声明 | 使用帮助",
    "主办单位：{publisher}　　承办单位：{city}大数据发展局",
    "网站标识码：{code}{n}　　ICP备案号：ICP备{views}号-1",
    "技术支持：{city}政务信息中心　　建议使用1920×1080分辨率浏览",
    "【打印本页】【关闭窗口】【返回顶部】",
    "相关链接：国务院部门网站 地方政府网站 部门街镇网站",
)


@dataclass(frozen=True)
class Fixed:
    """What a report of the national corpus pins: its seed report, county, and shifts of year and quarter."""

    seed_file: str
    place: object  # a gwfw.extract.places.Place of level county
    year_shift: int
    quarter_shift: int  # 0-3: the seed's 二季度 becomes 二/三/四/一季度, 1—6月 becomes 1—6/9/12/3月


@dataclass(frozen=True)
class Seed:
    file: str
    text: str
    row: dict
    names: tuple[str, ...]  # districts named in the text, the catalog's own first
    city: str  # the city (or municipality) the seed belongs to, as written in it
    province: str


def _stem(name: str) -> str:
    return name[:-1] if len(name) >= 3 and name[-1] in "区县市旗" else name


def load_seeds(raw: Path) -> list[Seed]:
    """The seed reports, with the place names that a synthetic report replaces."""
    by_name = {}
    for p in places():
        by_name.setdefault(p.name, p)
    seeds = []
    for row in read_catalog(raw):
        text, _ = read_text(raw / row["file"])
        district = row["district"]
        place = by_name.get(district)
        names: list[str] = [district]
        if place is not None and place.level in (
            "province",
            "city",
        ):  # a city notice: its sections' districts
            heads = re.findall(r"^[ \t　]*[一二三四五六七八九十]{1,3}、(.{2,12}?(?:区|县))", text, flags=re.M)
            names += [h for h in dict.fromkeys(heads) if h != district]
            city, province = place.name, place.province
        elif place is not None:
            city, province = place.city, place.province
        else:
            city, province = "", ""
        seeds.append(Seed(row["file"], text, row, tuple(names), city, province))
    return seeds


def _counties_by_city() -> dict[str, list]:
    groups: dict[str, list] = {}
    for p in places():
        if p.level == "county" and p.code:
            groups.setdefault(p.city, []).append(p)
    return groups


class Corpus:
    def __init__(self, raw: Path, seed: int):
        self.seed = seed
        self.seeds = load_seeds(raw)
        self.counties = [p for p in places() if p.level == "county" and p.code]
        groups = _counties_by_city()
        self.cities = sorted((c for c, members in groups.items() if len(members) >= 3))
        self.groups = groups
        self.city_places = {
            p.name: p
            for p in places()
            if p.level == "city" or (p.level == "province" and p.code[:2] in MUNICIPALITIES)
        }

    # -- pieces --------------------------------------------------------------------------------------
    @staticmethod
    def _chinese(v: int) -> str:
        """1..99 in Chinese numerals: 二十一, 十五, 两 (before a measure word)."""
        if v == 2:
            return "两"
        tens, ones = divmod(v, 10)
        if tens == 0:
            return CN_DIGITS[ones]
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")

    def _number(self, rng: random.Random, m: re.Match, text: str) -> str:
        s = m.group()
        after, before = text[m.end() : m.end() + 1], text[m.start() - 1 : m.start()]
        if (
            after in "年月日号季〕时:：-—/－~～点"
            or before in "〔第:：/-—－~～"
            or s[0] == "0"
            or after == ""
        ):
            return s  # dates, document numbers, times, list labels: keep
        if s == "100" or rng.random() > 0.6:
            return s
        if "." in s:
            whole, frac = s.split(".")
            return (
                whole + "." + "".join(rng.choice("0123456789") for _ in frac[:-1]) + rng.choice("123456789")
            )
        if len(s) == 1:
            return str(rng.randint(1, 9)) if rng.random() < 0.3 else s
        v = int(s[0] + "".join(rng.choice("0123456789") if rng.random() < 0.5 else c for c in s[1:]))
        if after in UNIT_CHARS and v < 100 and rng.random() < 0.15:
            return self._chinese(v)
        if v >= 10000 and after != "万" and rng.random() < 0.15:
            return f"{v / 10000:.1f}".rstrip("0").rstrip(".") + "万"
        return str(v)

    def _noise_lines(self, rng: random.Random, pool, k: int, fields: dict) -> list[str]:
        return [line.format(**fields) for line in rng.sample(pool, k)]

    # -- one report ----------------------------------------------------------------------------------
    def report(self, i: int, fixed: Fixed | None = None) -> tuple[str, bytes, dict]:
        """(file name, bytes, catalog row) of report number i; depends only on (seed, i) and `fixed`, which
        pins the seed report, the county and the period (for make_national.py) instead of drawing them."""
        rng = random.Random(f"gwfw-corpus:{self.seed}:{i}")
        seed = self.seeds[i % len(self.seeds)] if i < len(self.seeds) else rng.choice(self.seeds)
        if fixed is not None:
            seed = next(s for s in self.seeds if s.file == fixed.seed_file)
        row = dict(seed.row)
        kind = row.get("kind", "")
        # places
        mapping: dict[str, str] = {}
        if kind == "city_notice" or seed.row["district"] == seed.city:
            city = rng.choice(self.cities)
            members = self.groups[city]
            picks = rng.sample(members, min(len(members), len(seed.names) - 1))
            while len(picks) < len(seed.names) - 1:
                picks.append(rng.choice(members))
            mapping[seed.names[0]] = city
            for old, new in zip(seed.names[1:], picks):
                mapping[old] = new.name
            district, new_city = city, self.city_places.get(city)
            new_province = new_city.province if new_city else city
            code = new_city.code if new_city else ""
        else:
            place = rng.choice(self.counties) if fixed is None else fixed.place
            mapping[seed.names[0]] = place.name
            mapping[_stem(seed.names[0])] = _stem(place.name)
            district, city, new_province, code = place.name, place.city, place.province, place.code
        if seed.city and seed.city != seed.row["district"]:
            mapping.setdefault(seed.city, city)
            mapping.setdefault(_stem(seed.city), _stem(city))
        if seed.province and seed.province != seed.city:
            mapping.setdefault(seed.province, new_province)
        names = re.compile("|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True)))
        swap = lambda s: names.sub(lambda m: mapping[m.group()], s)  # noqa: E731
        text = swap(seed.text)
        row = {k: swap(v) for k, v in row.items()}
        # years and quarters
        shift = rng.choice((-3, -2, -1, 0, 1, 2)) if fixed is None else fixed.year_shift
        year = lambda s: YEAR.sub(lambda m: str(int(m.group()) + shift), s)  # noqa: E731
        text = year(text)
        row["title"] = year(row.get("title", ""))
        if row.get("published"):
            d = date.fromisoformat(row["published"])
            row["published"] = date(d.year + shift, d.month, min(d.day, 28)).isoformat()
        drawn = fixed is None and QUARTER.search(text) and rng.random() < 0.7
        if drawn or (fixed is not None and fixed.quarter_shift):
            q_shift = rng.randint(1, 3) if fixed is None else fixed.quarter_shift
            qmap = {q: (q - 1 + q_shift) % 4 + 1 for q in range(1, 5)}
            quarter = lambda s: QUARTER.sub(  # noqa: E731
                lambda m: QUARTER_WORDS[qmap[QUARTER_WORDS.index(m[1]) + 1] - 1] + "季度", s
            )

            def months(s: str) -> str:
                return MONTH_RANGE.sub(lambda m: f"1{m[1]}{3 * qmap[int(m[2]) // 3]}月", s)

            text = months(quarter(text)).replace("上半年", HALF_FOR_QUARTER[qmap[2]])
            row["title"] = quarter(row["title"])
        # numbers
        text = NUMBER.sub(lambda m: self._number(rng, m, text), text)
        # noise
        fields = {
            "publisher": row.get("publisher") or district,
            "city": city,
            "published": row.get("published") or "",
            "code": f"{rng.randint(110000, 659999)}",
            "n": rng.randint(100, 9999),
            "year": 2020 + shift,
            "m": f"{rng.randint(1, 999):03d}",
            "views": rng.randint(10, 99999),
        }
        lines = text.split("\n")
        if rng.random() < 0.5:
            indent = rng.choice(("\u3000\u3000", "  ", "\u3000"))
            lines = [indent + ln.lstrip() if len(ln.strip()) > 30 else ln for ln in lines]
        if rng.random() < 0.2:  # hard-wrapped as copied from a PDF
            width = rng.randint(38, 80)
            lines = [ln[k : k + width] for ln in lines for k in range(0, max(len(ln), 1), width)]
        if rng.random() < 0.3:
            lines = [ln + (" " * rng.randint(1, 3) if rng.random() < 0.3 else "") for ln in lines]
            lines = [x for ln in lines for x in ((ln, "") if rng.random() < 0.15 else (ln,))]
        if rng.random() < 0.5:
            lines = self._noise_lines(rng, HEADERS, rng.randint(1, 4), fields) + [""] + lines
        if rng.random() < 0.4:
            lines = lines + [""] + self._noise_lines(rng, FOOTERS, rng.randint(1, 4), fields)
        text = "\n".join(lines).strip("\n") + "\n"
        newline = "\r\n" if rng.random() < 0.2 else "\n"
        r = rng.random()
        encoding = "gb18030" if r < 0.05 else "utf-8-sig" if r < 0.08 else "utf-8"
        data = text.replace("\n", newline).encode(encoding)
        name = f"{i:05d}_{seed.file[:3]}_{code or '000000'}.txt"
        row.update(
            file=name,
            district=district,
            url=f"https://example.gov.cn/zwgk/{i:05d}.html" if row.get("url") else "",
            notes=f"synthetic: seed {seed.file}, corpus seed {self.seed}, years {shift:+d}",
        )
        return name, data, row


def write_corpus(n: int, seed: int, out: Path, raw: Path = paths.RAW) -> tuple[int, int]:
    """Write the corpus; returns (reports, bytes)."""
    out.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(raw, seed)
    rows, written, total = [], set(), 0
    for i in range(n):
        name, data, row = corpus.report(i)
        (out / name).write_bytes(data)
        written.add(name)
        rows.append(row)
        total += len(data)
    finish_folder(out, rows, written)
    return n, total


def finish_folder(out: Path, rows: list[dict], written: set[str]) -> None:
    """Remove reports of an earlier run that this one did not write, and write the catalog of the rest."""
    for stale in out.glob("*.txt"):
        if stale.name not in written:
            stale.unlink()
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CATALOG_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    (out / "catalog.csv").write_bytes(buf.getvalue().encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=10000, help="number of reports (default 10000)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--raw", type=Path, default=paths.RAW, help="the seed reports (default data/raw)")
    args = p.parse_args(argv)
    start = time.perf_counter()
    n, total = write_corpus(args.n, args.seed, args.out, args.raw)
    print(f"{n} reports, {total / 1e6:.1f} MB in {args.out} ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
