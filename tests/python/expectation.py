"""The partial matcher of policy tests (docs/policy-tests.md, "Matching"), in Python, so that the
golden corpus holds the Python binding to the same expectations as the C++ and C suites.

An expectation names only what matters: keys left out are not compared; null means "absent";
items are found by category and conditions by name; evidence matches as a prefix; levels are
compared by name whether the judgment writes {"name": ..., "code": ...} or a bare name.
"""

_TOP = {"asset", "policy", "action_policy", "reference_time", "status", "level", "points", "items",
        "distribute"}
_ITEM = {"status", "level", "unknown_as_level", "conditions", "condition_names"}
_CONDITION = {"status", "level", "evidence"}


def _shown(value):
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return "an object" if isinstance(value, dict) else "an array"
    return str(value)


def _level_name(value):
    return value.get("name") if isinstance(value, dict) else value


def _same(expected, actual):
    if expected is None:
        return actual is None
    # JSON true is not 1: bool is an int subclass in Python, so types are compared first.
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(expected, (int, float)):
        return isinstance(actual, (int, float)) and expected == actual
    return type(expected) is type(actual) and expected == actual


def _find(array, key, value):
    for element in array or []:
        if isinstance(element, dict) and element.get(key) == value:
            return element
    return None


class _Matcher:
    def __init__(self):
        self.failures = []

    def fail(self, path, what):
        self.failures.append(f"{path}: {what}")

    def keys(self, obj, known, where):
        for k in obj:
            if k not in known:
                self.fail(where, f"unknown key {k!r} in the expectation")

    def scalar(self, path, expected, actual):
        if not _same(expected, actual):
            self.fail(path, f"expected {_shown(expected)}, got {_shown(actual)}")

    def strings(self, path, expected, actual):
        if actual is None:  # a judgment without the list has an empty one
            actual = []
        if not isinstance(actual, list) or actual != expected:
            self.fail(path, f"expected {expected!r}, got {actual!r}")

    def top(self, judgment, expect):
        self.keys(expect, _TOP, "expect")
        for key, value in expect.items():
            if key == "level":
                self.scalar(key, value, _level_name(judgment.get("level")))
            elif key == "items":
                self.items(judgment.get("items"), value)
            elif key == "distribute":
                self.strings(key, value, judgment.get("distribute"))
            elif key in _TOP:
                self.scalar(key, value, judgment.get(key))

    def items(self, actual_items, expected):
        for category, e in expected.items():
            path = "items." + category
            actual = _find(actual_items, "category", category)
            if e is None:
                if actual is not None:
                    self.fail(path, "expected no such item, got one")
                continue
            if actual is None:
                self.fail(path, "missing")
                continue
            self.keys(e, _ITEM, path)
            for key, value in e.items():
                sub = f"{path}.{key}"
                if key == "level":
                    self.scalar(sub, value, _level_name(actual.get("level")))
                elif key == "unknown_as_level":
                    # Writers leave the flag out when it is false.
                    self.scalar(sub, value, actual.get("unknown_as_level", False) is True)
                elif key == "conditions":
                    self.conditions(path, actual.get("conditions"), value)
                elif key == "condition_names":
                    names = [c.get("name") for c in actual.get("conditions") or []]
                    self.strings(sub, value, names)
                elif key in _ITEM:
                    self.scalar(sub, value, actual.get(key))

    def conditions(self, path, actual_conditions, expected):
        for name, e in expected.items():
            sub = f"{path}.conditions[{name!r}]"
            actual = _find(actual_conditions, "name", name)
            if e is None:
                if actual is not None:
                    self.fail(sub, "expected no such condition, got one")
                continue
            if actual is None:
                self.fail(sub, "missing")
                continue
            self.keys(e, _CONDITION, sub)
            for key, value in e.items():
                if key == "level":
                    self.scalar(sub + ".level", value, _level_name(actual.get("level")))
                elif key == "evidence":
                    self.evidence(sub + ".evidence", actual.get("evidence") or {}, value)
                elif key in _CONDITION:
                    self.scalar(f"{sub}.{key}", value, actual.get(key))

    def evidence(self, path, actual, expected):
        # Evidence texts carry details after a verdict ("risk: 52 days > 7"); an expectation
        # names as much of the text as matters.
        for key, prefix in expected.items():
            value = actual.get(key)
            if prefix is None:
                if value is not None:
                    self.fail(f"{path}.{key}", f"expected nothing, got {value!r}")
            elif not isinstance(value, str) or not value.startswith(prefix):
                self.fail(f"{path}.{key}", f"expected a value starting with {prefix!r}, "
                                           f"got {_shown(value)}")


def mismatches(judgment, expect):
    """Every difference between a judgment (the JSON object) and an expectation; [] on a match."""
    m = _Matcher()
    m.top(judgment, expect)
    return m.failures
