#!/usr/bin/env python3
"""Near-duplicate groups of an index: how many, how large, and a seeded random
sample to check by hand (titles, sources and the word-sequence similarity of
each member's body to the group's first article).

Groups are read from the index (value slot 12 = group key, slot 10 = article
id, with xapian-delve); texts from CORPUS. A measurement: prints and exits 0.

  tools/bench/dup_groups.py --db /tmp/idx CORPUS.jsonl.gz
"""
import argparse
import collections
import difflib
import gzip
import json
import random
import subprocess
import sys


def slot_values(db, slot):
    out = subprocess.run(["xapian-delve", f"-V{slot}", db], capture_output=True, text=True, check=True).stdout
    values = {}
    for item in out.split()[5:]:
        docid, _, value = item.partition(":")
        if docid.isdigit():
            values[int(docid)] = value
    return values


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("corpus")
    args = ap.parse_args()
    ids = slot_values(args.db, 10)
    groups = collections.defaultdict(list)
    for docid, key in slot_values(args.db, 12).items():
        groups[key].append(ids[docid])
    docs = {}
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            docs[a["id"]] = a
    sizes = collections.Counter(len(m) for m in groups.values())
    print(f"groups: {len(groups)}; articles in groups: {sum(len(m) for m in groups.values())}")
    print("sizes: " + ", ".join(f"{size}: {n}" for size, n in sorted(sizes.items())))
    rng = random.Random(args.seed)
    for key in rng.sample(sorted(groups), min(args.sample, len(groups))):
        members = sorted(groups[key])
        first = docs[members[0]]["body"].lower().split()
        print(f"\ngroup {key} ({len(members)})")
        for m in members:
            d = docs[m]
            ratio = difflib.SequenceMatcher(None, first, d["body"].lower().split(), autojunk=False).ratio()
            print(f"  {ratio:.2f} {d.get('source', '-')} {d.get('published_at', '-')} | {d['title'][:90]}")


if __name__ == "__main__":
    sys.exit(main())
