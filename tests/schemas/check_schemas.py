#!/usr/bin/python3
"""The JSON Schemas of docs/schemas against the documents posture reads and writes.

Every document the readers accept in the sample (examples/data) and in the golden corpus
(tests/data: policies, action policies, snapshots, catalogs) must be valid under its schema, and
so must every judgment `posture judge` writes for the sample fleet. A schema that rejects what
posture accepts, or accepts nothing, would mislead the hosts that validate against it.

    check_schemas.py POSTURE_BINARY
"""

import glob
import json
import os
import subprocess
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_schema(name):
    with open(os.path.join(ROOT, "docs", "schemas", name + ".schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


SCHEMAS = {k: load_schema(k) for k in
           ("posture-policy-1", "posture-inventory-1", "posture-catalog-1", "posture-judgment-1")}
failures = []
checked = {k: 0 for k in SCHEMAS}


def check(kind, document, where):
    checked[kind] += 1
    errors = sorted(SCHEMAS[kind].iter_errors(document), key=lambda e: list(e.absolute_path))
    for e in errors[:3]:
        path = "/".join(str(p) for p in e.absolute_path) or "(document)"
        failures.append(f"{where}: {kind}: at {path}: {e.message[:300]}")


def read_json(path):
    with open(path, encoding="utf-8-sig") as f:
        return json.load(f)


def sample():
    data = os.path.join(ROOT, "examples", "data")
    check("posture-policy-1", read_json(os.path.join(data, "policy.json")), "examples/data/policy.json")
    check("posture-catalog-1", read_json(os.path.join(data, "catalog.json")), "examples/data/catalog.json")
    with open(os.path.join(data, "fleet.jsonl"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                check("posture-inventory-1", json.loads(line), f"examples/data/fleet.jsonl:{n}")


def as_snapshot(snapshot):
    # Test cases may leave the format out; a document on its own carries it.
    return dict({"format": "posture-inventory/1"}, **snapshot)


def corpus():
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "**", "*.json"), recursive=True)):
        rel = os.path.relpath(path, ROOT)
        doc = read_json(path)
        fmt = doc.get("format", "")
        if fmt == "posture-policy/1":
            check("posture-policy-1", doc, rel)
        elif fmt == "posture-inventory/1":
            check("posture-inventory-1", doc, rel)
        elif fmt == "posture-catalog/1":
            check("posture-catalog-1", doc, rel)
        if isinstance(doc.get("policy"), dict):
            check("posture-policy-1", doc["policy"], rel + " (policy)")
        if isinstance(doc.get("catalog"), dict):
            check("posture-catalog-1", doc["catalog"], rel + " (catalog)")
        if isinstance(doc.get("action_policies"), list) and fmt != "posture-policy/1":
            check("posture-policy-1", {"format": "posture-policy/1",
                                       "action_policies": doc["action_policies"]},
                  rel + " (action_policies)")
        for i, test in enumerate(doc.get("tests", [])):
            if isinstance(test.get("snapshot"), dict):
                check("posture-inventory-1", as_snapshot(test["snapshot"]),
                      f"{rel} (tests[{i}] {test.get('name', '')})")


def judgments(binary):
    data = os.path.join(ROOT, "examples", "data")
    with open(os.path.join(data, "reference-time.txt"), encoding="utf-8") as f:
        at = f.read().strip()
    run = subprocess.run([binary, "judge", "--policy", os.path.join(data, "policy.json"),
                          "--catalog", os.path.join(data, "catalog.json"),
                          "--inventory", os.path.join(data, "fleet.jsonl"), "--at", at,
                          "--format", "jsonl"], capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        failures.append(f"posture judge exited {run.returncode}: {run.stderr[:500]}")
        return
    for n, line in enumerate(run.stdout.splitlines(), 1):
        if line.strip():
            check("posture-judgment-1", json.loads(line), f"posture judge --format jsonl, line {n}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sample()
    corpus()
    judgments(sys.argv[1])
    for kind, n in checked.items():
        print(f"{kind}: {n} documents")
        if n == 0:
            failures.append(f"{kind}: no document was checked")
    for f in failures:
        print("FAIL " + f)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
