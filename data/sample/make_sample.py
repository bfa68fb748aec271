#!/usr/bin/env python3
"""Regenerate indosum-sample.jsonl.gz from the full Warta Indonesian corpus.

Usage:
    python3 make_sample.py ID_NEWS_JSONL[.gz] | gzip -9 -n > indosum-sample.jsonl.gz

Reads the canonical Warta JSON Lines corpus (gzip or plain), keeps only the
IndoSum records (id starting with "indosum-", CC BY-SA 4.0) and writes a
deterministic sample of them to stdout, sorted by id. Each selected line is
written byte-for-byte as it appears in the input (it is parsed only to read
the id, section and published_at fields, never re-serialised). A summary is
printed to stderr.

Selection: records are grouped into strata by (section, has published_at).
Within a stratum they are ordered by the SHA-1 of their id, and the first
ceil(size * rate) are taken, where rate is DATED_RATE for dated strata and
UNDATED_RATE otherwise, but never fewer than min(size, MIN_PER_STRATUM).
Dated records are sampled at a higher rate so that date-range features have
enough material; the minimum keeps small sections (e.g. "inspirasi") present.

Python 3 standard library only.
"""

import collections
import gzip
import hashlib
import json
import math
import sys

ID_PREFIX = "indosum-"
DATED_RATE = 0.30
UNDATED_RATE = 0.175
MIN_PER_STRATUM = 10


def open_input(path):
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return open(path, "rb")


def sha1_hex(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2

    strata = collections.defaultdict(list)  # (section, dated) -> [(id, line)]
    seen = set()
    with open_input(argv[1]) as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            rid = rec["id"]
            if not rid.startswith(ID_PREFIX):
                continue
            if rid in seen:
                raise SystemExit("duplicate id %r at line %d" % (rid, lineno))
            seen.add(rid)
            if not line.endswith(b"\n"):
                line += b"\n"
            key = (rec.get("section", ""), "published_at" in rec)
            strata[key].append((rid, line))

    selected = []
    for key in sorted(strata):
        members = sorted(strata[key], key=lambda m: (sha1_hex(m[0]), m[0]))
        rate = DATED_RATE if key[1] else UNDATED_RATE
        k = max(math.ceil(len(members) * rate), MIN_PER_STRATUM)
        selected.extend(members[: min(k, len(members))])
        sys.stderr.write("%-12s %-8s %5d of %5d\n" % (
            key[0], "dated" if key[1] else "undated", min(k, len(members)),
            len(members)))

    selected.sort(key=lambda m: m[0])
    out = sys.stdout.buffer
    for _, line in selected:
        out.write(line)
    out.flush()

    total = sum(len(v) for v in strata.values())
    sys.stderr.write("selected %d of %d IndoSum records\n" % (len(selected), total))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
