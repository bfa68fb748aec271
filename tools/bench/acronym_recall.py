#!/usr/bin/env python3
"""Acronym expansion recall: how many articles that spell out only a long form
a search for its acronym finds, over every mined pair of an index.

It starts two warta-searchd on the index: one as configured, one with every
mined acronym disabled by a curated file (literal matching only, with the same
analysis). For each pair (acronym A, long form L) of the index's voted table
(metadata warta.acronyms, read with xapian-metadata), the articles the literal
server finds for the phrase "L" but not for A are the ones only expansion can
find; recall = how many of them the expanding server finds for `q=A`, summed
over the pairs. Also printed: the share of acronym searches whose literal
matches all rank above the expansion-only ones, and a seeded random sample of
pairs to check by hand. A measurement: it prints figures and exits 0.

  tools/bench/acronym_recall.py --searchd build/release/searchd/warta-searchd --db /tmp/idx
"""
import argparse
import json
import random
import re
import os
import subprocess
import sys
import tempfile
import time
import urllib.request


def search_all(server, q):
    ids, offset = [], 0
    while offset <= 10000:
        body = json.dumps({"q": q, "limit": 100, "offset": offset, "highlight": False}).encode()
        req = urllib.request.Request(server + "/search", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            page = json.load(r)
        ids += [h["id"] for h in page["hits"]]
        if len(page["hits"]) < 100:
            break
        offset += 100
    return ids


def start_searchd(binary, db, extra, log_path):
    log = open(log_path, "w")
    proc = subprocess.Popen([binary, "--db", db, "--listen", "127.0.0.1:0"] + extra, stdout=log, stderr=log)
    for _ in range(300):
        m = re.search(r"listening on (\S+)", open(log_path).read())
        if m:
            return proc, "http://" + m.group(1)
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    proc.terminate()
    sys.exit(f"warta-searchd did not start; see {log_path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--searchd", required=True)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()

    meta = subprocess.run(["xapian-metadata", "get", args.db, "warta.acronyms"], capture_output=True, text=True,
                          check=True).stdout
    table = json.loads(meta)["acronyms"]
    work = tempfile.mkdtemp()
    disabled = os.path.join(work, "no-acronyms.tsv")
    with open(disabled, "w") as f:
        for e in table:
            f.write(f"{e['acronym']}\t-\n")
    expanding, server = start_searchd(args.searchd, args.db, [], os.path.join(work, "expanding.log"))
    literal_proc, literal_server = start_searchd(args.searchd, args.db, ["--acronyms", disabled],
                                                 os.path.join(work, "literal.log"))
    total = found = pairs_with_cases = literal_first = 0
    try:
        for e in table:
            acr, long_form = e["acronym"], e["long_form"]
            literal = set(search_all(literal_server, acr))
            only_long = set(search_all(literal_server, f'"{long_form}"')) - literal
            hits = search_all(server, acr)
            is_literal = [h in literal for h in hits]
            # Literal matches first: no literal hit after an expansion-only hit.
            if all(is_literal[k] or not any(is_literal[k + 1:]) for k in range(len(is_literal))):
                literal_first += 1
            if only_long:
                pairs_with_cases += 1
                total += len(only_long)
                found += len(only_long & set(hits))
    finally:
        expanding.terminate()
        literal_proc.terminate()
        expanding.wait()
        literal_proc.wait()
    print(f"mined pairs: {len(table)}")
    print(f"pairs with long-form-only articles: {pairs_with_cases}")
    print(f"long-form-only articles: {total}; found by the acronym: {found}; recall {found / max(total, 1):.3f}")
    print(f"searches with every literal match above every expansion-only match: {literal_first}/{len(table)}")
    rng = random.Random(args.seed)
    print(f"\nrandom sample of {args.sample} pairs (support/votes acronym = long form):")
    for e in rng.sample(table, min(args.sample, len(table))):
        print(f"  {e['support']}/{e['votes']} {e['acronym']} = {e['long_form']}")


if __name__ == "__main__":
    sys.exit(main())
