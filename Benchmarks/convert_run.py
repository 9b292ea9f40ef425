#!/usr/bin/env python3
"""`bieumau convert` over the generated archive (issue 7): correctness, resuming after SIGKILL, and speed against
LibreOffice headless, all in one run.

    python3 Benchmarks/archive/make_archive.py                 # once: Benchmarks/data/archive (1,000 files)
    python3 Benchmarks/xls_generate.py                         # once: Benchmarks/data/bench.xls (65,535 x 20)
    python3 Benchmarks/convert_run.py [--bieumau PATH] [--skip-libreoffice] [--jobs N]

Steps, each printed with its figures:
  1. SHA-256 of every input (broken ones too).
  2. `bieumau convert inputs --to xlsx --fix-fonts --report report.json`: wall time, CPU time, peak memory of the
     whole process tree (sampled from /proc every 20 ms), cores used (CPU time / wall time).
  3. Every good file's output read back with openpyxl: each known text cell equal to the Unicode text the generator
     wrote (NFC), its font not a legacy one, bold kept on titles; every broken file listed as failed with a reason.
  4. The run again after SIGKILL of the whole process group halfway: it must finish, skip what was done, leave no
     temporary file, and every output must open.
  5. Inputs' SHA-256 again: unchanged.
  6. LibreOffice: `soffice --headless --convert-to xlsx` with 200 files per call (its fastest usage; one call with
     all 1,000 stops after 247 with exit status 0), and the 65,535 x 20 .xls alone, against `bieumau convert` of the
     same file.
  7. A sample of outputs validated with xmllint against ../shared/corpora/ooxml-xsd/sml.xsd, and read back by
     LibreOffice (values as CSV) equal to `bieumau cat` of the same outputs.
As root, the two files without read permission are readable anyway; the run is then also made as `nobody`
(setpriv) for those two, so that they fail as a user would see them fail.
"""
import argparse
import csv
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Benchmarks", "data")
ARCHIVE = os.path.join(DATA, "archive")
XSD = os.path.join(os.path.dirname(ROOT), "shared", "corpora", "ooxml-xsd", "sml.xsd")
LEGACY_FONT = re.compile(r"^(\.vn|vni[- ]|vps |vi )", re.I)


def sha256_tree(folder):
    sums = {}
    for dirpath, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(dirpath, name)
            try:
                with open(path, "rb") as f:
                    sums[path] = hashlib.sha256(f.read()).hexdigest()
            except OSError as error:
                sums[path] = "unreadable: %s" % error.strerror
    return sums


class TreeSampler(threading.Thread):
    """Peak resident memory of a process and all its descendants, from /proc, every 20 ms."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak, self.stop = pid, 0, False

    def tree_rss(self):
        children = {}
        rss = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % entry) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                children.setdefault(int(fields[1]), []).append(int(entry))
                rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError):
                continue
        total, stack = 0, [self.pid]
        while stack:
            pid = stack.pop()
            total += rss.get(pid, 0)
            stack.extend(children.get(pid, []))
        return total

    def run(self):
        while not self.stop:
            self.peak = max(self.peak, self.tree_rss())
            time.sleep(0.02)


def measured(argv, **kwargs):
    """Runs a command; wall seconds, CPU seconds (user + system of the children), peak tree RSS, exit status."""
    before = os.times()
    start = time.monotonic()
    process = subprocess.Popen(argv, stdout=kwargs.get("stdout", subprocess.DEVNULL),
                               stderr=kwargs.get("stderr", subprocess.DEVNULL), start_new_session=True)
    sampler = TreeSampler(process.pid)
    sampler.start()
    status = process.wait()
    wall = time.monotonic() - start
    sampler.stop = True
    sampler.join()
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return {"wall": wall, "cpu": cpu, "peak_mb": sampler.peak / 1e6, "status": status}


def describe(label, m):
    print("  %-44s %7.2f s wall, %7.2f s CPU, %.2f cores used, peak %6.0f MB (whole process tree), exit %d" % (
        label, m["wall"], m["cpu"], m["cpu"] / m["wall"] if m["wall"] else 0, m["peak_mb"], m["status"]))


def output_path(out, entry, stems):
    relative = os.path.relpath(os.path.join(ARCHIVE, entry["path"]), os.path.join(ARCHIVE, "inputs"))
    folder, name = os.path.split(relative)
    stem = os.path.splitext(name)[0]
    if stems.get((folder, stem), 0) > 1:
        stem = name
    return os.path.join(out, folder, stem + ".xlsx")


def verify(out, manifest, report_path):
    """Reads every output back and compares with the known text; returns (good ok, problems)."""
    import openpyxl
    stems = {}
    for entry in manifest["files"]:
        relative = os.path.relpath(entry["path"], "inputs")
        folder, name = os.path.split(relative)
        stems[(folder, os.path.splitext(name)[0])] = stems.get((folder, os.path.splitext(name)[0]), 0) + 1
    report = {os.path.relpath(r["path"], ARCHIVE): r for r in json.load(open(report_path))["inputs"]}
    problems, checked_cells, good = [], 0, 0
    for entry in manifest["files"]:
        record = report.get(entry["path"])
        if entry["expect"] == "failed":
            if entry["reason"] == "no read permission" and os.geteuid() == 0 and record and record["status"] == "ok":
                continue  # root reads it anyway; step 3 runs these two as nobody
            if record is None or record["status"] != "failed" or not record.get("reason"):
                problems.append("%s: expected failed with a reason, got %s" % (entry["path"], record))
            continue
        if record is None or record["status"] not in ("ok", "skipped"):
            problems.append("%s: %s" % (entry["path"], record and record.get("reason")))
            continue
        path = output_path(out, entry, stems)
        try:
            book = openpyxl.load_workbook(path, rich_text=False)
        except Exception as error:  # noqa: BLE001
            problems.append("%s: output does not open: %s" % (path, error))
            continue
        sheets = book.worksheets
        ok = True
        for sheet_index, row, col, text in entry["cells"]:
            cell = sheets[sheet_index].cell(row=row + 1, column=col + 1)
            value = cell.value if cell.value is not None else ""
            checked_cells += 1
            if unicodedata.normalize("NFC", str(value)) != unicodedata.normalize("NFC", text) or \
                    unicodedata.normalize("NFC", str(value)) != str(value):
                problems.append("%s %s!%s: %r != %r" % (path, sheets[sheet_index].title, cell.coordinate, value, text))
                ok = False
                break
            if not entry["kind"].startswith("csv") and cell.font is not None and cell.font.name and \
                    LEGACY_FONT.match(cell.font.name):
                problems.append("%s %s: legacy font %s left" % (path, cell.coordinate, cell.font.name))
                ok = False
                break
        if ok and not entry["kind"].startswith("csv"):
            title = sheets[0].cell(row=1, column=1)
            if not (title.font and title.font.b):
                problems.append("%s: the title lost its bold" % path)
                ok = False
            if "A1:G1" not in [str(r) for r in sheets[0].merged_cells.ranges]:
                problems.append("%s: the title merge A1:G1 is gone" % path)
                ok = False
        good += ok
    return good, checked_cells, problems


def tree_size(folder):
    return sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(folder) for n in ns)


def temporary_files(folder):
    found = []
    for dirpath, _, names in os.walk(folder):
        found += [os.path.join(dirpath, n) for n in names if ".tmp-" in n]
    return found


def killed_and_resumed(bieumau, inputs, out, jobs, full_wall):
    """SIGKILL of the whole process group halfway, then the same command again."""
    shutil.rmtree(out, ignore_errors=True)
    argv = [bieumau, "convert", inputs, "--to", "xlsx", "-o", out, "--fix-fonts", "--jobs", str(jobs)]
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(max(0.05, full_wall / 2))
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    done_before = sum(1 for _, _, names in os.walk(out) for n in names if n.endswith(".xlsx"))
    left = temporary_files(out)
    report = os.path.join(out, "..", "resume-report.json")
    second = subprocess.run(argv + ["--report", report], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    records = json.load(open(report))["inputs"]
    skipped = sum(1 for r in records if r["status"] == "skipped")
    ok = sum(1 for r in records if r["status"] == "ok")
    print("  killed at %.2f s: %d outputs complete, %d temporary files left by the kill" % (
        max(0.05, full_wall / 2), done_before, len(left)))
    print("  second run: exit %d, %d skipped (done before the kill), %d converted now, %d failed; "
          "temporary files after: %d" % (second.returncode, skipped, ok,
                                         sum(1 for r in records if r["status"] == "failed"), len(temporary_files(out))))
    return skipped == done_before and not temporary_files(out)


def libreoffice(files, outdir, batch=200):
    """`soffice --convert-to xlsx` over the files, `batch` files per call: a single call with all 1,000 stops after
    247 of them with exit status 0 (LibreOffice 7.4 here), so the calls are summed."""
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    try:
        # Warm the profile first, so that its one-time creation is not counted.
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--terminate_after_init"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        total = {"wall": 0.0, "cpu": 0.0, "peak_mb": 0.0, "status": 0, "calls": 0}
        for start in range(0, len(files), batch):
            m = measured(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "xlsx",
                          "--outdir", outdir] + files[start:start + batch])
            total["wall"] += m["wall"]
            total["cpu"] += m["cpu"]
            total["peak_mb"] = max(total["peak_mb"], m["peak_mb"])
            total["status"] = max(total["status"], m["status"])
            total["calls"] += 1
        return total
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def validate_xsd(paths):
    """xmllint --schema sml.xsd on the worksheet, workbook, styles and sharedStrings parts."""
    if not os.path.exists(XSD) or not shutil.which("xmllint"):
        return None
    scratch = tempfile.mkdtemp(prefix="xsd-")
    failures, parts = [], 0
    for path in paths:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if not (name.startswith("xl/worksheets/") or name in ("xl/workbook.xml", "xl/styles.xml",
                                                                     "xl/sharedStrings.xml")):
                    continue
                text = z.read(name).decode("utf-8")
                text = re.sub(r'(<t[^>]*?) xml:space="preserve"', r"\1", text)  # Excel writes it; sml.xsd lacks it
                part = os.path.join(scratch, "part.xml")
                open(part, "w", encoding="utf-8").write(text)
                parts += 1
                result = subprocess.run(["xmllint", "--noout", "--schema", XSD, part], capture_output=True, text=True)
                if result.returncode != 0:
                    failures.append("%s %s: %s" % (path, name, result.stderr.strip()[-300:]))
    shutil.rmtree(scratch, ignore_errors=True)
    return parts, failures


def libreoffice_values(bieumau, paths):
    """LibreOffice's reading of our outputs (values as CSV) against `bieumau cat` of the same outputs."""
    scratch = tempfile.mkdtemp(prefix="lo-values-")
    profile = tempfile.mkdtemp(prefix="lo-profile-")
    copies = []
    for i, path in enumerate(paths):
        copy = os.path.join(scratch, "book%03d.xlsx" % i)
        shutil.copy(path, copy)
        copies.append(copy)
    subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,1", "--outdir",
                    scratch] + copies, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=1800)
    cells = differences = 0
    examples = []
    for copy, path in zip(copies, paths):
        candidates = [p for p in os.listdir(scratch) if p.startswith(os.path.basename(copy)[:-5]) and p.endswith(".csv")]
        if not candidates:
            differences += 1
            examples.append("%s: LibreOffice wrote no CSV" % path)
            continue
        theirs = list(csv.reader(open(os.path.join(scratch, sorted(candidates)[0]), encoding="utf-8")))
        ours = list(csv.reader(subprocess.run([bieumau, "cat", path, "--encoding", "utf-8"], capture_output=True,
                                              text=True).stdout.splitlines()))
        for r, row in enumerate(ours):
            for c, value in enumerate(row):
                if value == "":
                    continue
                cells += 1
                other = theirs[r][c] if r < len(theirs) and c < len(theirs[r]) else ""
                same = other == value
                if not same:
                    try:
                        same = abs(float(other) - float(value)) <= 1e-9 * max(1, abs(float(value)))
                    except ValueError:
                        pass
                if not same:
                    differences += 1
                    if len(examples) < 5:
                        examples.append("%s R%dC%d: ours %r, LibreOffice %r" % (path, r + 1, c + 1, value, other))
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(profile, ignore_errors=True)
    return cells, differences, examples


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bieumau", default=os.path.join(ROOT, ".build-bulk", "release", "bieumau"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--skip-libreoffice", action="store_true")
    parser.add_argument("--big", default=os.path.join(DATA, "bench.xls"))
    args = parser.parse_args()
    bieumau = os.path.abspath(args.bieumau)
    inputs = os.path.join(ARCHIVE, "inputs")
    manifest = json.load(open(os.path.join(ARCHIVE, "manifest.json")))
    work = tempfile.mkdtemp(prefix="convert-run-")
    out = os.path.join(work, "out")
    print("bieumau convert benchmark: %s, %d cores (nproc), load average %s" % (
        time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), os.cpu_count(), os.getloadavg()))
    print("archive: %d files (%d expected to fail)" % (
        len(manifest["files"]), sum(1 for f in manifest["files"] if f["expect"] == "failed")))

    print("1. checksums before")
    before = sha256_tree(inputs)

    print("2. bieumau convert, %d jobs" % args.jobs)
    report = os.path.join(work, "report.json")
    ours = measured([bieumau, "convert", inputs, "--to", "xlsx", "-o", out, "--fix-fonts", "--jobs", str(args.jobs),
                     "--report", report])
    describe("bieumau convert (1,000 files)", ours)

    print("3. outputs read back (openpyxl)")
    good, cells, problems = verify(out, manifest, report)
    expected_good = sum(1 for f in manifest["files"] if f["expect"] == "ok")
    print("  %d of %d good files correct (%d known text cells compared); %d problems" % (
        good, expected_good, cells, len(problems)))
    for problem in problems[:10]:
        print("    " + problem)
    records = json.load(open(report))["inputs"]
    failed = [r for r in records if r["status"] == "failed"]
    print("  report: %d inputs, %d ok, %d failed; legacy texts converted: %d" % (
        len(records), sum(1 for r in records if r["status"] == "ok"), len(failed),
        sum(r["legacyConverted"] for r in records)))
    for record in failed:
        print("    failed %s: %s" % (os.path.relpath(record["path"], inputs), record["reason"][:150]))
    if os.geteuid() == 0 and shutil.which("setpriv"):
        unreadable = [os.path.join(inputs, "hong", n) for n in ("khong-doc.xls", "khong-doc.csv")]
        scratch = tempfile.mkdtemp(prefix="as-nobody-")
        os.chmod(scratch, 0o777)
        result = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", bieumau, "convert"]
                                + unreadable + ["--to", "xlsx", "-o", scratch], capture_output=True, text=True,
                                env=dict(os.environ, BIEUMAU_LANG="en"))
        print("  as nobody, the two files without read permission: exit %d" % result.returncode)
        for line in result.stdout.splitlines():
            print("    " + line[:160])
        shutil.rmtree(scratch, ignore_errors=True)

    print("4. SIGKILL halfway, then the same command again")
    resumed = killed_and_resumed(bieumau, inputs, os.path.join(work, "resume"), args.jobs, ours["wall"])
    good2, _, problems2 = verify(os.path.join(work, "resume"), manifest, os.path.join(work, "resume-report.json"))
    print("  after resuming: %d of %d good files correct, %d problems; resumed cleanly: %s" % (
        good2, expected_good, len(problems2), resumed))

    print("5. checksums after")
    after = sha256_tree(inputs)
    print("  inputs unchanged: %s (%d files)" % (before == after, len(after)))

    print("6. LibreOffice headless")
    if not args.skip_libreoffice:
        files = sorted(os.path.join(inputs, f["path"][len("inputs/"):]) for f in manifest["files"])
        lo_out = os.path.join(work, "lo")
        theirs = libreoffice(files, lo_out)
        describe("soffice --convert-to xlsx (1,000 files, %d calls)" % theirs["calls"], theirs)
        print("  output sizes: bieumau %.1f MB, LibreOffice %.1f MB; LibreOffice wrote %d files" % (
            tree_size(out) / 1e6, tree_size(lo_out) / 1e6,
            sum(1 for _, _, ns in os.walk(lo_out) for n in ns if n.endswith(".xlsx"))))
        print("  ratio: bieumau %.1fx faster (wall), %.1fx less CPU time" % (
            theirs["wall"] / ours["wall"], theirs["cpu"] / ours["cpu"]))
        if os.path.exists(args.big):
            big_out = os.path.join(work, "big")
            ours_big = measured([bieumau, "convert", args.big, "--to", "xlsx", "-o", big_out, "--force"])
            describe("bieumau convert 65,535 x 20 .xls", ours_big)
            theirs_big = libreoffice([args.big], os.path.join(work, "lo-big"))
            describe("soffice 65,535 x 20 .xls", theirs_big)
            print("  ratio: bieumau %.1fx faster (wall), %.1fx less CPU time" % (
                theirs_big["wall"] / ours_big["wall"], theirs_big["cpu"] / ours_big["cpu"]))
        else:
            print("  no %s (python3 Benchmarks/xls_generate.py)" % args.big)

    print("7. schema and LibreOffice read-back of a sample of outputs")
    outputs = sorted(os.path.join(d, n) for d, _, ns in os.walk(out) for n in ns if n.endswith(".xlsx"))
    sample = outputs[:: max(1, len(outputs) // 40)]
    validated = validate_xsd(sample)
    if validated is None:
        print("  no xmllint or no sml.xsd: skipped")
    else:
        print("  sml.xsd: %d parts of %d outputs, %d invalid" % (validated[0], len(sample), len(validated[1])))
        for failure in validated[1][:5]:
            print("    " + failure)
    if not args.skip_libreoffice:
        compared, differences, examples = libreoffice_values(bieumau, sample)
        print("  LibreOffice reads %d outputs: %d cells compared, %d different" % (len(sample), compared, differences))
        for example in examples:
            print("    " + example)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
