"""The golden corpus (tests/data/**/*.test.json) and the sample's policy tests through the Python
binding: every test meets its expectation, and judging in bulk gives the same judgments as judging
one by one."""
import json
import unittest

import posture
from expectation import mismatches
from support import corpus_dir, examples_dir


def _source(doc, base, inline_key, file_key):
    if inline_key in doc:
        return doc[inline_key]
    if file_key in doc:
        return base / doc[file_key]
    return None


def _tests(doc, base):
    for t in doc["tests"]:
        snapshot = t["snapshot"] if "snapshot" in t else (base / t["snapshot_file"]).read_text(
            encoding="utf-8")
        yield t["name"], snapshot, t.get("at", doc.get("at")), t["expect"]


class GoldenCorpus(unittest.TestCase):
    def test_every_case_meets_its_expectation(self):
        self._run_folder(corpus_dir())

    def test_the_sample_policy_tests_pass(self):
        # examples/data/policy.test.json, which `posture test examples/data` runs too.
        self._run_folder(examples_dir())

    def _run_folder(self, folder):
        files = sorted(folder.rglob("*.test.json"))
        self.assertTrue(files, f"no test files under {folder}")
        count = 0
        for path in files:
            doc = json.loads(path.read_text(encoding="utf-8"))
            base = path.parent
            rel = path.relative_to(folder)
            with self.subTest(file=str(rel)):
                engine = posture.Engine(
                    _source(doc, base, "policy", "policy_file"),
                    catalog=_source(doc, base, "catalog", "catalog_file"),
                    require_agent_version=doc.get("options", {}).get("require_agent_version",
                                                                     False))
                with engine:
                    singles = []
                    for name, snapshot, at, expect in _tests(doc, base):
                        count += 1
                        with self.subTest(file=str(rel), test=name):
                            judgment = engine.judge(snapshot, at=at)
                            self.assertEqual(mismatches(judgment.raw, expect), [])
                            singles.append((at, snapshot, judgment))
                    self._bulk_equals_single(engine, singles)
        self.assertGreater(count, 0)

    def _bulk_equals_single(self, engine, singles):
        for at in {at for at, _, _ in singles}:
            group = [(s, j) for a, s, j in singles if a == at]
            many = list(engine.judge_many([s for s, _ in group], at=at, chunk_size=3))
            self.assertEqual([j.raw for j in many], [j.raw for _, j in group])
            verdicts = engine.verdicts([s for s, _ in group], at=at)
            self.assertEqual([(v.level, v.status, v.points) for v in verdicts],
                             [(j.level, j.status, j.points) for _, j in group])


if __name__ == "__main__":
    unittest.main()
