"""Judgment results as plain Python objects, built from the library's judgment JSON."""
import json
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


# ---- actions (docs/actions.md) ------------------------------------------------------------------
# Built from the plan's JSON (posture-action-plan/1), so that the binding reads the plan in one
# call and every field means what the JSON documents.

@dataclass(frozen=True)
class ConnectionChange:
    """A change for the NAC connector. `mac`, `ip` and `host` are the client's own values: use
    them as data, never as part of a command line."""
    asset: str
    mac: str
    ip: str
    host: str
    op: str  # "permit", "deny", "emergency_deny", "remove_entry"


def change_from_json(d):
    return ConnectionChange(d["asset"], d["mac"], d["ip"], d["host"], d["op"])


@dataclass(frozen=True)
class Action:
    """One action of a plan. `assets` lists the clients it concerns: one for per-client kinds,
    the whole batch for mails and commands."""
    kind: str
    policy: str
    level: str
    assets: List[str]


@dataclass(frozen=True)
class UserNotification(Action):
    title: str
    text: str
    html: str  # "" when the policy has no HTML body


@dataclass(frozen=True)
class AdminEmail(Action):
    sender: str  # "from" in the JSON; "" leaves it to the host's mail settings
    to: List[str]  # blind copies
    subject: str
    body: str


@dataclass(frozen=True)
class PlanFile:
    name: str
    content: str


@dataclass(frozen=True)
class CommandRun(Action):
    """Execute `argv` directly (argv[0] is the program), never through a shell. When `files` is
    not empty, create `folder`, write them there, run, and remove it."""
    name: str
    argv: List[str]
    folder: str
    files: List[PlanFile]


@dataclass(frozen=True)
class Distribution(Action):
    updates: List[str]
    antivirus_definitions: bool


@dataclass(frozen=True)
class NetworkStep(Action):
    control: str       # "permit" or "deny"
    from_state: str    # quarantine states, "permitted", "denied", …
    to_state: str
    changes: List[ConnectionChange]


@dataclass(frozen=True)
class MonitoringEvent(Action):
    severity: str
    message: str


@dataclass(frozen=True)
class ActionDecision:
    """Whether one configured action was selected for a client, and why."""
    kind: str
    selected: bool
    why: str


@dataclass(frozen=True)
class ClientDecision:
    asset: str
    policy: str  # the action policy used; "" when none could be
    level: Optional[str]
    note: str    # why nothing applies to the client at all, when so
    actions: List[ActionDecision]


@dataclass(frozen=True)
class ActionPlan:
    """Everything to do, in the order to do it, and per client what was decided and why.
    `json` is the plan exactly as the library wrote it (compact), `raw` its parsed form."""
    run_time: str
    actions: List[Action]
    clients: List[ClientDecision]
    json: str = field(repr=False, compare=False, default="")
    raw: dict = field(repr=False, compare=False, default_factory=dict)


def action_from_json(d):
    kind = d["kind"]
    if kind in ("email_admin", "command"):
        head = (kind, d["policy"], d["level"], list(d["assets"]))
    else:
        head = (kind, d["policy"], d["level"], [d["asset"]])
    if kind == "notify_user":
        return UserNotification(*head, d["title"], d["text"], d["html"])
    if kind == "email_admin":
        return AdminEmail(*head, d["from"], list(d["to"]), d["subject"], d["body"])
    if kind == "command":
        return CommandRun(*head, d["name"], list(d["argv"]), d["folder"],
                          [PlanFile(f["name"], f["content"]) for f in d["files"]])
    if kind == "distribute":
        return Distribution(*head, list(d["updates"]), bool(d["antivirus_definitions"]))
    if kind == "network":
        return NetworkStep(*head, d["control"], d["from"], d["to"],
                           [change_from_json(c) for c in d["changes"]])
    if kind == "event":
        return MonitoringEvent(*head, d["severity"], d["message"])
    return Action(*head)  # a kind newer than this package: the common fields still hold


def plan_from_json(text):
    d = json.loads(text)
    clients = [ClientDecision(c["asset"], c["policy"], c["level"], c["note"],
                              [ActionDecision(a["kind"], a["selected"], a["why"])
                               for a in c["actions"]])
               for c in d["clients"]]
    return ActionPlan(d["run_time"], [action_from_json(a) for a in d["actions"]], clients,
                      text, d)


@dataclass(frozen=True)
class ClientState:
    """What is kept about one client between runs (posture-client-states/1)."""
    asset: str
    host: str
    user: str
    group: str
    ip: List[str]
    mac: List[str]
    managed: bool
    judged_at: Optional[str]
    status: str
    level: Optional[str]
    consecutive_times: int
    consecutive_since: Optional[str]
    quarantine: str
    judgment_policy: str
    action_policy: str
    raw: dict = field(repr=False, compare=False, default_factory=dict)


def client_state_from_json(d):
    run = d.get("consecutive") or {}
    return ClientState(d["asset"], d.get("host", ""), d.get("user", ""), d.get("group", ""),
                       list(d.get("ip", [])), list(d.get("mac", [])), bool(d.get("managed", True)),
                       d.get("judged_at"), d.get("status", "not_judged"), d.get("level"),
                       int(run.get("times", 0)), run.get("since"),
                       d.get("quarantine", "unregistered"), d.get("judgment_policy", ""),
                       d.get("action_policy", ""), d)
