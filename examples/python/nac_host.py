#!/usr/bin/env python3
"""A network-access-control host on posture's Python binding: the C example (examples/c) in
Python. Loads a policy and a patch catalog, judges a fleet (JSON Lines) in bulk, and prints one
decision per client:

    PC-000123 DANGER points=25 -> deny network; distribute 5034765

posture judges; the host decides: Danger is isolated from the network, everything else is
permitted, whatever posture lists to distribute is pushed, and a client with no level is left
alone.

Then, as the C host, it prints the actions the policy's action policies select for the run
(immediate mode: each client's identity observed from its snapshot, one selection for all):

        notify_user PC-000123 (danger): Security level Danger: action needed

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


def describe(a):
    """One action, as the C host prints it."""
    if isinstance(a, posture.UserNotification):
        detail = a.title
    elif isinstance(a, posture.AdminEmail):
        detail = f"mail {len(a.to)} recipient(s): {a.subject}"
    elif isinstance(a, posture.CommandRun):  # argv, never a shell line
        detail = " ".join(f"[{arg}]" for arg in a.argv)
    elif isinstance(a, posture.Distribution):
        detail = " ".join(a.updates) + (" +definitions" if a.antivirus_definitions else "")
    elif isinstance(a, posture.NetworkStep):
        detail = f"{a.from_state} -> {a.to_state}" + "".join(
            f"; {c.op} {c.mac or c.ip}" for c in a.changes)
    elif isinstance(a, posture.MonitoringEvent):
        detail = f"{a.severity}: {a.message}"
    else:
        detail = ""
    return f"    {a.kind} {','.join(a.assets)} ({a.level}): {detail}"


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
    states = posture.ClientStates()
    judgments = []
    with engine, open(fleet, encoding="utf-8") as lines:
        # Blank lines are not records; an error's line number counts records, not file lines.
        records = [line for line in lines if line.strip()]
        for record, j in zip(records, engine.judge_many(records, at=at, on_error="yield")):
            if isinstance(j, posture.Error):
                print(f"{fleet}: {j}", file=sys.stderr)
                bad += 1
                continue
            print(decision(j))
            # The client's identity (host, addresses) is what templates and network changes use.
            states.observe(record)
            judgments.append(j)
        try:
            plan, _ = engine.select_actions(judgments, states)
        except posture.Error as e:
            print(f"actions: {e}", file=sys.stderr)
            return 2
    print(f"actions: {len(plan.actions)}")
    for a in plan.actions:
        print(describe(a))
    return 2 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
