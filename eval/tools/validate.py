#!/usr/bin/env python3
"""Validate the hand-annotated evaluation files in eval/annotated/.

Checks every YAML file for:
  * exactly the expected top-level keys, with the expected types;
  * file name == corpus id (truncated to 120 characters) + ".yaml";
  * each claim: allowed keys, kind, value notation (counts vs dates),
    1-based line number inside `text`, and `words` being a substring of
    that line;
  * licence/excerpt consistency (only IndoSum texts may be whole articles,
    apart from the one-sentence WCEP items);
  * with --corpus DIR: metadata equal to the corpus record, whole texts equal
    to the corpus text, and every line of an excerpt present verbatim in the
    corpus text ("[...]" marks an omission).

Usage:
  python3 eval/tools/validate.py                    # all files, no corpus check
  python3 eval/tools/validate.py --corpus /work/shared/corpus
  python3 eval/tools/validate.py FILE.yaml ...      # selected files
  python3 eval/tools/validate.py --stats            # also print claim counts

Exit status 0 when clean, 1 when any error was found.
Needs PyYAML.
"""
import argparse
import datetime
import glob
import gzip
import json
import os
import re
import sys
from collections import Counter

import yaml

TOP_KEYS = ["id", "source", "date", "url", "lang", "event", "licence",
            "excerpt", "text", "claims"]
TOP_OPTIONAL = ["title"]
CLAIM_REQUIRED = ["line", "kind", "value", "words"]
CLAIM_OPTIONAL = ["place", "scope", "optional", "note", "incident", "fact"]
KINDS = {"deaths", "injured", "displaced", "missing", "date"}
COUNT_KINDS = KINDS - {"date"}
OMISSION = "[...]"
INDOSUM_LICENCE = "CC BY-SA 4.0 (IndoSum, Kurniawan & Louvan, IALP 2018)"

EXACT_RE = re.compile(r"^(0|[1-9]\d*)$")
INTERVAL_RE = re.compile(r"^([\[(])(0|[1-9]\d*)?,(0|[1-9]\d*)?([\])])$")
FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
NOYEAR_DATE_RE = re.compile(r"^--(\d{2})-(\d{2})$")


def check_count(value):
    """Return None if `value` is valid count notation, else an error string."""
    v = value[1:] if value.startswith("~") else value
    if EXACT_RE.match(v):
        return None
    m = INTERVAL_RE.match(v)
    if not m:
        return "not a count: %r" % value
    lb, lo, hi, rb = m.groups()
    if lo is None and hi is None:
        return "interval without bounds: %r" % value
    if lo is None and lb != "(":
        return "open lower end must be '(': %r" % value
    if hi is None and rb != ")":
        return "open upper end must be ')': %r" % value
    if lo is not None and hi is not None:
        a, b = int(lo), int(hi)
        if a > b or (a == b and (lb == "(" or rb == ")")):
            return "empty interval: %r" % value
    return None


def parse_one_date(s):
    if FULL_DATE_RE.match(s):
        datetime.date.fromisoformat(s)  # raises on 2017-02-30 etc.
        return s
    m = NOYEAR_DATE_RE.match(s)
    if m:
        datetime.date(2000, int(m.group(1)), int(m.group(2)))  # leap year
        return s
    raise ValueError("bad date %r" % s)


def check_date(value):
    try:
        parts = value.split("/")
        if len(parts) == 1:
            parse_one_date(parts[0])
        elif len(parts) == 2:
            a, b = parse_one_date(parts[0]), parse_one_date(parts[1])
            if a.startswith("--") != b.startswith("--"):
                return "span mixes dates with and without year: %r" % value
            if a >= b:
                return "span start not before end: %r" % value
        else:
            return "bad date span: %r" % value
    except ValueError as e:
        return "bad date: %r (%s)" % (value, e)
    return None


def load_corpus(corpus_dir, wanted):
    recs = {}
    for name in ("events-id.jsonl", "events-en.jsonl"):
        p = os.path.join(corpus_dir, name)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    recs[d["id"]] = d
    missing = wanted - set(recs)
    for name in ("bulk-id.jsonl.gz", "gunviolence-en.jsonl.gz"):
        p = os.path.join(corpus_dir, name)
        if missing and os.path.exists(p):
            with gzip.open(p, "rt", encoding="utf-8") as fh:
                for line in fh:
                    d = json.loads(line)
                    if d["id"] in missing:
                        recs[d["id"]] = d
    return recs


def validate_file(path, corpus):
    errs = []

    def err(msg):
        errs.append("%s: %s" % (os.path.basename(path), msg))

    try:
        with open(path, encoding="utf-8") as fh:
            doc = yaml.safe_load(fh)
    except yaml.YAMLError as e:
        err("YAML error: %s" % e)
        return errs, None
    if not isinstance(doc, dict):
        err("top level is not a mapping")
        return errs, None

    keys = list(doc.keys())
    if not set(TOP_KEYS) <= set(keys) <= set(TOP_KEYS) | set(TOP_OPTIONAL):
        err("keys %s, expected %s (and optionally %s)" % (sorted(keys), sorted(TOP_KEYS), TOP_OPTIONAL))
        return errs, None

    for k in ("id", "source", "url", "licence", "text"):
        if not isinstance(doc[k], str) or not doc[k]:
            err("%s must be a non-empty string" % k)
    if errs:
        return errs, None
    date = doc["date"]
    if isinstance(date, datetime.date):
        date = date.isoformat()
    if not (isinstance(date, str) and FULL_DATE_RE.match(date)):
        err("date must be an ISO date")
    if doc["lang"] not in ("id", "en"):
        err("lang must be id or en")
    if doc["event"] is not None and not isinstance(doc["event"], str):
        err("event must be a string or null")
    if not isinstance(doc["excerpt"], bool):
        err("excerpt must be true or false")
    if not isinstance(doc["claims"], list):
        err("claims must be a list")
        return errs, None

    expected_name = doc["id"][:120] + ".yaml"
    if os.path.basename(path) != expected_name:
        err("file name should be %s" % expected_name)

    # licence / excerpt policy
    if doc["id"].startswith("indosum-"):
        if doc["licence"] != INDOSUM_LICENCE:
            err("IndoSum licence string should be %r" % INDOSUM_LICENCE)
    elif doc["id"].startswith("wcep-"):
        if len(doc["text"]) > 600:
            err("WCEP item longer than a short quote")
    else:
        if doc["excerpt"] is not True:
            err("non-IndoSum text must be an excerpt")
        if "excerpt" not in doc["licence"]:
            err("licence of a non-IndoSum text should say 'excerpt'")

    lines = doc["text"].split("\n")
    seen = set()
    for i, c in enumerate(doc["claims"], 1):
        where = "claim %d" % i
        if not isinstance(c, dict):
            err("%s is not a mapping" % where)
            continue
        extra = set(c) - set(CLAIM_REQUIRED) - set(CLAIM_OPTIONAL)
        miss = [k for k in CLAIM_REQUIRED if k not in c]
        if extra:
            err("%s: unknown keys %s" % (where, sorted(extra)))
        if miss:
            err("%s: missing keys %s" % (where, miss))
            continue
        line, kind, value, words = c["line"], c["kind"], c["value"], c["words"]
        if not isinstance(line, int) or isinstance(line, bool) or not 1 <= line <= len(lines):
            err("%s: line %r out of range 1..%d" % (where, line, len(lines)))
            continue
        if kind not in KINDS:
            err("%s: kind %r not in %s" % (where, kind, sorted(KINDS)))
            continue
        if not isinstance(value, str):
            err("%s: value %r must be a quoted string" % (where, value))
            continue
        msg = check_date(value) if kind == "date" else check_count(value)
        if msg:
            err("%s (line %d): %s" % (where, line, msg))
        if not isinstance(words, str) or not words.strip():
            err("%s: words must be a non-empty string" % where)
        elif words not in lines[line - 1]:
            err("%s: words %r not found in line %d: %r"
                % (where, words, line, lines[line - 1][:120]))
        for k in ("place", "scope", "note", "incident", "fact"):
            if k in c and not isinstance(c[k], str):
                err("%s: %s must be a string" % (where, k))
        if "optional" in c and c["optional"] is not True:
            err("%s: optional must be 'true' or left out" % where)
        key = (line, kind, words)
        if key in seen:
            err("%s: duplicate claim %r" % (where, key))
        seen.add(key)

    if corpus is not None:
        rec = corpus.get(doc["id"])
        if rec is None:
            err("id not found in corpus")
        else:
            for k in ("source", "url", "lang", "event") + (("title",) if "title" in doc else ()):
                if doc[k] != rec[k]:
                    err("%s %r differs from corpus %r" % (k, doc[k], rec[k]))
            if date != rec["date"]:
                err("date %r differs from corpus %r" % (date, rec["date"]))
            if doc["excerpt"] is False:
                if doc["text"] != rec["text"]:
                    err("excerpt: false but text differs from the corpus text")
            else:
                clines = set(rec["text"].split("\n"))
                for n, ln in enumerate(lines, 1):
                    if ln and ln != OMISSION and ln not in clines:
                        err("excerpt line %d not found verbatim in corpus: %r"
                            % (n, ln[:80]))
                if doc["text"] == rec["text"]:
                    err("excerpt: true but text is the whole article")
    return errs, doc


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_dir = os.path.join(os.path.dirname(here), "annotated")
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="YAML files (default: eval/annotated/*.yaml)")
    ap.add_argument("--corpus", help="corpus directory for the verbatim/metadata checks")
    ap.add_argument("--stats", action="store_true", help="print claim counts")
    args = ap.parse_args()

    files = args.files or sorted(glob.glob(os.path.join(default_dir, "*.yaml")))
    files = [f for f in files if os.path.basename(f) != "facts.yaml"]  # the verdicts of a set's facts
    if not files:
        print("no files found", file=sys.stderr)
        return 1

    corpus = None
    if args.corpus:
        ids = set()
        for f in files:
            try:
                with open(f, encoding="utf-8") as fh:
                    d = yaml.safe_load(fh)
                ids.add(d["id"])
            except Exception:
                pass
        corpus = load_corpus(args.corpus, ids)

    all_errs = []
    docs = []
    for f in files:
        errs, doc = validate_file(f, corpus)
        all_errs += errs
        if doc is not None:
            docs.append(doc)

    ids = [d["id"] for d in docs]
    for i, n in Counter(ids).items():
        if n > 1:
            all_errs.append("id %s appears in %d files" % (i, n))

    for e in all_errs:
        print("ERROR", e)

    if args.stats:
        arts = Counter(d["lang"] for d in docs)
        req = Counter()
        opt = Counter()
        for d in docs:
            for c in d["claims"]:
                (opt if c.get("optional") else req)[(d["lang"], c["kind"])] += 1
        print("articles:", dict(arts), "total", len(docs))
        print("%-4s %-10s %8s %8s" % ("lang", "kind", "required", "optional"))
        for lang in ("id", "en"):
            for k in ("deaths", "injured", "displaced", "missing", "date"):
                print("%-4s %-10s %8d %8d" % (lang, k, req[(lang, k)], opt[(lang, k)]))
        print("total claims: required %d, optional %d"
              % (sum(req.values()), sum(opt.values())))
        print("articles without any claim:", sum(1 for d in docs if not d["claims"]))

    print("%d files checked, %d errors" % (len(files), len(all_errs)))
    return 1 if all_errs else 0


if __name__ == "__main__":
    sys.exit(main())
