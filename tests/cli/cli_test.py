"""End-to-end tests of the posture command line: exit statuses, diagnostics, every output format,
and the sample fleet. Standard library only.

    python3 tests/cli/cli_test.py PATH/TO/posture [unittest options]
"""

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(ROOT, "examples", "data")
POSTURE = None  # set from argv in __main__

AT = "2024-02-20T09:00:00Z"
LOCATION = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$", re.M)


def data(name):
    return os.path.join(DATA, name)


def run(*args, stdin=None):
    proc = subprocess.run([POSTURE, *args], input=stdin, capture_output=True, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


def judge(*args, fleet="fleet-mixed.jsonl", policy="small-policy.json"):
    return run("judge", "--policy", data(policy), "--inventory", data(fleet), "--at", AT, *args)


def display_width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in text)


class CliTestCase(unittest.TestCase):
    def assertNoExceptionText(self, stderr):
        for marker in ("what()", "terminate called", "std::", "basic_string", "Aborted"):
            self.assertNotIn(marker, stderr)


class Basics(CliTestCase):
    def test_version_prints_the_version(self):
        code, out, _ = run("version")
        self.assertEqual(code, 0)
        self.assertRegex(out, r"^posture \d+\.\d+\.\d+\n$")
        code, out2, _ = run("--version")
        self.assertEqual(code, 0)
        self.assertEqual(out2.strip(), out.strip())

    def test_help_everywhere(self):
        code, out, _ = run("--help")
        self.assertEqual(code, 0)
        for command in ("judge", "check", "test", "version"):
            self.assertIn(command, out)
        for command in ("judge", "check", "test"):
            code, out, _ = run(command, "--help")
            self.assertEqual(code, 0, command)
            self.assertIn("Exit status", out)
        _, out, _ = run("judge", "--help")
        self.assertIn("clock", out)

    def test_usage_errors_exit_2_without_exception_text(self):
        for args in ([], ["judge"], ["judge", "--policy"], ["frobnicate"], ["judge", "--format", "xml"],
                     ["judge", "--policy", "p", "--inventory", "i", "--width", "-3"]):
            code, _, err = run(*args)
            self.assertEqual(code, 2, args)
            self.assertTrue(err.strip(), args)
            self.assertNoExceptionText(err)


class Judge(CliTestCase):
    def test_clean_fleet_exits_0(self):
        code, out, err = judge("--fail-on", "caution", fleet="fleet-clean.jsonl")
        self.assertEqual(code, 0, err)
        self.assertEqual(err, "")
        self.assertIn("PC-1", out)
        self.assertIn("summary: 2 clients: Safe 2,", out)

    def test_fail_on_exits_1_when_a_client_reaches_the_level(self):
        self.assertEqual(judge("--fail-on", "danger")[0], 1)
        self.assertEqual(judge("--fail-on", "Caution")[0], 1)
        self.assertEqual(judge()[0], 0)
        self.assertEqual(judge("--fail-on", "danger", fleet="fleet-clean.jsonl")[0], 0)

    def test_table_shows_level_status_reasons_and_summary(self):
        code, out, _ = judge("--width", "0")
        self.assertEqual(code, 0)
        lines = out.splitlines()
        self.assertTrue(lines[0].startswith("ASSET"))
        for column in ("HOST", "USER", "LEVEL", "POINTS", "STATUS", "REASONS"):
            self.assertIn(column, lines[0])
        pc3 = next(l for l in lines if l.startswith("PC-3"))
        self.assertIn("Danger", pc3)
        self.assertIn("antivirus: Microsoft Defender Antivirus definition_age risk: 12 days > 3", pc3)
        pc4 = next(l for l in lines if l.startswith("PC-4"))
        self.assertIn("not_judged", pc4)
        self.assertEqual(lines[-1], "summary: 4 clients: Safe 1, Caution 1, Warning 0, Danger 1, unknown 0, "
                                    "no_item 0, not_judged 1; points average 66.7, lowest 25")

    def test_table_is_never_wider_than_width(self):
        for width in (40, 72, 100):
            code, out, _ = judge("--width", str(width))
            self.assertEqual(code, 0)
            for line in out.splitlines()[:-1]:  # the summary line is not part of the table
                self.assertLessEqual(display_width(line), width, line)

    def test_jsonl_is_one_judgment_per_line(self):
        code, out, err = judge("--format", "jsonl")
        self.assertEqual(code, 0)
        records = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([r["asset"] for r in records], ["PC-1", "PC-2", "PC-3", "PC-4"])
        self.assertEqual(records[2]["level"]["name"] if isinstance(records[2]["level"], dict) else records[2]["level"],
                         "danger")
        self.assertIn("summary: 4 clients", err)

    def test_json_is_one_document_with_a_summary(self):
        code, out, err = judge("--format", "json")
        self.assertEqual(code, 0)
        doc = json.loads(out)
        self.assertEqual(doc["format"], "posture-judgments/1")
        self.assertEqual(len(doc["judgments"]), 4)
        self.assertEqual(doc["summary"]["clients"], 4)
        self.assertEqual(doc["summary"]["danger"], 1)
        self.assertEqual(doc["summary"]["not_judged"], 1)
        self.assertEqual(doc["summary"]["lowest_points"], 25)
        self.assertIn("summary: 4 clients", err)

    def test_json_of_an_empty_fleet_is_still_a_document(self):
        code, out, _ = run("judge", "--policy", data("small-policy.json"), "--inventory", "-", "--at", AT,
                           "--format", "json", stdin=b"")
        self.assertEqual(code, 0)
        doc = json.loads(out)
        self.assertEqual(doc["judgments"], [])
        self.assertEqual(doc["summary"]["clients"], 0)

    def test_csv_is_rfc4180_with_one_row_per_client(self):
        code, out, err = judge("--format", "csv")
        self.assertEqual(code, 0)
        self.assertTrue(out.endswith("\r\n"))
        rows = list(csv.reader(io.StringIO(out, newline="")))
        self.assertEqual(rows[0][:6], ["asset", "policy", "status", "level", "level_code", "points"])
        self.assertEqual(rows[0][-2:], ["violations", "reasons"])
        self.assertEqual(len(rows), 5)
        pc3 = next(r for r in rows if r[0] == "PC-3")
        self.assertEqual(pc3[1:6], ["Small", "judged", "danger", "400", "25"])
        self.assertIn("definition_age risk", pc3[-1])
        self.assertIn("summary: 4 clients", err)

    def test_same_inputs_give_the_same_bytes(self):
        for fmt in ("table", "jsonl", "json", "csv"):
            self.assertEqual(judge("--format", fmt), judge("--format", fmt), fmt)

    def test_reference_time_changes_ages(self):
        _, out, _ = judge("--format", "csv", fleet="fleet-clean.jsonl")
        self.assertNotIn("danger", out)
        _, out, _ = run("judge", "--policy", data("small-policy.json"), "--inventory", data("fleet-clean.jsonl"),
                        "--at", "2024-03-31", "--format", "csv")
        self.assertIn("danger", out)

    def test_require_agent_version_makes_clients_without_it_unknown(self):
        _, _, err = judge("--format", "jsonl", fleet="fleet-clean.jsonl")
        self.assertIn("Safe 2,", err)
        code, out, err = judge("--format", "jsonl", "--require-agent-version", fleet="fleet-clean.jsonl")
        self.assertEqual(code, 0)
        self.assertEqual([json.loads(l)["status"] for l in out.splitlines()], ["unknown", "unknown"])
        self.assertIn("unknown 2,", err)

    def test_bad_reference_time_exits_2(self):
        for at in ("yesterday", "", "2024-02-30"):
            code, out, err = judge("--at", at)
            self.assertEqual(code, 2, at)
            self.assertEqual(out, "")
            self.assertIn("--at", err)

    def test_standard_input_is_read_once(self):
        code, out, err = run("judge", "--policy", "-", "--inventory", "-", "--at", AT, stdin=b"{}")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn("standard input", err)

    def test_an_inventory_that_cannot_be_read_leaves_an_old_report_untouched(self):
        with tempfile.TemporaryDirectory() as tmp:
            report = os.path.join(tmp, "report.csv")
            with open(report, "w", encoding="utf-8") as f:
                f.write("old report\n")
            for inventory, reason in ((os.path.join(tmp, "missing.jsonl"), "cannot open"),
                                      (tmp, "cannot read")):
                code, out, err = run("judge", "--policy", data("small-policy.json"), "--inventory", inventory,
                                     "--at", AT, "--format", "csv", "--output", report)
                self.assertEqual(code, 2, inventory)
                self.assertIn("%s: %s \"%s\": " % (inventory, reason, inventory), err)
                self.assertNoExceptionText(err)
                with open(report, encoding="utf-8") as f:
                    self.assertEqual(f.read(), "old report\n")

    def test_inventory_from_stdin_and_report_to_file(self):
        with open(data("fleet-mixed.jsonl"), "rb") as f:
            fleet = f.read()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.jsonl")
            code, out, _ = run("judge", "--policy", data("small-policy.json"), "--inventory", "-", "--at", AT,
                               "--format", "jsonl", "--output", path, stdin=fleet)
            self.assertEqual(code, 0)
            self.assertEqual(out, "")
            with open(path, encoding="utf-8") as f:
                self.assertEqual(len(f.read().splitlines()), 4)

    def test_bad_policy_exits_2_with_line_and_column(self):
        code, out, err = judge(policy="bad-syntax-policy.json")
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        m = LOCATION.search(err)
        self.assertIsNotNone(m, err)
        self.assertTrue(m.group("file").endswith("bad-syntax-policy.json"))
        self.assertEqual(m.group("line"), "5")  # the key after the missing comma
        self.assertNoExceptionText(err)

    def test_bad_record_mid_file_is_reported_and_the_others_judged(self):
        code, out, err = judge("--format", "jsonl", fleet="fleet-bad-record.jsonl")
        self.assertEqual(code, 2)
        self.assertEqual([json.loads(l)["asset"] for l in out.splitlines()], ["PC-1", "PC-3"])
        located = [m for m in LOCATION.finditer(err)]
        self.assertEqual(len(located), 1, err)
        self.assertTrue(located[0].group("file").endswith("fleet-bad-record.jsonl"))
        self.assertEqual(located[0].group("line"), "2")
        self.assertIn("summary: 2 clients", err)

    def test_missing_files_exit_2_naming_the_file(self):
        code, _, err = judge(fleet="no-such-fleet.jsonl")
        self.assertEqual(code, 2)
        self.assertIn("no-such-fleet.jsonl", err)
        code, _, err = judge(policy="no-such-policy.json")
        self.assertEqual(code, 2)
        self.assertIn("no-such-policy.json", err)
        self.assertNoExceptionText(err)

    def test_bad_policy_leaves_an_existing_report_alone(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.txt")
            with open(path, "w") as f:
                f.write("yesterday's report\n")
            code, _, _ = judge("--output", path, policy="bad-syntax-policy.json")
            self.assertEqual(code, 2)
            with open(path) as f:
                self.assertEqual(f.read(), "yesterday's report\n")


class LargeFleet(CliTestCase):
    """judge reads, judges and reports a JSON Lines input in chunks of 2,048 records (the library's
    ChunkOptions), overlapped on two threads. An input of several chunks must give the report of
    the same clients read at once, as a JSON array is read; bad records on chunk boundaries are
    reported with their lines and skipped."""

    RECORDS = 3 * 2048 + 300
    BAD_LINES = (1, 2048, 2049, 2050, 4097, RECORDS + 5)

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="posture-large-")
        with open(os.path.join(SAMPLE, "fleet.jsonl"), encoding="utf-8") as f:
            sample = f.read().splitlines()
        with open(data("fleet-mixed.jsonl"), encoding="utf-8") as f:
            mixed = f.read().splitlines()
        # Mostly the short records of fleet-mixed, with the sample's (every outcome, actions) among them.
        good = [sample[i // 7 % len(sample)] if i % 7 == 0 else mixed[i % len(mixed)] for i in range(cls.RECORDS)]
        cls.bad_records = ['{"asset":"PC-1","asset":"PC-2"}', '{"asset":"PC-1",}', '{"asset":"PC-1","managed":"yes"}']
        lines = list(good)
        for n, line in enumerate(cls.BAD_LINES):
            lines.insert(line - 1, cls.bad_records[n % len(cls.bad_records)])
        cls.clean = cls.write("clean.jsonl", "".join(r + "\n" for r in good))
        cls.damaged = cls.write("damaged.jsonl", "".join(r + "\n" for r in lines))
        cls.array = cls.write("array.json", "[" + ",\n".join(good) + "]\n")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    @classmethod
    def write(cls, name, text):
        path = os.path.join(cls.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def sample(self, inventory, *args):
        return run("judge", "--policy", os.path.join(SAMPLE, "policy.json"),
                   "--catalog", os.path.join(SAMPLE, "catalog.json"), "--inventory", inventory, "--at", AT, *args)

    def test_every_format_is_the_report_of_the_whole_fleet(self):
        for fmt in ("table", "csv", "jsonl", "json"):
            want = self.sample(self.array, "--format", fmt, "--fail-on", "danger")
            self.assertEqual(want[0], 1, fmt)
            self.assertEqual(self.sample(self.clean, "--format", fmt, "--fail-on", "danger"), want, fmt)

    def test_bad_records_at_chunk_boundaries_are_reported_with_their_lines(self):
        # Each bad record is reported as on its own, on its line of the whole input; a duplicate key
        # names the line of its first occurrence, the same line.
        alone = []
        for record in self.bad_records:
            path = self.write("alone.jsonl", record + "\n")
            m = LOCATION.search(self.sample(path, "--format", "csv")[2])
            alone.append((m.group("column"), m.group("message")))
        expected = ""
        for n, line in enumerate(self.BAD_LINES):
            column, message = alone[n % len(alone)]
            message = message.replace("(first at line 1,", "(first at line %d," % line)
            expected += "%s:%d:%s: %s\n" % (self.damaged, line, column, message)
        for fmt in ("csv", "jsonl"):
            _, want, summary = self.sample(self.array, "--format", fmt)
            code, out, err = self.sample(self.damaged, "--format", fmt)
            self.assertEqual(code, 2, fmt)
            self.assertEqual(out, want, fmt)
            self.assertEqual(err, expected + summary, fmt)

    def test_a_pipe_is_read_as_it_comes_with_the_same_report(self):
        # Standard input is read a part at a time, as a file is: the same report, the same bad
        # records on the same lines, named <stdin>.
        with open(self.damaged, "rb") as f:
            damaged = f.read()
        for fmt in ("csv", "jsonl"):
            want = self.sample(self.damaged, "--format", fmt)
            got = run("judge", "--policy", os.path.join(SAMPLE, "policy.json"),
                      "--catalog", os.path.join(SAMPLE, "catalog.json"), "--inventory", "-", "--at", AT,
                      "--format", fmt, stdin=damaged)
            self.assertEqual(got[0], 2, fmt)
            self.assertEqual(got[1], want[1], fmt)
            self.assertEqual(got[2], want[2].replace(self.damaged, "<stdin>"), fmt)

    def test_actions_and_states_are_those_of_the_whole_fleet(self):
        results = []
        for inventory in (self.array, self.clean):
            with tempfile.TemporaryDirectory() as tmp:
                plan, states = os.path.join(tmp, "plan.json"), os.path.join(tmp, "states.json")
                code, out, err = self.sample(inventory, "--format", "csv", "--actions", plan, "--states", states)
                with open(plan, encoding="utf-8") as f, open(states, encoding="utf-8") as g:
                    results.append((code, out, err, f.read(), g.read()))
        self.assertEqual(results[0][0], 0, results[0][2])
        self.assertIn('"kind":"network"', results[0][3].replace(" ", ""))
        self.assertEqual(results[1], results[0])

    def test_a_closed_pipe_ends_the_run(self):
        # With SIGPIPE ignored (as this interpreter has it), a write to the closed pipe fails: the
        # run stops reading and judging, says so and exits 2, instead of waiting on its other thread.
        proc = subprocess.Popen([POSTURE, "judge", "--policy", os.path.join(SAMPLE, "policy.json"),
                                 "--inventory", self.clean, "--at", AT, "--format", "jsonl"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, restore_signals=False)
        proc.stdout.read(1000)
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8")
        proc.stderr.close()
        self.assertEqual(proc.wait(timeout=60), 2)
        self.assertIn("cannot write standard output", err)
        self.assertNoExceptionText(err)


class Check(CliTestCase):
    def test_clean_policies_print_ok(self):
        code, out, err = run("check", "--policy", os.path.join(SAMPLE, "policy.json"),
                             "--catalog", os.path.join(SAMPLE, "catalog.json"))
        self.assertEqual(code, 0, err)
        self.assertEqual(out, "ok: 2 judgment policies\n")

    def test_every_problem_is_listed_with_its_location(self):
        code, out, err = run("check", "--policy", data("many-problems-policy.json"))
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        lines = {int(m.group("line")) for m in LOCATION.finditer(err)}
        self.assertEqual(lines, {6, 8, 9}, err)

    def test_problems_of_several_files_are_all_listed(self):
        code, _, err = run("check", "--policy", data("bad-syntax-policy.json"), data("many-problems-policy.json"))
        self.assertEqual(code, 2)
        files = {os.path.basename(m.group("file")) for m in LOCATION.finditer(err)}
        self.assertEqual(files, {"bad-syntax-policy.json", "many-problems-policy.json"})

    def test_a_bad_catalog_is_reported_with_its_location(self):
        code, out, err = run("check", "--policy", data("small-policy.json"), "--catalog", data("small-policy.json"))
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        m = LOCATION.search(err)
        self.assertIsNotNone(m, err)
        self.assertTrue(m.group("file").endswith("small-policy.json"))

    def test_duplicate_policy_names_across_files(self):
        code, _, err = run("check", "--policy", data("small-policy.json"), data("small-policy.json"))
        self.assertEqual(code, 2)
        self.assertIsNotNone(LOCATION.search(err), err)


class Test(CliTestCase):
    def test_failing_test_is_one_line_and_the_count_is_last(self):
        code, out, _ = run("test", os.path.join(DATA, "tests", "mixed"))
        self.assertEqual(code, 1)
        lines = out.splitlines()
        self.assertEqual(lines[-1], "1 passed, 1 failed")
        fails = [l for l in lines if l.startswith("FAIL ")]
        self.assertEqual(len(fails), 1)
        self.assertIn("b_failing.test.json", fails[0])
        self.assertIn("old definitions expected safe", fails[0])
        self.assertNotIn("PASS", out)

    def test_verbose_lists_passing_tests(self):
        code, out, _ = run("test", "-v", os.path.join(DATA, "tests", "mixed"))
        self.assertEqual(code, 1)
        self.assertIn("PASS ", out)
        self.assertIn("uTorrent is caution", out)

    def test_all_passing_exits_0(self):
        code, out, _ = run("test", os.path.join(DATA, "tests", "passing"))
        self.assertEqual(code, 0)
        self.assertEqual(out.splitlines()[-1], "2 passed, 0 failed")

    def test_unreadable_test_file_exits_2(self):
        with tempfile.TemporaryDirectory() as tmp:
            broken = os.path.join(tmp, "broken.test.json")
            with open(broken, "w") as f:
                f.write('{"format": "posture-test/1", "tests": [\n')
            code, out, err = run("test", broken, os.path.join(DATA, "tests", "passing"))
            self.assertEqual(code, 2)
            self.assertEqual(out.splitlines()[-1], "2 passed, 0 failed")
            self.assertIn("broken.test.json", err)
            self.assertNoExceptionText(err)

    def test_directory_without_tests_exits_2(self):
        with tempfile.TemporaryDirectory() as tmp:
            code, out, err = run("test", tmp)
            self.assertEqual(code, 2)
            self.assertIn("no test files", err)


class SampleFleet(CliTestCase):
    def sample(self, *args):
        with open(os.path.join(SAMPLE, "reference-time.txt")) as f:
            at = f.read().strip()
        return run("judge", "--policy", os.path.join(SAMPLE, "policy.json"),
                   "--catalog", os.path.join(SAMPLE, "catalog.json"),
                   "--inventory", os.path.join(SAMPLE, "fleet.jsonl"), "--at", at, *args)

    def test_sample_covers_every_outcome(self):
        code, out, err = self.sample("--format", "json")
        self.assertEqual(code, 0, err)
        doc = json.loads(out)
        summary = doc["summary"]
        self.assertGreaterEqual(summary["clients"], 200)
        for key in ("safe", "caution", "warning", "danger", "unknown", "no_item", "not_judged"):
            self.assertGreater(summary[key], 0, key)

    def test_sample_gives_every_client_a_level_or_status_and_every_finding_a_reason(self):
        code, out, _ = self.sample("--format", "csv")
        self.assertEqual(code, 0)
        rows = list(csv.DictReader(io.StringIO(out, newline="")))
        self.assertGreaterEqual(len(rows), 200)
        for row in rows:
            if row["status"] == "judged":
                self.assertIn(row["level"], ("safe", "caution", "warning", "danger"), row["asset"])
            else:
                self.assertIn(row["status"], ("unknown", "no_item", "not_judged"), row["asset"])
            if row["level"] in ("caution", "warning", "danger") or row["status"] == "unknown":
                self.assertTrue(row["reasons"], row["asset"])

    def test_sample_policy_tests_pass(self):
        code, out, err = run("test", SAMPLE)
        self.assertEqual(code, 0, out + err)
        self.assertRegex(out.splitlines()[-1], r"^\d+ passed, 0 failed$")

    def test_sample_table_fits_80_columns(self):
        code, out, _ = self.sample("--width", "80")
        self.assertEqual(code, 0)
        for line in out.splitlines()[:-1]:
            self.assertLessEqual(display_width(line), 80, line)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: cli_test.py PATH/TO/posture [unittest options]")
    POSTURE = os.path.abspath(sys.argv.pop(1))
    unittest.main()
