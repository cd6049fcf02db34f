"""Judgment results as plain Python objects, built from the library's judgment JSON."""
from dataclasses import dataclass, field
from typing import Dict, List, Optional


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
