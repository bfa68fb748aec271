#!/usr/bin/env python3
"""Indexing benchmark: runs warta-indexer and the plain-Xapian baseline on the same inputs and compares them.

For every INPUT and every run, both indexers build a fresh index from the same
file (the order alternates between runs, because a shared machine is noisy).
Measured per run: wall seconds, documents per second, MB/s (uncompressed input
bytes / wall seconds), peak RSS of the indexer process alone (ru_maxrss from
wait4), user+sys CPU seconds, index size on disk (allocated blocks, as du
counts them) and the number of documents in the index. Per input it prints the
medians over the runs and the Warta/baseline ratios.

This is a measurement, not a test: it exits 0 whenever every run completed,
whatever the figures. It exits 1 when a run failed or was stopped by
--timeout (the report says which and why), 2 on usage errors.

  tools/bench/index_bench.py --build-dir build --runs 3 ../shared/corpus/id-news.jsonl.gz
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

WARTA = "warta-indexer"
BASELINE = "warta-bench-xapian-baseline"
TOOLS = ("warta", "baseline")
MB = 1e6
MIB = 1024 * 1024


def log(msg=""):
    print(msg, flush=True)


def find_binary(build_dir, name):
    """The newest executable file called `name` anywhere under build_dir."""
    found = []
    for root, dirs, files in os.walk(build_dir):
        dirs[:] = [d for d in dirs if d not in ("CMakeFiles", ".git")]
        if name in files:
            path = os.path.join(root, name)
            if os.path.isfile(path) and os.access(path, os.X_OK):
                found.append(path)
    if not found:
        return None
    return max(found, key=os.path.getmtime)


def uncompressed_size(path):
    """Bytes of input text: streams .gz files once, stat()s plain files."""
    if path.endswith(".gz"):
        total = 0
        with gzip.open(path, "rb") as f:
            while True:
                chunk = f.read(1 << 22)
                if not chunk:
                    break
                total += len(chunk)
        return total
    return os.path.getsize(path)


def disk_usage(path):
    """Allocated bytes under path (st_blocks * 512, hard links counted once), like du."""
    seen, total = set(), 0
    for root, dirs, files in os.walk(path):
        for name in dirs + files:
            try:
                st = os.lstat(os.path.join(root, name))
            except FileNotFoundError:
                continue
            if (st.st_dev, st.st_ino) in seen:
                continue
            seen.add((st.st_dev, st.st_ino))
            total += st.st_blocks * 512
    try:
        total += os.lstat(path).st_blocks * 512
    except FileNotFoundError:
        pass
    return total


def index_dirs(db):
    """The index directory and its siblings named DB.* (e.g. Warta's DB.warta-staging)."""
    parent, name = os.path.split(db)
    try:
        names = os.listdir(parent)
    except FileNotFoundError:
        return []
    return [os.path.join(parent, n) for n in names
            if (n == name or n.startswith(name + ".")) and os.path.isdir(os.path.join(parent, n))]


def remove_index(db):
    for d in index_dirs(db):
        shutil.rmtree(d, ignore_errors=True)


def delve_doccount(delve, db):
    """Documents in a Xapian database per xapian-delve, or None."""
    if not delve:
        return None
    try:
        out = subprocess.run([delve, db], capture_output=True, text=True, timeout=120).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r"number of documents = (\d+)", out)
    return int(m.group(1)) if m else None


def current_rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def build_source_dir(build_dir):
    """The source tree a CMake build dir was configured from, or None."""
    try:
        with open(os.path.join(build_dir, "CMakeCache.txt")) as f:
            for line in f:
                if line.startswith("CMAKE_HOME_DIRECTORY:"):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return None


def git_commit(here):
    try:
        sha = subprocess.run(["git", "-C", here, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, timeout=30)
        if sha.returncode != 0:
            return "unknown (no git commit)"
        commit = sha.stdout.strip()
        dirty = subprocess.run(["git", "-C", here, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=60)
        if dirty.returncode == 0 and dirty.stdout.strip():
            commit += " (with uncommitted changes)"
        return commit
    except (OSError, subprocess.SubprocessError):
        return "unknown (git not available)"


def machine_info():
    info = {"cpus": os.cpu_count(), "kernel": platform.release(), "python": platform.python_version()}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    info["cpu_model"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    info["mem_total_bytes"] = int(line.split()[1]) * 1024
                    break
    except OSError:
        pass
    return info


def loadavg():
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def run_one(tool, cmd, db, workdir, tag, timeout, sample_every, delve):
    """Runs one indexer; returns a dict of raw figures (status 'ok', 'failed' or 'timeout')."""
    out_path = os.path.join(workdir, tag + ".stdout")
    err_path = os.path.join(workdir, tag + ".stderr")
    rec = {"tool": tool, "command": cmd, "db": db, "load_before": loadavg(),
           "started_at": datetime.datetime.now().isoformat(timespec="seconds")}
    samples = []
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        done = threading.Event()
        timed_out = threading.Event()

        def watch():
            # Samples RSS, index size and (via xapian-delve) committed documents
            # while the indexer runs; stops the indexer at the timeout.
            next_sample = sample_every if sample_every else None
            while not done.wait(1.0):
                elapsed = time.monotonic() - t0
                if timeout and elapsed > timeout:
                    timed_out.set()
                    try:
                        proc.send_signal(signal.SIGTERM)
                        if done.wait(30):
                            return
                        proc.kill()
                    except ProcessLookupError:
                        pass
                    return
                if next_sample is not None and elapsed >= next_sample:
                    next_sample += sample_every
                    s = {"seconds": round(elapsed, 1), "rss_bytes": current_rss(proc.pid),
                         "disk_bytes": sum(disk_usage(d) for d in index_dirs(db)),
                         "load": loadavg()}
                    if tool == "baseline":
                        s["committed_docs"] = delve_doccount(delve, db)
                    samples.append(s)
                    log(f"    .. {tag}: {elapsed:7.0f} s  rss {fmt_mib(s['rss_bytes'])} MiB  "
                        f"disk {fmt_mib(s['disk_bytes'])} MiB"
                        + (f"  committed docs {s['committed_docs']}" if s.get("committed_docs") is not None else "")
                        + f"  load {s['load']}")

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.monotonic() - t0
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
        watcher.join()
    rec.update({
        "exit_code": proc.returncode,
        "wall_seconds": wall,
        "peak_rss_bytes": ru.ru_maxrss * 1024,  # Linux reports KiB
        "user_seconds": ru.ru_utime,
        "sys_seconds": ru.ru_stime,
        "cpu_seconds": ru.ru_utime + ru.ru_stime,
        "load_after": loadavg(),
        "samples": samples,
        "stdout_file": out_path,
        "stderr_file": err_path,
    })
    with open(out_path, "rb") as f:
        stdout = f.read().decode("utf-8", "replace")
    with open(err_path, "rb") as f:
        stderr_tail = f.read()[-4000:].decode("utf-8", "replace")
    report = None
    m = re.search(r"\{.*\}", stdout, re.S)
    if m:
        try:
            report = json.loads(m.group(0))
        except ValueError:
            report = None
    rec["tool_report"] = report
    rec["index_bytes"] = disk_usage(db) if os.path.exists(db) else 0
    # Scratch left beside the index (e.g. staging shards of an interrupted run).
    rec["leftover_bytes"] = sum(disk_usage(d) for d in index_dirs(db) if d != db)
    disk = [s["disk_bytes"] for s in samples if s.get("disk_bytes") is not None]
    rec["peak_sampled_disk_bytes"] = max(disk + [rec["index_bytes"] + rec["leftover_bytes"]])
    rec["documents_in_index"] = delve_doccount(delve, db)

    # Warta exits 3 when it finished but rejected some records: a completed run.
    ok_codes = (0, 3) if tool == "warta" else (0,)
    if timed_out.is_set():
        rec["status"] = "timeout"
        rec["why"] = f"stopped after the --timeout of {timeout:.0f} s (exit {proc.returncode})"
    elif proc.returncode not in ok_codes:
        rec["status"] = "failed"
        rec["why"] = f"exit code {proc.returncode}; stderr ends: {stderr_tail.strip()[-600:]}"
    elif report is None:
        rec["status"] = "failed"
        rec["why"] = f"no JSON summary on stdout; stderr ends: {stderr_tail.strip()[-600:]}"
    else:
        rec["status"] = "ok"
        if tool == "warta" and proc.returncode == 3:
            rec["note"] = f"{report.get('rejected')} records rejected"

    docs = None
    if report is not None:
        docs = report.get("documents", report.get("accepted"))
    if docs is None:
        docs = rec["documents_in_index"]  # timeout/failure: what was committed
    rec["documents"] = docs
    rec["accepted"] = report.get("accepted") if report else None
    return rec


def fmt_mib(b):
    return "-" if b is None else f"{b / MIB:.0f}"


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def derive(rec, input_bytes):
    wall = rec["wall_seconds"]
    docs = rec["documents"]
    rec["docs_per_sec"] = docs / wall if docs is not None and wall > 0 else None
    rec["mb_per_sec"] = input_bytes / MB / wall if rec["status"] == "ok" and wall > 0 else None


def row(cols, widths):
    return "  ".join(str(c).rjust(w) if i else str(c).ljust(w) for i, (c, w) in enumerate(zip(cols, widths)))


RUN_HEAD = ["tool", "run", "order", "status", "wall s", "documents", "docs/s", "MB/s", "peak RSS MiB",
            "CPU s", "CPU/wall", "index MiB", "load before", "load after"]
RUN_W = [8, 3, 5, 7, 8, 9, 8, 6, 12, 8, 8, 9, 16, 16]


def run_cols(r):
    la = lambda v: "-" if v is None else "/".join(f"{x:.2f}" for x in v)
    return [r["tool"], r["run"], r["order"], r["status"], fmt(r["wall_seconds"], ".1f"), fmt(r["documents"], ","),
            fmt(r["docs_per_sec"], ".0f"), fmt(r["mb_per_sec"], ".2f"), fmt_mib(r["peak_rss_bytes"]),
            fmt(r["cpu_seconds"], ".1f"),
            fmt(r["cpu_seconds"] / r["wall_seconds"] if r["wall_seconds"] else None, ".2f"),
            fmt_mib(r["index_bytes"]), la(r["load_before"]), la(r["load_after"])]


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(runs):
    """Medians over completed runs per tool, and Warta/baseline ratios."""
    med = {}
    for tool in TOOLS:
        ok = [r for r in runs if r["tool"] == tool and r["status"] == "ok"]
        med[tool] = {
            "runs": len(ok),
            "wall_seconds": median(r["wall_seconds"] for r in ok),
            "documents": median(r["documents"] for r in ok),
            "docs_per_sec": median(r["docs_per_sec"] for r in ok),
            "mb_per_sec": median(r["mb_per_sec"] for r in ok),
            "peak_rss_bytes": median(r["peak_rss_bytes"] for r in ok),
            "cpu_seconds": median(r["cpu_seconds"] for r in ok),
            "index_bytes": median(r["index_bytes"] for r in ok),
        }
    ratio = {}
    for key in ("docs_per_sec", "peak_rss_bytes", "index_bytes", "wall_seconds", "cpu_seconds"):
        w, b = med["warta"][key], med["baseline"][key]
        ratio[key] = w / b if w is not None and b else None
    return med, ratio


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                 epilog="Exit status: 0 all runs completed, 1 a run failed or timed out, 2 usage.")
    ap.add_argument("--build-dir", required=True, help="CMake build tree holding both binaries (searched recursively)")
    ap.add_argument("--runs", type=int, default=3, help="runs per input and tool (default 3)")
    ap.add_argument("--work", help="scratch directory for the indexes (default: a new temp dir under /var/tmp)")
    ap.add_argument("--keep", action="store_true", help="keep the indexes and logs (default: delete them)")
    ap.add_argument("--warta-args", default="", help='extra warta-indexer arguments, e.g. "--threads 2 --lanes 2"')
    ap.add_argument("--json", metavar="FILE", help="write all raw figures to FILE")
    ap.add_argument("--timeout", type=float, metavar="SECONDS",
                    help="stop any indexer run after SECONDS (reported as timed out, with the documents it committed)")
    ap.add_argument("--sample", type=float, metavar="SECONDS",
                    help="every SECONDS, record RSS, disk used by the index and its scratch dirs, and "
                         "(baseline) committed documents during a run")
    ap.add_argument("--only", choices=TOOLS, help="run only one of the two indexers")
    ap.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl or .jsonl.gz file")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    binaries = {"warta": find_binary(args.build_dir, WARTA), "baseline": find_binary(args.build_dir, BASELINE)}
    tools = (args.only,) if args.only else TOOLS
    for tool in tools:
        if not binaries[tool]:
            name = WARTA if tool == "warta" else BASELINE
            print(f"index_bench: no executable {name} under {args.build_dir}", file=sys.stderr)
            return 2
    for path in args.inputs:
        if not os.path.isfile(path):
            print(f"index_bench: {path}: no such file", file=sys.stderr)
            return 2
    delve = shutil.which("xapian-delve") or shutil.which("delve")
    warta_extra = shlex.split(args.warta_args)

    created_work = args.work is None
    if created_work:
        base = "/var/tmp" if os.path.isdir("/var/tmp") else None
        work = tempfile.mkdtemp(prefix="warta-index-bench-", dir=base)
    else:
        work = os.path.abspath(args.work)
        os.makedirs(work, exist_ok=True)

    commit = git_commit(os.path.dirname(os.path.abspath(__file__)))
    source = build_source_dir(args.build_dir)
    build_commit = git_commit(source) if source else "unknown (no CMakeCache.txt)"
    machine = machine_info()
    log(f"index_bench  {datetime.datetime.now().isoformat(timespec='seconds')}  commit {commit}")
    log(f"binaries built from {source or '?'} at commit {build_commit}")
    log(f"machine: {machine.get('cpus')} CPUs, {machine.get('cpu_model', '?')}, "
        f"{(machine.get('mem_total_bytes') or 0) / 2**30:.1f} GiB RAM, kernel {machine.get('kernel')}")
    log(f"warta:    {binaries['warta']} {' '.join(warta_extra)}")
    log(f"baseline: {binaries['baseline']}")
    log(f"work dir: {work}{' (kept)' if args.keep else ''}")
    log(f"load average now: {loadavg()}")

    results = {"commit": commit, "build_source": source, "build_commit": build_commit, "machine": machine, "binaries": binaries, "warta_args": warta_extra,
               "date": datetime.datetime.now().isoformat(timespec="seconds"), "runs": args.runs, "inputs": []}
    failures = []
    for n_input, path in enumerate(args.inputs):
        log()
        log(f"== {path}")
        t = time.monotonic()
        input_bytes = uncompressed_size(path)
        log(f"   {input_bytes:,} bytes uncompressed ({os.path.getsize(path):,} on disk; counted in "
            f"{time.monotonic() - t:.1f} s)")
        entry = {"input": os.path.abspath(path), "input_bytes": input_bytes,
                 "file_bytes": os.path.getsize(path), "runs": []}
        results["inputs"].append(entry)
        for run in range(1, args.runs + 1):
            order = list(tools) if run % 2 == 1 else list(reversed(tools))
            for pos, tool in enumerate(order, 1):
                tag = f"in{n_input}-run{run}-{tool}"
                db = os.path.join(work, tag)
                remove_index(db)
                if tool == "warta":
                    cmd = [binaries["warta"], "--db", db, "--json-summary", "--no-progress", *warta_extra, path]
                else:
                    cmd = [binaries["baseline"], db, path]
                log(f"   run {run}/{args.runs} {tool} ({pos} of {len(order)}), load {loadavg()} ...")
                rec = run_one(tool, cmd, db, work, tag, args.timeout, args.sample, delve)
                rec["run"], rec["order"] = run, pos
                derive(rec, input_bytes)
                entry["runs"].append(rec)
                log(f"   {row(RUN_HEAD, RUN_W)}")
                log(f"   {row(run_cols(rec), RUN_W)}")
                if rec["status"] != "ok":
                    msg = f"{path}: {tool} run {run}: {rec['status']}: {rec['why']}"
                    failures.append(msg)
                    log(f"   !! {msg}")
                    if rec["status"] == "timeout" and rec["documents"]:
                        log(f"   !! {rec['documents']:,} documents committed when stopped: "
                            f"{rec['docs_per_sec']:.0f} docs/s over {rec['wall_seconds']:.0f} s (partial run)")
                if rec.get("note"):
                    log(f"   note: {rec['note']}")
                if not args.keep:
                    remove_index(db)
                    if rec["status"] == "ok":
                        for f in (rec["stdout_file"], rec["stderr_file"]):
                            try:
                                os.remove(f)
                            except OSError:
                                pass
        med, ratio = summarise(entry["runs"])
        entry["medians"], entry["ratios"] = med, ratio

    # Report.
    log()
    log("=" * 100)
    log(f"Indexing benchmark, {results['date']}, binaries from commit {build_commit}, "
        f"{machine.get('cpus')} CPUs")
    for entry in results["inputs"]:
        log()
        log(f"{entry['input']}  ({entry['input_bytes'] / MB:,.1f} MB uncompressed)")
        log(row(RUN_HEAD, RUN_W))
        for r in entry["runs"]:
            log(row(run_cols(r), RUN_W))
        med, ratio = entry["medians"], entry["ratios"]
        log()
        head = ["median", "runs", "wall s", "documents", "docs/s", "MB/s", "peak RSS MiB", "CPU s", "index MiB"]
        w = [8, 4, 8, 9, 8, 6, 12, 8, 9]
        log(row(head, w))
        for tool in tools:
            m = med[tool]
            log(row([tool, m["runs"], fmt(m["wall_seconds"], ".1f"), fmt(m["documents"], ",.0f"),
                     fmt(m["docs_per_sec"], ".0f"), fmt(m["mb_per_sec"], ".2f"), fmt_mib(m["peak_rss_bytes"]),
                     fmt(m["cpu_seconds"], ".1f"), fmt_mib(m["index_bytes"])], w))
        if not args.only:
            log(f"Warta/baseline: docs/s x{fmt(ratio['docs_per_sec'], '.2f')}, "
                f"peak RSS x{fmt(ratio['peak_rss_bytes'], '.2f')}, index size x{fmt(ratio['index_bytes'], '.2f')}, "
                f"CPU seconds x{fmt(ratio['cpu_seconds'], '.2f')}")
    log()
    log("Load averages (1/5/15 min) are printed per run; figures from runs that started under high load "
        "are less reliable.")

    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
        log(f"raw figures written to {args.json}")
    if created_work and not args.keep and not failures:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        log()
        log(f"{len(failures)} run(s) did not complete:")
        for msg in failures:
            log(f"  {msg}")
        log(f"  (their stdout/stderr logs are in {work})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
