#!/usr/bin/env python3
"""A network-access-control host on posture's Python binding: the C example (examples/c) in
Python. Loads a policy and a patch catalog, judges a fleet (JSON Lines) in bulk, and prints one
decision per client:

    PC-000123 DANGER points=25 -> deny network; distribute 5034765

posture judges; the host decides: Danger is isolated from the network, everything else is
permitted, whatever posture lists to distribute is pushed, and a client with no level is left
alone.

Usage: nac_host.py POLICY CATALOG FLEET AT      (AT: RFC 3339, e.g. 2024-02-20T09:00:00Z)
"""
import sys

import posture


def decision(j):
    shown = (j.level or j.status).upper()
    points = "-" if j.points is None else str(j.points)
    line = f"{j.asset} {shown} points={points} -> "
    if j.level is None:
        return line + "no action"
    line += ("deny" if j.level == "danger" else "permit") + " network"
    if j.distribute:
        line += "; distribute " + " ".join(j.distribute)
    return line


def main(argv):
    if len(argv) != 5:
        print(f"usage: {argv[0]} POLICY CATALOG FLEET AT", file=sys.stderr)
        return 2
    policy, catalog, fleet, at = argv[1:]
    try:
        engine = posture.Engine(policy, catalog=catalog)
    except posture.Error as e:  # every problem, one per line, as file:line:column: message
        print(e, file=sys.stderr)
        return 2
    bad = 0
    with engine, open(fleet, encoding="utf-8") as lines:
        # Blank lines are not records; an error's line number counts records, not file lines.
        records = (line for line in lines if line.strip())
        for j in engine.judge_many(records, at=at, on_error="yield"):
            if isinstance(j, posture.Error):
                print(f"{fleet}: {j}", file=sys.stderr)
                bad += 1
                continue
            print(decision(j))
    return 2 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
