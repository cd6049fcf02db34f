"""End-to-end tests of the action commands: posture act, posture netctl and posture judge --actions.
Standard library only.

    python3 tests/cli/actions_test.py PATH/TO/posture [unittest options]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(os.path.dirname(HERE), "data", "actions", "cli")
POSTURE = None  # set from argv in __main__


def data(name):
    return os.path.join(DATA, name)


def run(*args):
    proc = subprocess.run([POSTURE, *args], capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


class ActionCase(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="posture-actions-")
        self.states = os.path.join(self.dir, "states.json")
        shutil.copy(data("states.json"), self.states)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def read_states(self):
        with open(self.states, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(doc["format"], "posture-client-states/1")
        return {c["asset"]: c for c in doc["clients"]}

    def act(self, *extra):
        return run("act", "--policy", data("policy.json"), "--judgments", data("judgments.jsonl"),
                   "--states", self.states, *extra)


class Act(ActionCase):
    def test_the_plan_lists_the_actions_in_order_and_the_states_are_written_back(self):
        code, out, err = self.act()
        self.assertEqual(code, 0, err)
        plan = json.loads(out)
        self.assertEqual(plan["format"], "posture-action-plan/1")
        kinds = [(a["kind"], a.get("asset", "")) for a in plan["actions"]]
        self.assertEqual(kinds, [("notify_user", "PC-2"), ("email_admin", ""), ("distribute", "PC-2"),
                                 ("network", "PC-1"), ("network", "PC-2")])
        self.assertEqual(plan["actions"][0]["title"], "kobe-2 is isolated")
        self.assertEqual(plan["actions"][1]["subject"], "1 PCs at Danger")
        self.assertEqual(plan["actions"][3]["to"], "permitted")
        self.assertEqual(plan["actions"][4]["changes"],
                         [{"asset": "PC-2", "mac": "00:1A:2B:3C:4D:02", "ip": "10.0.0.2",
                           "host": "kobe-2", "op": "deny"}])
        states = self.read_states()
        self.assertEqual(states["PC-1"]["quarantine"], "permitted")
        self.assertEqual(states["PC-2"]["quarantine"], "denied")
        self.assertEqual(states["PC-2"]["consecutive"], {"times": 1, "since": "2026-11-20"})
        self.assertIn("5 actions for 2 clients", err)

    def test_acting_again_on_the_same_judgments_counts_nothing_twice(self):
        self.assertEqual(self.act()[0], 0)
        code, out, _ = self.act("--compact")
        self.assertEqual(code, 0)
        self.assertEqual(out.count("\n"), 1)
        plan = json.loads(out)
        self.assertNotIn("network", [a["kind"] for a in plan["actions"]])
        self.assertEqual(self.read_states()["PC-2"]["consecutive"]["times"], 1)

    def test_a_dry_run_leaves_the_states_alone(self):
        with open(self.states, encoding="utf-8") as f:
            before = f.read()
        code, _, _ = self.act("--dry-run")
        self.assertEqual(code, 0)
        with open(self.states, encoding="utf-8") as f:
            self.assertEqual(f.read(), before)

    def test_a_missing_states_file_is_a_first_run(self):
        os.remove(self.states)
        code, _, err = self.act()
        self.assertEqual(code, 0, err)
        self.assertEqual(set(self.read_states()), {"PC-1", "PC-2"})

    def test_the_action_policy_can_be_chosen_but_not_initial(self):
        code, out, _ = self.act("--action-policy", "Default", "--dry-run")
        self.assertEqual(code, 0)
        self.assertEqual({c["policy"] for c in json.loads(out)["clients"]}, {"Default"})
        code, out, err = self.act("--action-policy", "Initial")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("read-only", err)
        code, _, err = self.act("--action-policy", "Nope")
        self.assertEqual(code, 2)
        self.assertIn("Nope", err)

    def test_bad_judgments_are_reported_at_their_line_and_column(self):
        bad = os.path.join(self.dir, "bad.jsonl")
        with open(bad, "w", encoding="utf-8") as f:
            f.write('{"asset": "PC-1", "reference_time": "2026-11-20T08:00:00Z", "status": "judged"}\n')
            f.write('{"asset": "PC-2", "reference_time": "later", "status": "judged"}\n')
        code, out, err = run("act", "--policy", data("policy.json"), "--judgments", bad)
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertRegex(err, r"bad\.jsonl:2:37: invalid timestamp \"later\" for \"reference_time\"")

    def test_a_bad_action_policy_is_reported_in_its_file(self):
        policy = os.path.join(self.dir, "policy.json")
        with open(data("policy.json"), encoding="utf-8") as f:
            text = f.read().replace('"network": "deny"', '"network": "block"')
        with open(policy, "w", encoding="utf-8") as f:
            f.write(text)
        code, _, err = run("act", "--policy", policy, "--judgments", data("judgments.jsonl"))
        self.assertEqual(code, 2)
        self.assertRegex(err, r"policy\.json:14:20: .*permit")


class Netctl(ActionCase):
    def netctl(self, *args):
        return run("netctl", *args[:1], "--states", self.states, *args[1:])

    def test_an_emergency_denial_survives_a_safe_judgment_until_permit(self):
        code, out, err = self.netctl("emergency-deny", "--mac", "00-1a-2b-3c-4d-01")
        self.assertEqual(code, 0, err)
        changes = json.loads(out)
        self.assertEqual(changes["format"], "posture-connection-changes/1")
        self.assertEqual(changes["changes"], [{"asset": "PC-1", "mac": "00:1A:2B:3C:4D:01",
                                               "ip": "10.0.0.1", "host": "kobe-1",
                                               "op": "emergency_deny"}])
        self.assertEqual(self.read_states()["PC-1"]["quarantine"], "emergency_denied")

        code, out, _ = self.act()
        self.assertEqual(code, 0)
        self.assertNotIn("PC-1", [a.get("asset") for a in json.loads(out)["actions"]])
        self.assertEqual(self.read_states()["PC-1"]["quarantine"], "emergency_denied")

        code, out, _ = self.netctl("permit", "--ip", "10.0.0.1")
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(out)["changes"][0]["op"], "permit")
        self.assertEqual(self.read_states()["PC-1"]["quarantine"], "permitted")

    def test_a_list_file_names_several_clients_and_unknown_ones_are_reported(self):
        code, out, err = self.netctl("deny", "--list", data("netctl-list.csv"))
        self.assertEqual(code, 1)
        self.assertEqual([c["asset"] for c in json.loads(out)["changes"]], ["PC-2"])
        self.assertIn("no client matches ip 10.0.0.9", err)
        self.assertEqual(self.read_states()["PC-2"]["quarantine"], "denied")

    def test_removal_with_automatic_refusal(self):
        code, out, _ = self.netctl("remove", "--asset", "PC-2", "--auto-refuse")
        self.assertEqual(code, 0)
        self.assertEqual([c["op"] for c in json.loads(out)["changes"]], ["deny", "remove_entry"])
        self.assertEqual(self.read_states()["PC-2"]["quarantine"], "removed")

    def test_an_order_needs_a_client(self):
        code, _, err = self.netctl("deny")
        self.assertEqual(code, 2)
        self.assertIn("--asset", err)

    def test_export_and_import_of_the_connection_control_list(self):
        code, out, _ = self.netctl("export")
        self.assertEqual(code, 0)
        entries = json.loads(out)["entries"]
        self.assertEqual([(e["asset"], e["control"]) for e in entries],
                         [("PC-1", "deny"), ("PC-2", "permit")])
        code, out, _ = self.netctl("export", "--format", "jp1")
        self.assertEqual(code, 0)
        self.assertEqual(out, '"00:1A:2B:3C:4D:01","10.0.0.1","1"\r\n"00:1A:2B:3C:4D:02","10.0.0.2","2"\r\n')

        # The import swaps the two clients.
        swapped = os.path.join(self.dir, "swapped.csv")
        with open(swapped, "w", encoding="utf-8", newline="") as f:
            f.write('00:1A:2B:3C:4D:01,10.0.0.1,2\r\n00:1A:2B:3C:4D:02,10.0.0.2,1\r\n')
        code, out, err = self.netctl("import", "--list", swapped, "--format", "jp1")
        self.assertEqual(code, 0, err)
        self.assertEqual([c["op"] for c in json.loads(out)["changes"]], ["permit", "deny"])
        states = self.read_states()
        self.assertEqual(states["PC-1"]["quarantine"], "permitted")
        self.assertEqual(states["PC-2"]["quarantine"], "denied")

    def test_a_bad_list_is_reported_at_its_line_and_column(self):
        bad = os.path.join(self.dir, "bad.csv")
        with open(bad, "w", encoding="utf-8", newline="") as f:
            f.write('00:1A:2B:3C:4D:01,10.0.0.1,2\r\n00:1A:2B:3C:4D:02,10.0.0.2,7\r\n')
        code, out, err = self.netctl("import", "--list", bad, "--format", "jp1")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertRegex(err, r"bad\.csv:2:28: the status is 1 \(deny\) or 2 \(permit\)")


class JudgeActions(ActionCase):
    def judge(self, *extra):
        return run("judge", "--policy", data("policy.json"), "--inventory", data("fleet.jsonl"),
                   "--at", "2026-11-20T09:00:00Z", "--format", "jsonl", *extra)

    def test_judge_selects_the_actions_of_the_run_and_says_why(self):
        os.remove(self.states)
        plan_file = os.path.join(self.dir, "plan.json")
        code, out, err = self.judge("--actions", plan_file, "--states", self.states)
        self.assertEqual(code, 0, err)
        self.assertEqual(len(out.splitlines()), 3)  # the report is unchanged
        with open(plan_file, encoding="utf-8") as f:
            plan = json.load(f)
        mail = [a for a in plan["actions"] if a["kind"] == "email_admin"]
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail[0]["assets"], ["PC-2", "PC-3"])
        # The hostile host name reported by PC-3 stays on its line.
        self.assertEqual(mail[0]["body"], "- PC-2 kobe-2\n- PC-3 kobe-3  Bcc: x@example.com\n")
        why = {c["asset"]: c["actions"] for c in plan["clients"]}
        self.assertEqual(why["PC-1"][0]["kind"], "network")
        self.assertIn("unregistered → permitted", why["PC-1"][0]["why"])
        states = self.read_states()
        self.assertEqual(states["PC-2"]["host"], "kobe-2")
        self.assertEqual(states["PC-2"]["quarantine"], "denied")
        self.assertEqual(states["PC-1"]["quarantine"], "permitted")

    def test_the_plan_can_go_to_standard_output_when_the_report_does_not(self):
        report = os.path.join(self.dir, "report.jsonl")
        code, out, _ = self.judge("--output", report, "--actions", "-")
        self.assertEqual(code, 0)
        self.assertEqual(json.loads(out)["format"], "posture-action-plan/1")
        code, out, err = self.judge("--actions", "-")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("--output FILE", err)


if __name__ == "__main__":
    POSTURE = os.path.abspath(sys.argv.pop(1))
    unittest.main()
