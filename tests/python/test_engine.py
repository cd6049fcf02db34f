"""The Python Engine: judging one snapshot and many, reference times, lifetimes and threads."""
import datetime
import json
import threading
import unittest

import posture
from support import AT, CATALOG, DANGER, POLICY, SAFE, examples_dir


class Judging(unittest.TestCase):
    def setUp(self):
        self.engine = posture.Engine(POLICY, catalog=CATALOG)

    def tearDown(self):
        self.engine.close()

    def test_judgment_fields(self):
        j = self.engine.judge(DANGER, at=AT)
        self.assertEqual((j.asset, j.policy, j.status), ("PC-000123", "Baseline", "judged"))
        self.assertEqual((j.level, j.level_code), ("danger", 400))
        self.assertEqual(j.points, 12)  # Warning x Safe x Danger: floor(100 x 0.5 x 0.25)
        self.assertEqual(j.distribute, ["5034765"])
        self.assertEqual(j.reference_time, AT)
        self.assertEqual([i.category for i in j.items],
                         ["security_updates", "antivirus", "prohibited_software"])
        item = j.item("prohibited_software")
        self.assertEqual((item.status, item.level), ("judged", "danger"))
        self.assertTrue(item.conditions and item.conditions[0].evidence)
        self.assertIsNone(j.item("user_defined"))
        safe = self.engine.judge(SAFE, at=AT)
        self.assertEqual((safe.level, safe.points), ("safe", 100))

    def test_snapshot_as_dict_text_or_bytes(self):
        as_dict = self.engine.judge(DANGER, at=AT)
        self.assertEqual(self.engine.judge(json.dumps(DANGER, indent=2), at=AT), as_dict)
        self.assertEqual(self.engine.judge(json.dumps(DANGER).encode(), at=AT), as_dict)

    def test_reference_time_forms(self):
        expected = self.engine.judge(DANGER, at=AT).raw
        utc = datetime.datetime(2026, 11, 22, tzinfo=datetime.timezone.utc)
        jst = datetime.timezone(datetime.timedelta(hours=9))
        for at in (utc, utc.replace(tzinfo=None), utc.astimezone(jst), int(utc.timestamp()),
                   float(utc.timestamp()), "2026-11-22T09:00:00+09:00"):
            with self.subTest(at=at):
                self.assertEqual(self.engine.judge(DANGER, at=at).raw, expected)
        for bad in ("yesterday", True, [], object()):
            with self.subTest(at=bad), self.assertRaises(posture.InvalidArgumentError):
                self.engine.judge(DANGER, at=bad)

    def test_ages_follow_the_reference_time(self):
        later = self.engine.judge(SAFE, at="2026-12-22T00:00:00Z")  # definitions 31 days old
        self.assertEqual(later.item("antivirus").level, "danger")

    def test_judge_many_equals_judge(self):
        snapshots = [DANGER, SAFE, json.dumps(DANGER, indent=2), {"asset": "PC-3"}, SAFE]
        singles = [self.engine.judge(s, at=AT) for s in snapshots]
        for chunk_size in (1, 2, 4096):
            with self.subTest(chunk_size=chunk_size):
                many = list(self.engine.judge_many(snapshots, at=AT, chunk_size=chunk_size))
                self.assertEqual(many, singles)
        self.assertEqual(list(self.engine.judge_many([], at=AT)), [])
        with self.assertRaises(posture.InvalidArgumentError):
            list(self.engine.judge_many(snapshots, at=AT, chunk_size=0))
        with self.assertRaises(posture.InvalidArgumentError):
            list(self.engine.judge_many(snapshots, at=AT, on_error="ignore"))

    def test_judge_many_with_a_bad_snapshot(self):
        snapshots = [DANGER, '{"asset": "PC-B", "software": [}', SAFE]
        for chunk_size in (1, 2, 4096):
            with self.subTest(chunk_size=chunk_size):
                got = list(self.engine.judge_many(snapshots, at=AT, on_error="yield",
                                                  chunk_size=chunk_size))
                self.assertEqual(got[0], self.engine.judge(DANGER, at=AT))
                self.assertIsInstance(got[1], posture.ParseError)
                self.assertEqual(got[1].line, 2)  # its position in the input
                self.assertEqual(got[1].column, 32)
                self.assertEqual(got[2], self.engine.judge(SAFE, at=AT))

        seen = []
        with self.assertRaises(posture.ParseError):
            for j in self.engine.judge_many(snapshots, at=AT):
                seen.append(j)
        self.assertEqual([j.asset for j in seen], ["PC-000123"])

    def test_verdicts(self):
        verdicts = self.engine.verdicts([DANGER, "not json", SAFE], at=AT, chunk_size=2)
        self.assertEqual([(v.level, v.level_code, v.status, v.points) for v in verdicts[::2]],
                         [("danger", 400, "judged", 12), ("safe", 100, "judged", 100)])
        self.assertEqual([v.line for v in verdicts], [1, 2, 3])
        self.assertIsNone(verdicts[0].error)
        self.assertIsInstance(verdicts[1].error, posture.ParseError)
        self.assertIsNone(verdicts[1].level)

    def test_threads_share_one_engine(self):
        expected = {"PC-000123": self.engine.judge(DANGER, at=AT),
                    "PC-000124": self.engine.judge(SAFE, at=AT)}
        errors = []

        def work():
            for i in range(30):
                j = self.engine.judge(DANGER if i % 2 else SAFE, at=AT)
                if j != expected[j.asset]:
                    errors.append(j.asset)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])


class Construction(unittest.TestCase):
    def test_policy_sources(self):
        second = json.loads(json.dumps(POLICY))
        second["judgment_policies"][0]["name"] = "Second"
        with posture.Engine([POLICY, json.dumps(second)]) as engine:
            self.assertEqual(engine.policy_names, ["Baseline", "Second"])
        with posture.Engine(examples_dir() / "policy.json",
                            catalog=str(examples_dir() / "catalog.json")) as engine:
            self.assertGreaterEqual(len(engine.policy_names), 1)
        with self.assertRaises(posture.InvalidArgumentError):
            posture.Engine([])

    def test_require_agent_version(self):
        with posture.Engine(POLICY, require_agent_version=True) as engine:
            j = engine.judge(SAFE, at=AT)
            self.assertEqual(j.status, "unknown")
            self.assertEqual({i.status for i in j.items}, {"unknown"})
            self.assertEqual(engine.judge(dict(SAFE, agent_version="12.0.1"), at=AT).status,
                             "judged")

    def test_context_manager_and_close(self):
        with posture.Engine(POLICY) as engine:
            self.assertFalse(engine.closed)
            j = engine.judge(SAFE, at=AT)
        self.assertTrue(engine.closed)
        self.assertEqual(j.level, "safe")  # results outlive the engine
        for call in (lambda: engine.judge(SAFE, at=AT),
                     lambda: list(engine.judge_many([SAFE], at=AT)),
                     lambda: engine.verdicts([SAFE], at=AT),
                     lambda: engine.policy_names):
            with self.assertRaises(posture.InvalidArgumentError):
                call()
        engine.close()  # idempotent

    def test_failed_construction_leaves_nothing_to_free(self):
        with self.assertRaises(posture.ParseError) as caught:
            posture.Engine("{")
        del caught  # the half-built Engine's __del__ runs without a handle

    def test_library_version_matches_the_package(self):
        self.assertEqual(posture.library_version(), posture.__version__)


if __name__ == "__main__":
    unittest.main()
