"""Where the suites find their inputs: set by the ctest registration (tests/python/CMakeLists.txt)."""
import os
import pathlib
import unittest


def path_from_env(name):
    value = os.environ.get(name)
    if not value:
        raise unittest.SkipTest(f"{name} is not set; run these tests through ctest")
    return pathlib.Path(value)


def corpus_dir():
    return path_from_env("POSTURE_TEST_DATA")


def examples_dir():
    return path_from_env("POSTURE_EXAMPLES_DATA")


AT = "2026-11-22T00:00:00Z"

POLICY = {
    "format": "posture-policy/1",
    "judgment_policies": [{
        "name": "Baseline",
        "security_updates": {"mode": "latest"},
        "antivirus": {"products": [{"name": "Microsoft Defender Antivirus",
                                    "max_definition_age_days": 3}]},
        "prohibited_software": {"entries": [{"name": "uTorrent*", "level": "danger"}]},
    }],
}

CATALOG = {"format": "posture-catalog/1",
           "updates": [{"id": "5034765", "severity": "critical", "distributable": True}]}

DANGER = {"asset": "PC-000123", "host": "kobe-01",
          "antivirus": [{"name": "Microsoft Defender Antivirus", "definition_date": "2026-11-21",
                         "resident": True}],
          "software": [{"name": "uTorrent", "version": "3.6"}],
          "updates": {"complete": True,
                      "items": [{"id": "KB5034765", "state": "missing", "severity": "critical"}]}}

SAFE = {"asset": "PC-000124",
        "antivirus": [{"name": "Microsoft Defender Antivirus", "definition_date": "2026-11-21",
                       "resident": True}],
        "software": [], "updates": {"complete": True, "items": []}}
