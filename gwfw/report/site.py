"""The site around the pages: reports/index.html (a landing page), reports/status.html (the build log),
one zip per quarter, and the removal of pages the plan no longer names.

The index reads the manifests on disk (reports/<quarter>/*.json), so it lists every page that exists,
whichever run wrote it. Per quarter, newest first: the comparison with a sentence of key facts, then the
profiles, then a line for each district profiled earlier whose page this quarter would repeat.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from urllib.parse import quote

from ..compare.settings import colour_of, sort_districts
from ..langdata.words import text
from . import fragments as html

STATUS_LABELS = {"ok": "ok", "failed": "failed", "skipped": "skipped — up to date"}
COMPARISON = "30-compare-districts"
PROFILE = "20-district-profile"


def read_manifests(reports: Path, skipped: set = frozenset()) -> list[dict]:
    entries = []
    for path in sorted(Path(reports).glob("*/*.json")):
        try:
            manifest = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(manifest, dict) and {"quarter", "name", "status"} <= set(manifest):
            if (manifest["quarter"], manifest["name"]) in skipped:
                manifest["status"] = "skipped"
            entries.append(manifest)
    return entries


def _entry(e: dict) -> dict:
    district = (e.get("parameters") or {}).get("district") or ""
    return {
        **e,
        "href": quote(f"{e['quarter']}/{e['name']}.html"),
        "shown": html.show_parameters(e.get("parameters") or {}),
        "label": STATUS_LABELS.get(e["status"], e["status"]),
        "district": district,
        "colour": colour_of(district) if district else "",
        "summary": e.get("summary", ""),
        "figures_up_to": e.get("figures_up_to") or "—",
    }


def quarters(entries: list[dict]) -> list[dict]:
    """Per quarter, newest first: comparisons, profiles (settings' order), and the districts profiled in an
    earlier quarter with no new report since, each with a link to its last page."""
    by_quarter: dict[str, list[dict]] = {}
    for e in entries:
        by_quarter.setdefault(e["quarter"], []).append(_entry(e))
    last_profile: dict[str, dict] = {}
    out = []
    for quarter in sorted(by_quarter):
        rows = by_quarter[quarter]
        profiles = [r for r in rows if r["notebook"] == PROFILE and r["district"]]
        order = sort_districts(r["district"] for r in profiles)
        profiles.sort(key=lambda r: order.index(r["district"]))
        here = {r["district"] for r in profiles}
        older: dict[str, list[dict]] = {}
        for d in sort_districts(last_profile):
            if d not in here:
                older.setdefault(last_profile[d]["quarter"], []).append(last_profile[d])
        for r in profiles:
            last_profile[r["district"]] = r
        out.append(
            {
                "quarter": quarter,
                "comparisons": [r for r in rows if r["notebook"] == COMPARISON],
                "profiles": profiles,
                "older": [
                    {"since": text("no_newer", quarter=k), "quarter": k, "pages": v}
                    for k, v in sorted(older.items(), reverse=True)
                ],
                "others": sorted(
                    (r for r in rows if r["notebook"] != COMPARISON and r not in profiles),
                    key=lambda r: r["name"],
                ),
            }
        )
    return out[::-1]


def _render(template: str, **values) -> str:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(html.TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )
    env.globals["t"] = text
    return env.get_template(template).render(**values)


def index_page(entries: list[dict], only: str | None = None) -> str:
    """The landing page; `only` keeps one quarter (the index inside that quarter's zip)."""
    shown = quarters(entries)
    if only:
        shown = [q for q in shown if q["quarter"] == only]
    counts = {s: sum(e["status"] == s for e in entries) for s in STATUS_LABELS}
    built = max((e.get("data_built", "") for e in entries), default="")
    return _render(
        "index.html.j2", quarters=shown, counts=counts, total=len(entries), built=built, zipped=bool(only)
    )


def status_page(entries: list[dict]) -> str:
    """reports/status.html: every page with its parameters, status, seconds and error (the build log)."""
    rows = sorted((_entry(e) for e in entries), key=lambda r: (r["quarter"], r["name"]), reverse=True)
    counts = {s: sum(e["status"] == s for e in entries) for s in STATUS_LABELS}
    return _render("status.html.j2", rows=rows, counts=counts, total=len(entries))


def write_index(reports: Path, results=()) -> Path:
    """reports/index.html and reports/status.html over every manifest on disk; this run's skips say so."""
    skipped = {(r.job.quarter, r.job.name) for r in results if r.status == "skipped"}
    entries = read_manifests(reports, skipped)
    html.write_text(Path(reports) / "status.html", status_page(entries))
    index = Path(reports) / "index.html"
    html.write_text(index, index_page(entries))
    return index


def write_zip(reports: Path, quarter: str) -> Path:
    """reports/zip/<quarter>.zip: the quarter's HTML pages, the earlier profiles its index links to, and an
    index of that quarter alone; no notebooks, no manifests. Fixed dates: the same pages, the same zip."""
    entries = read_manifests(reports)
    page = next((q for q in quarters(entries) if q["quarter"] == quarter), None)
    names = [f"{quarter}/{p.name}" for p in sorted((Path(reports) / quarter).glob("*.html"))]
    if page:
        names += [f"{r['quarter']}/{r['name']}.html" for group in page["older"] for r in group["pages"]]
    out = Path(reports) / "zip" / f"{quarter}.zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        members = [("index.html", index_page(entries, only=quarter).encode("utf-8"))]
        members += [
            (n, (Path(reports) / n).read_bytes())
            for n in dict.fromkeys(names)
            if (Path(reports) / n).exists()
        ]
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    tmp.replace(out)
    return out


def remove_unplanned(reports: Path, jobs) -> list[Path]:
    """Outputs in the planned quarters' folders that no job writes: pages that would repeat an earlier one,
    or that an earlier naming wrote. Removed, so the index never links a page the data no longer makes."""
    planned = {(job.quarter, job.name) for job in jobs}
    gone = []
    for quarter in {job.quarter for job in jobs}:
        for path in sorted((Path(reports) / quarter).glob("*")):
            if path.suffix in (".html", ".ipynb", ".json") and (quarter, path.stem) not in planned:
                path.unlink()
                gone.append(path)
    return gone
