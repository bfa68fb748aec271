#!/usr/bin/env python3
"""Acronym expansion recall: how many articles that spell out only a long form
a search for its acronym finds, over every mined pair of an index.

For each pair (acronym A, long form L) of the index's voted table (metadata
warta.acronyms, read with xapian-metadata), the articles of CORPUS whose title
or body contains L as a phrase (lowercase, whole words) and never A as a word
are the ones only expansion can find. Each acronym is searched on a running
warta-searchd (all pages of `q=A`); recall = found / such articles, summed over
the pairs. Also printed: the share of searches whose literal matches all rank
above expansion-only matches, and a seeded random sample of pairs to check by
hand. A measurement: it prints figures and exits 0.

  tools/bench/acronym_recall.py --db /tmp/idx --server http://127.0.0.1:8080 CORPUS.jsonl.gz
"""
import argparse
import gzip
import json
import random
import re
import subprocess
import sys
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--server", required=True)
    ap.add_argument("--sample", type=int, default=50)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("corpus")
    args = ap.parse_args()

    meta = subprocess.run(["xapian-metadata", "get", args.db, "warta.acronyms"], capture_output=True, text=True,
                          check=True).stdout
    table = json.loads(meta)["acronyms"]
    texts = {}
    with gzip.open(args.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            words = re.findall(r"[0-9a-z\u00c0-\uffff]+(?:-[0-9a-z\u00c0-\uffff]+)*", (a["title"] + "\n" + a["body"]).lower())
            texts[a["id"]] = " " + " ".join(words) + " "

    total = found = pairs_with_cases = literal_first = searched = 0
    for e in table:
        acr, long_form = e["acronym"], e["long_form"]
        only_long = {i for i, t in texts.items() if f" {long_form} " in t and f" {acr} " not in t}
        hits = search_all(args.server, acr)
        searched += 1
        literal = [f" {acr} " in texts.get(i, "") for i in hits]
        # Literal matches first: no literal hit after an expansion-only hit.
        if all(literal[k] or not any(literal[k + 1:]) for k in range(len(literal))):
            literal_first += 1
        if only_long:
            pairs_with_cases += 1
            total += len(only_long)
            found += len(only_long & set(hits))
    print(f"mined pairs: {len(table)}")
    print(f"pairs with long-form-only articles: {pairs_with_cases}")
    print(f"long-form-only articles: {total}; found by the acronym: {found}; recall {found / max(total, 1):.3f}")
    print(f"searches with every literal match above every expansion-only match: {literal_first}/{searched}")
    rng = random.Random(args.seed)
    print(f"\nrandom sample of {args.sample} pairs (support/votes acronym = long form):")
    for e in rng.sample(table, min(args.sample, len(table))):
        print(f"  {e['support']}/{e['votes']} {e['acronym']} = {e['long_form']}")


if __name__ == "__main__":
    sys.exit(main())
