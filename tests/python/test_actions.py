"""Actions through the Python binding (docs/actions.md): the action golden cases
(tests/data/actions) meet their expectations and give, byte for byte, what the command line gives
for the same steps; immediate mode equals `posture judge --actions`; client states round-trip."""
import dataclasses
import json
import os
import pathlib
import subprocess
import tempfile
import unittest

import posture
from support import AT, DANGER, POLICY, SAFE, corpus_dir

# The administrator orders of the golden cases, as `posture netctl` subcommands.
NETCTL = {"admin_permit": "permit", "admin_deny": "deny", "emergency_deny": "emergency-deny",
          "register_permitted": "register", "remove": "remove", "set_exempt": "exempt",
          "clear_exempt": "unexempt"}

ACTION_POLICY = dict(POLICY, action_policies=[{"name": "Q", "levels": {
    "danger": {"notify_user": {"title": "Isolated", "text": "%host% is isolated"},
               "network": "deny",
               "email_admin": {"to": ["secops@example.com"], "subject": "%count% PCs",
                               "body": "- %asset%\n"}},
    "safe": {"network": "permit"}}}], defaults={"action_policy": "Q"})


def match(want, got, path, out):
    """The golden cases' rule: objects match member by member (others ignored), arrays element by
    element with the same length, scalars by equality."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            out.append(f"{path}: expected an object, got {got!r}")
            return
        for k, v in want.items():
            if k not in got:
                out.append(f"{path}.{k}: missing")
            else:
                match(v, got[k], f"{path}.{k}", out)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            out.append(f"{path}: expected {len(want)} elements, got {got!r}")
            return
        for i, (w, g) in enumerate(zip(want, got)):
            match(w, g, f"{path}[{i}]", out)
    elif want != got or type(want) is bool and type(got) is not bool:
        out.append(f"{path}: expected {want!r}, got {got!r}")


def cli():
    path = os.environ.get("POSTURE_CLI")
    return pathlib.Path(path) if path else None


class GoldenActions(unittest.TestCase):
    def test_every_case(self):
        files = sorted((corpus_dir() / "actions").glob("*.json"))
        self.assertGreaterEqual(len(files), 10)
        steps = 0
        for path in files:
            case = json.loads(path.read_text(encoding="utf-8"))
            with self.subTest(case=path.name), tempfile.TemporaryDirectory() as work:
                steps += self._run_case(case, pathlib.Path(work))
        self.assertGreater(steps, 0)

    def _run_case(self, case, work):
        # The command line needs a judgment policy; the one given judges nothing here.
        policy = {"format": "posture-policy/1", "judgment_policies": [{"name": "Golden"}]}
        if "action_policies" in case:
            policy["action_policies"] = case["action_policies"]
        (work / "policy.json").write_text(json.dumps(policy), encoding="utf-8")
        initial = {"format": "posture-client-states/1", "clients": case.get("states", [])}
        states = posture.ClientStates(initial if "states" in case else None)
        if "states" in case:
            (work / "states.json").write_text(json.dumps(initial), encoding="utf-8")
        with posture.Engine(policy) as engine:
            for step in case["steps"]:
                with self.subTest(step=step["name"]):
                    states = self._run_step(engine, step, states, work)
        return len(case["steps"])

    def _run_step(self, engine, step, states, work):
        changes = []
        for order in step.get("orders", []):
            keys = {k: order[k] for k in ("asset", "mac", "ip", "host") if k in order}
            got = states.apply(order["event"], control=order.get("control", "permit"),
                               auto_refuse=order.get("auto_refuse", False), **keys)
            self.assertTrue(all(isinstance(c, posture.ConnectionChange) for c in got))
            changes += [dataclasses.asdict(c) for c in got]
            if cli():
                self.assertEqual(self._netctl(order, keys, work), [dataclasses.asdict(c) for c in got])
        options = step.get("options", {})
        plan, new_states = engine.select_actions(step.get("judgments", []), states, **options)
        self.assertIsInstance(plan, posture.ActionPlan)
        self.assertEqual(len(plan.actions), len(plan.raw["actions"]))
        for action, raw in zip(plan.actions, plan.raw["actions"]):
            self.assertEqual((action.kind, action.policy, action.level),
                             (raw["kind"], raw["policy"], raw["level"]))
        states_doc = json.loads(new_states.to_json())

        diffs = []
        expect = step["expect"]
        for part in ("actions", "clients"):
            if part in expect:
                match(expect[part], plan.raw[part], part, diffs)
        if "changes" in expect:
            match(expect["changes"], changes, "changes", diffs)
        for want in expect.get("states", []):
            got = [c for c in states_doc["clients"] if c["asset"] == want["asset"]]
            if not got:
                diffs.append(f"states.{want['asset']}: no such client")
            else:
                match(want, got[0], f"states.{want['asset']}", diffs)
        self.assertEqual(diffs, [])

        if cli():
            plan_text, states_text = self._act(step, options, work)
            self.assertEqual(plan_text, plan.json + "\n")  # `posture act --compact`, byte for byte
            self.assertEqual(states_text, new_states.to_json(pretty=True))
        return new_states

    def _netctl(self, order, keys, work):
        args = [str(cli()), "netctl", NETCTL[order["event"]], "-s", str(work / "states.json")]
        for k, v in keys.items():
            args += [f"--{k}", v]
        if order.get("auto_refuse"):
            args.append("--auto-refuse")
        done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8")
        self.assertEqual(done.returncode, 0, done.stderr)
        return json.loads(done.stdout)["changes"]

    def _act(self, step, options, work):
        (work / "judgments.json").write_text(json.dumps(step.get("judgments", [])),
                                             encoding="utf-8")
        args = [str(cli()), "act", "-p", str(work / "policy.json"), "-j",
                str(work / "judgments.json"), "-s", str(work / "states.json"), "--compact"]
        flags = {"policy": "--action-policy", "command_folder": "--command-folder",
                 "mail_from": "--mail-from"}
        for k, v in options.items():
            args += [flags[k], v]
        done = subprocess.run(args, capture_output=True, text=True, encoding="utf-8")
        self.assertEqual(done.returncode, 0, done.stderr)
        return done.stdout, (work / "states.json").read_text(encoding="utf-8")


class ImmediateMode(unittest.TestCase):
    def test_equals_judge_with_actions(self):
        """Judging a fleet and selecting for the run, as `posture judge --actions` does."""
        data = corpus_dir() / "actions" / "cli"
        fleet = [json.loads(line) for line in
                 (data / "fleet.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        with posture.Engine(data / "policy.json") as engine:
            states = posture.ClientStates()
            judgments = []
            for snapshot in fleet:
                states.observe(snapshot)
                judgments.append(engine.judge(snapshot, at=AT))
            plan, new_states = engine.select_actions(judgments, states)
        self.assertEqual(len(states), len(fleet))
        self.assertTrue(plan.actions)
        self.assertEqual(plan.run_time, AT)
        if not cli():
            self.skipTest("POSTURE_CLI is not set")
        with tempfile.TemporaryDirectory() as work:
            out = pathlib.Path(work)
            done = subprocess.run(
                [str(cli()), "judge", "-p", str(data / "policy.json"), "-i",
                 str(data / "fleet.jsonl"), "--at", AT, "--format", "jsonl", "-o",
                 str(out / "report.jsonl"), "--actions", str(out / "plan.json"), "--states",
                 str(out / "states.json")], capture_output=True, text=True, encoding="utf-8")
            self.assertIn(done.returncode, (0, 1), done.stderr)
            self.assertEqual(json.loads((out / "plan.json").read_text(encoding="utf-8")), plan.raw)
            self.assertEqual((out / "states.json").read_text(encoding="utf-8"),
                             new_states.to_json(pretty=True))


class Plans(unittest.TestCase):
    def setUp(self):
        self.engine = posture.Engine(ACTION_POLICY)

    def tearDown(self):
        self.engine.close()

    def test_kinds_and_payloads(self):
        states = posture.ClientStates()
        danger = dict(DANGER, mac=["00-1a-2b-3c-4d-5e"], ip=["10.0.0.5"])
        states.observe(danger)
        states.observe(SAFE)
        plan, new = self.engine.select_actions(
            [self.engine.judge(danger, at=AT), self.engine.judge(SAFE, at=AT)], states,
            mail_from="posture@example.com")
        kinds = [a.kind for a in plan.actions]
        # A user hears of a denial before it cuts them off.
        self.assertEqual(kinds, ["notify_user", "email_admin", "network", "network"])
        note, mail, deny, permit = plan.actions
        self.assertIsInstance(note, posture.UserNotification)
        self.assertEqual((note.title, note.text, note.assets), ("Isolated", "kobe-01 is isolated",
                                                               ["PC-000123"]))
        self.assertIsInstance(mail, posture.AdminEmail)
        self.assertEqual((mail.sender, mail.to, mail.subject, mail.body),
                         ("posture@example.com", ["secops@example.com"], "1 PCs", "- PC-000123\n"))
        self.assertIsInstance(deny, posture.NetworkStep)
        self.assertEqual((deny.control, deny.from_state, deny.to_state),
                         ("deny", "unregistered", "denied"))
        self.assertEqual(deny.changes, [posture.ConnectionChange("PC-000123", "00:1A:2B:3C:4D:5E",
                                                                 "10.0.0.5", "kobe-01", "deny")])
        self.assertEqual((permit.assets, permit.to_state), (["PC-000124"], "permitted"))
        self.assertEqual([c.asset for c in plan.clients], ["PC-000123", "PC-000124"])
        self.assertTrue(all(d.selected for d in plan.clients[0].actions))
        # The states given are not changed; the new ones carry the quarantine and the counters.
        self.assertEqual(states["PC-000123"].quarantine, "unregistered")
        self.assertEqual(new["PC-000123"].quarantine, "denied")
        self.assertEqual(new["PC-000123"].consecutive_times, 1)
        self.assertEqual(new["PC-000123"].mac, ["00-1a-2b-3c-4d-5e"])  # as reported

    def test_deferred_mode_counts_each_judgment_once(self):
        j = self.engine.judge(DANGER, at=AT)
        plan, states = self.engine.select_actions(j)
        self.assertEqual(states["PC-000123"].consecutive_times, 1)
        again, states = self.engine.select_actions([j.raw, json.dumps(j.raw)], states)
        self.assertEqual(states["PC-000123"].consecutive_times, 1)
        # The network change is not repeated; the message is.
        self.assertEqual([a.kind for a in again.actions], ["notify_user", "email_admin"])
        decision = [d for d in again.clients[0].actions if d.kind == "network"][0]
        self.assertFalse(decision.selected)
        self.assertIn("already denied", decision.why)

    def test_override_policy_and_presets(self):
        self.assertEqual(self.engine.action_policy_names, ["Q", "Default", "Initial"])
        plan, _ = self.engine.select_actions(self.engine.judge(DANGER, at=AT), policy="Default")
        self.assertEqual([a.kind for a in plan.actions], ["notify_user"])
        self.assertEqual(plan.actions[0].title, "Security level Danger: action needed")

    def test_nothing_to_select(self):
        plan, states = self.engine.select_actions([])
        self.assertEqual((plan.actions, plan.clients, len(states)), ([], [], 0))


class States(unittest.TestCase):
    DOC = {"format": "posture-client-states/1", "clients": [
        {"asset": "PC-1", "mac": ["00:1A:2B:3C:4D:5E"], "quarantine": "permitted",
         "level": "danger", "consecutive": {"times": 2, "since": "2026-11-20"}}]}

    def test_round_trip(self):
        with posture.ClientStates(self.DOC) as states:
            text = states.to_json()
            self.assertEqual(posture.ClientStates(text).to_json(), text)
            self.assertEqual(posture.ClientStates(states.to_json(pretty=True)).to_json(), text)
            self.assertIn("\n", states.to_json(pretty=True))
            c = states["PC-1"]
            self.assertEqual((c.quarantine, c.level, c.consecutive_times, c.consecutive_since),
                             ("permitted", "danger", 2, "2026-11-20"))
            self.assertEqual(len(states), 1)

    def test_orders(self):
        states = posture.ClientStates(self.DOC)
        changes = states.apply("emergency_deny", mac="00-1a-2b-3c-4d-5e")
        self.assertEqual([(c.asset, c.op) for c in changes], [("PC-1", "emergency_deny")])
        self.assertEqual(states["PC-1"].quarantine, "emergency_denied")
        self.assertEqual(states.apply("admin_deny", asset="PC-1"), [])  # only a permit ends it
        self.assertEqual(states["PC-1"].quarantine, "emergency_denied")
        self.assertEqual([c.op for c in states.apply("admin_permit", asset="PC-1")], ["permit"])
        self.assertEqual(states["PC-1"].quarantine, "permitted")


if __name__ == "__main__":
    unittest.main()
