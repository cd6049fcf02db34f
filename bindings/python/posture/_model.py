"""Judgment results as plain Python objects, built from the library's judgment JSON."""
from dataclasses import dataclass, field
from typing import Dict, List, Optional

_LEVELS = {100: "safe", 200: "caution", 300: "warning", 400: "danger"}
_STATUSES = ("judged", "unknown", "no_item", "not_target", "not_judged")


@dataclass(frozen=True)
class Condition:
    name: str
    status: str
    level: Optional[str]
    evidence: Dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Item:
    category: str
    status: str
    level: Optional[str]
    conditions: List[Condition] = field(default_factory=list)
    unknown_as_level: bool = False


@dataclass(frozen=True)
class Judgment:
    """One client's judgment (spec/formats.md §3). `raw` is the JSON object it was built from."""
    asset: str
    policy: str
    action_policy: str
    reference_time: str
    status: str
    level: Optional[str]
    level_code: Optional[int]
    points: Optional[int]
    items: List[Item]
    distribute: List[str]
    raw: dict = field(repr=False, compare=False, default_factory=dict)

    def item(self, category):
        """The item of a category ("antivirus", …), or None."""
        for i in self.items:
            if i.category == category:
                return i
        return None


def _level(obj):
    lv = obj.get("level")
    return (lv["name"], lv["code"]) if lv else (None, None)


def judgment_from_json(d):
    items = []
    for it in d.get("items", []):
        conds = [Condition(c["name"], c["status"], _level(c)[0], dict(c.get("evidence", {})))
                 for c in it.get("conditions", [])]
        items.append(Item(it["category"], it["status"], _level(it)[0], conds,
                          bool(it.get("unknown_as_level", False))))
    name, code = _level(d)
    return Judgment(d.get("asset", ""), d.get("policy", ""), d.get("action_policy", ""),
                    d.get("reference_time", ""), d["status"], name, code, d.get("points"),
                    items, list(d.get("distribute", [])), d)


@dataclass(frozen=True)
class Verdict:
    """One snapshot's outcome in a batch: level name (None when nothing was judged), status,
    points (None without a score), or — for a snapshot that could not be read — `error`, the
    exception it would have raised, with every other field None."""
    level: Optional[str]
    level_code: Optional[int]
    status: Optional[str]
    points: Optional[int]
    line: int
    error: Optional[Exception] = field(default=None, compare=False)

    @classmethod
    def of(cls, v, error=None):
        if error is not None:
            return cls(None, None, None, None, v.line, error)
        return cls(_LEVELS.get(v.level), v.level or None, _STATUSES[v.status],
                   v.points if v.points >= 0 else None, v.line)
