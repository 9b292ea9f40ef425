#!/usr/bin/env python3
"""Generates commune workbooks for the consolidation benchmark (issue 6, "Scale"): a synthetic province of 100
communes and a synthetic country of 10,000 communes, in the layout of the bundled samples, with a units list and a
copy of Mappings/ that holds it.

    python3 Benchmarks/consolidate/make_country.py province     # 100 communes in 10 districts (~1 min)
    python3 Benchmarks/consolidate/make_country.py country      # 10,000 communes in 600 districts (~1 h on 2 cores)
    python3 Benchmarks/consolidate/make_country.py NAME --communes N --districts D [--no-lists] [--jobs J]

Output (git-ignored), for NAME:

    Benchmarks/data/consolidate/NAME/inputs/D/CODE-2023.xlsx            reports 1–7 of one commune (one workbook)
    Benchmarks/data/consolidate/NAME/inputs/D/CODE-2023-danh-sach.xlsx  its poor / near-poor household lists
    Benchmarks/data/consolidate/NAME/Mappings/                          a copy of Mappings/ plus units/NAME.csv
    Benchmarks/data/consolidate/NAME/manifest.json                      what was made, and the expected totals

The workbooks are written by Samples/make_samples.py's own functions (`write_commune_reports`,
`write_commune_lists`, `make_households`, `flows`, `split`), imported, so they follow the mapping files exactly as
the samples do. Only the figures are new: every commune gets its villages, households, poor and near-poor
households with 12 deprivation flags (each poor household exactly 3, each near-poor household at most 2), the
flows of reports 2/3 and the rates of reports 5/7, all consistent, so a clean run has no finding of severity error.

The synthetic hierarchy (valid for 2023, before the 1 July 2025 reform): province `province` = 90 with districts
901–910 and communes 90001–90100; `country` = one province 91 with 600 districts 001–600 and communes
30000–39999 (10,000 communes: the country's 10,047, consolidated in one province-level run, which the hierarchy
model supports; no clash with the codes of the shipped Mappings/units). Each commune's figures come from its own
seeded generator (seed, code), so the files do not depend on --jobs and each run writes the same bytes.
"""
import argparse
import json
import multiprocessing
import os
import random
import shutil
import sys
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "Samples"))
import make_samples as samples  # noqa: E402  (layouts read from Mappings/forms; see Samples/README.md)

DATA = os.path.join(ROOT, "Benchmarks", "data", "consolidate")


def rate_half_up(numerator, denominator, places=2):
    """make_samples.rate without its no-tie assertion: generated denominators (32 households…) do give exact halves,
    which the validator accepts rounded either way (Forms/Validation/Tolerance.swift); written half up, as Excel."""
    exact = samples.d(numerator) * 100 / samples.d(denominator)
    return exact.quantize(samples.Decimal(1).scaleb(-places), samples.ROUND_HALF_UP)


samples.rate = rate_half_up
PRESETS = {
    # name: (province code, province name, district codes, first commune code, communes)
    "province": ("90", "Tỉnh Thử Nghiệm", [str(c) for c in range(901, 911)], 90001, 100),
    "country": ("91", "Tỉnh Cả Nước", [f"{c:03d}" for c in range(1, 601)], 30000, 10000),
}
SYLLABLES = ("Ia,Đăk,Kon,Chư,Ea,Bình,Tân,Phú,Hòa,Thạnh,An,Long,Mỹ,Xuân,Hưng,Thuận,Trung,Đông,Tây,Nam,Bắc,Sơn,"
             "Thủy,Lâm,Hà,Hải,Quang,Minh,Phước,Lộc").split(",")


def commune_name(rng):
    return f"Xã {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"


def deprivation_counts(rng, households, per_household):
    """12 counts adding up to per_household × households, none above households (a household has each
    indicator at most once), shaped like the plan's (some indicators common, indicator 4 rare)."""
    total = per_household * households
    weights = [rng.uniform(0.3, 1.6) for _ in range(12)]
    weights[3] = 0.02
    counts = samples.split(total, [samples.Decimal(str(round(w, 4))) for w in weights])
    # Cap at `households` and move the excess to indicators with room.
    for _ in range(100):
        over = [i for i in range(12) if counts[i] > households]
        if not over:
            break
        for i in over:
            excess = counts[i] - households
            counts[i] = households
            room = [j for j in range(12) if counts[j] < households]
            for k in range(excess):
                counts[room[k % len(room)]] += 1
    assert sum(counts) == total and max(counts) <= households
    return counts


def make_commune(seed, code, name):
    """The data of one commune in the shape make_samples.build_data gives (villages with their figures, household
    lists, flows), every figure consistent with the others."""
    rng = random.Random(f"{seed}:{code}")
    villages = rng.randint(3, 8)
    households = rng.randint(700, 2600)
    poor = max(3 * villages, round(households * rng.uniform(0.02, 0.12)))
    near = max(3 * villages, round(households * rng.uniform(0.03, 0.10)))
    dtts_poor = round(poor * rng.uniform(0.0, 0.9))
    dtts_near = round(near * rng.uniform(0.0, 0.9))
    spec = (code, name, code, villages, households, poor, near, dtts_poor, dtts_near)
    poor_counts = deprivation_counts(rng, poor, 3)
    near_counts = deprivation_counts(rng, near, 1)
    lists = samples.make_households(rng, spec, 0, poor_counts, near_counts)
    hh_split = samples.split(households, [rng.randint(9, 13) for _ in range(villages)])
    rows = []
    for v in range(1, villages + 1):
        P = [h for h in lists["poor"] if h["village"] == v]
        N = [h for h in lists["near"] if h["village"] == v]
        H = max(hh_split[v - 1], len(P) + len(N) + 10)
        middle = min(round(H * rng.uniform(0.04, 0.08)), H - len(P) - len(N))
        poor_p = sum(h["members"] for h in P)
        near_p = sum(h["members"] for h in N)
        others = H - len(P) - len(N)
        persons = poor_p + near_p + round(others * rng.uniform(3.8, 4.4))
        middle_p = min(round(middle * rng.uniform(3.8, 4.6)), persons - poor_p - near_p)
        village = {
            "id": f"{code}-{v}", "code": f"1.{v}", "name": f"Thôn {v}", "households": H, "persons": persons,
            "poor": len(P), "near": len(N), "middle": middle, "poor_p": poor_p, "near_p": near_p,
            "middle_p": middle_p,
            "poor_flags": [sum(h["flags"][i] for h in P) for i in range(12)],
            "near_flags": [sum(h["flags"][i] for h in N) for i in range(12)],
        }
        village["bc02"], village["bc02p"], village["bc03"], village["bc03p"] = samples.flows(
            rng, len(P), poor_p, len(N), near_p)
        rows.append(village)
    return {"code": code, "name": name, "slug": code, "villages": rows, "lists": lists,
            "households": sum(v["households"] for v in rows)}


def totals(c):
    """The commune's row-1 figures that a consolidation must reproduce (report 1)."""
    keys = ("households", "persons", "poor", "near", "middle", "poor_p", "near_p", "middle_p")
    return {k: sum(v[k] for v in c["villages"]) for k in keys}


def work(job):
    if job[0] == "clone":
        return clone(job)
    seed, code, name, district_code, district_name, folder, with_lists = job
    c = make_commune(seed, code, name)
    # The heading of a commune's forms names its district (make_samples names Ia H'Drai's).
    samples.commune_heading = lambda c: (f"UBND {district_name.upper()}", f"UBND {c['name'].upper()}")
    os.makedirs(folder, exist_ok=True)
    samples.write_commune_reports(c, os.path.join(folder, f"{code}-2023.xlsx"))
    if with_lists:
        samples.write_commune_lists(c, os.path.join(folder, f"{code}-2023-danh-sach.xlsx"))
    return code, totals(c)


_TEMPLATES = {}


def clone(job):
    """A commune's workbooks made from another's (its template): the same figures and name, its own code (the
    heading's "Mã đơn vị", the household codes) and district heading, by rewriting the shared-strings part; every
    other part is copied with its original metadata, so the bytes stay deterministic."""
    _, code, template, district_name, folder, with_lists = job
    os.makedirs(folder, exist_ok=True)
    for suffix in ("-2023.xlsx", "-2023-danh-sach.xlsx") if with_lists else ("-2023.xlsx",):
        source = os.path.join(template["folder"], template["code"] + suffix)
        if source not in _TEMPLATES:
            with zipfile.ZipFile(source) as archive:
                _TEMPLATES[source] = [(info, archive.read(info)) for info in archive.infolist()]
        with zipfile.ZipFile(os.path.join(folder, code + suffix), "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in _TEMPLATES[source]:
                if info.filename == "xl/sharedStrings.xml":
                    text = data.decode("utf-8")
                    text = text.replace("Mã đơn vị: " + template["code"], "Mã đơn vị: " + code)
                    text = text.replace("<t>" + template["code"], "<t>" + code)
                    text = text.replace(f"UBND {template['district_name'].upper()}<", f"UBND {district_name.upper()}<")
                    data = text.encode("utf-8")
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return code, template["totals"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("name", help="province, country, or a name of your own with --communes/--districts")
    parser.add_argument("--communes", type=int, help="number of communes (default: the preset's)")
    parser.add_argument("--districts", type=int, help="number of districts (default: the preset's)")
    parser.add_argument("--no-lists", action="store_true", help="reports only, no household list workbooks")
    parser.add_argument("--unique", type=int, default=500,
                        help="communes generated from their own figures; the others are copies of one of them with "
                             "their own code (default 500; 0 = all)")
    parser.add_argument("--seed", type=int, default=20231231)
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--out", help="output folder (default Benchmarks/data/consolidate/NAME)")
    args = parser.parse_args()

    province, province_name, districts, first, communes = PRESETS.get(args.name, PRESETS["province"])
    if args.communes:
        communes = args.communes
    if args.districts:
        districts = [f"{c:03d}" for c in range(1, args.districts + 1)]
    if args.name not in PRESETS and not args.communes:
        parser.error("a name other than province / country needs --communes")
    out = args.out or os.path.join(DATA, args.name)
    if os.path.exists(out):
        shutil.rmtree(out)
    inputs = os.path.join(out, "inputs")
    mappings = os.path.join(out, "Mappings")
    shutil.copytree(os.path.join(ROOT, "Mappings"), mappings)

    names = random.Random(f"{args.seed}:names")
    district_names = {d: f"Huyện {names.choice(samples_syllables())} {names.choice(samples_syllables())}"
                      for d in districts}
    unique = communes if args.unique <= 0 else min(args.unique, communes)
    jobs, lines = [], []
    for n in range(communes):
        code = f"{first + n:05d}"
        district = districts[n * len(districts) // communes]
        # A copy keeps its template's name (names repeat in real lists too; units are matched by code).
        name = commune_name(names) if n < unique else jobs[n % unique][2]
        jobs.append((args.seed, code, name, district, district_names[district], os.path.join(inputs, district),
                     not args.no_lists))
    lines.append("# Đơn vị hành chính tổng hợp giả định cho Benchmarks/consolidate (make_country.py); không phải "
                 "danh mục thật.")
    lines.append("# Synthetic units for the consolidation benchmark, written by make_country.py; not real units.")
    lines.append("code,name,level,parent_code,valid_from,valid_to,successor_code")
    lines.append(f"{province},{province_name},province,,,,")
    for d in districts:
        lines.append(f"{d},{district_names[d]},district,{province},,,")
    for _, code, name, district, *_ in jobs:
        lines.append(f"{code},{name},commune,{district},,,")
    with open(os.path.join(mappings, "units", f"{args.name}.csv"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")

    started = time.monotonic()
    figures = {}
    with multiprocessing.Pool(max(1, args.jobs)) as pool:
        done = 0
        for code, values in pool.imap_unordered(work, jobs[:unique], chunksize=4):
            figures[code] = values
            done += 1
            if done % 100 == 0 or done == unique:
                print(f"{done}/{communes} communes generated ({time.monotonic() - started:.0f} s)", file=sys.stderr)
        copies = []
        for n, (_, code, _, _, district_name, folder, with_lists) in enumerate(jobs[unique:], unique):
            t = jobs[n % unique]
            template = {"code": t[1], "folder": t[5], "district_name": t[4], "totals": figures[t[1]]}
            copies.append(("clone", code, template, district_name, folder, with_lists))
        for code, values in pool.imap_unordered(work, copies, chunksize=64):
            figures[code] = values
            done += 1
            if done % 1000 == 0 or done == communes:
                print(f"{done}/{communes} communes ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    expected = {k: sum(f[k] for f in figures.values()) for k in next(iter(figures.values()))}
    manifest = {
        "name": args.name, "province": province, "districts": len(districts), "communes": communes,
        "lists": not args.no_lists, "unique": unique, "seed": args.seed, "period": "2023",
        "files": communes * (1 if args.no_lists else 2), "expected_report1_totals": expected,
    }
    with open(os.path.join(out, "manifest.json"), "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)
    size = sum(os.path.getsize(os.path.join(p, f)) for p, _, fs in os.walk(inputs) for f in fs)
    print(f"{out}: {manifest['files']} files, {size / 1e6:.1f} MB, {time.monotonic() - started:.0f} s",
          file=sys.stderr)


def samples_syllables():
    return SYLLABLES


if __name__ == "__main__":
    main()
