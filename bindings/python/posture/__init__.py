"""posture — client-security judgment (Safe, Caution, Warning, Danger) from Python.

Uses only the library's stable C ABI, through ctypes: no compiler is needed to install it.

    import posture
    with posture.Engine("policy.json", catalog="catalog.json") as engine:
        j = engine.judge({"asset": "PC-1", "antivirus": []}, at="2026-11-22T00:00:00Z")
        print(j.level, j.points)
        for j in engine.judge_many(snapshots, at="2026-11-22T00:00:00Z"):
            ...

        # Actions (docs/actions.md): identity from the snapshots, then one selection per run.
        states = posture.ClientStates()            # or ClientStates(open("states.json").read())
        states.observe(snapshot)
        plan, states = engine.select_actions([j], states)
        for action in plan.actions: ...            # notify_user, email_admin, network, …
"""
import ctypes as _C
import json as _json
import os as _os
import threading as _threading
from datetime import datetime as _datetime, timezone as _timezone

from . import _errors, _ffi, _lib
from ._errors import (Diagnostic, Error, FileError, InternalError, InvalidArgumentError,
                      LibraryNotFoundError, LimitExceededError, NotFoundError, OutOfMemoryError,
                      ParseError, ValidationError, VersionError)
from ._lib import set_library_path
from ._model import (Action, ActionDecision, ActionPlan, AdminEmail, ClientDecision, ClientState,
                     CommandRun, Condition, ConnectionChange, Distribution, Item, Judgment,
                     MonitoringEvent, NetworkStep, PlanFile, UserNotification, Verdict,
                     change_from_json, client_state_from_json, judgment_from_json,
                     plan_from_json)

__version__ = "0.1.0"

__all__ = [
    "Engine", "Judgment", "Item", "Condition", "Verdict", "ClientStates", "ClientState",
    "ActionPlan", "Action", "UserNotification", "AdminEmail", "CommandRun", "PlanFile",
    "Distribution", "NetworkStep", "MonitoringEvent", "ConnectionChange", "ClientDecision",
    "ActionDecision", "Diagnostic", "Error", "ParseError",
    "ValidationError", "NotFoundError", "InvalidArgumentError", "LimitExceededError",
    "VersionError", "FileError", "OutOfMemoryError", "InternalError", "LibraryNotFoundError",
    "set_library_path", "library_version", "__version__",
]


def library_version():
    """The loaded C library's version string."""
    return _lib.get().posture_version_string().decode()


def _timestamp(at):
    """Seconds since the epoch from a datetime (naive = UTC), a number or an RFC 3339 string.
    None means now: the binding, like the command line, may read the clock; the engine never does."""
    if at is None:
        return int(_datetime.now(_timezone.utc).timestamp())
    if isinstance(at, bool):
        raise InvalidArgumentError("`at` must be a datetime, a number or an RFC 3339 string")
    if isinstance(at, (int, float)):
        return int(at)
    if isinstance(at, str):
        text = at.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            at = _datetime.fromisoformat(text)
        except ValueError:
            raise InvalidArgumentError(f"`at` is not an RFC 3339 time: {at!r}") from None
    if isinstance(at, _datetime):
        if at.tzinfo is None:
            at = at.replace(tzinfo=_timezone.utc)
        return int(at.timestamp())
    raise InvalidArgumentError("`at` must be a datetime, a number or an RFC 3339 string")


def _json_bytes(doc):
    """dict → JSON bytes; str/bytes JSON text → bytes."""
    if isinstance(doc, dict):
        text = _json.dumps(doc, ensure_ascii=False)
    elif isinstance(doc, bytes):
        return doc
    elif isinstance(doc, str):
        text = doc
    else:
        raise InvalidArgumentError(f"expected a dict or JSON text, got {type(doc).__name__}")
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:  # a lone surrogate cannot be UTF-8
        raise InvalidArgumentError(f"the document is not encodable as UTF-8: {e}") from None


def _one_line(doc):
    """A snapshot as one JSON Lines record. Outside strings a line break in JSON is white space,
    and inside strings it is not allowed raw, so replacing it never changes a valid document."""
    return _json_bytes(doc).replace(b"\r", b" ").replace(b"\n", b" ")


def _document(src, keep):
    """A policy/catalog source → posture_document. A dict or JSON text is passed in memory; a
    path (os.PathLike, or a str that does not start with '{') is read by the library."""
    if isinstance(src, _os.PathLike) or (isinstance(src, str) and not src.lstrip().startswith("{")):
        name = _os.fsencode(src)
        keep.append(name)
        return _ffi.Document(None, 0, name)
    data = _json_bytes(src)
    keep.append(data)
    return _ffi.Document(data, len(data), b"<memory>")


def _text(value, what):
    """An optional str option → UTF-8 bytes (None stays None)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidArgumentError(f"{what} must be a str, got {type(value).__name__}")
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidArgumentError(f"{what} is not encodable as UTF-8: {e}") from None


def _judgment_line(j):
    """A judgment (Judgment, dict or JSON text) as one JSON Lines record."""
    if isinstance(j, Judgment):
        j = j.raw
    return _one_line(j)


def _read_json(ptr, n):
    """Text the library returned as (pointer, length); raises its error when it returned NULL."""
    if not ptr:
        raise _lib.last_error(_lib.get().posture_error_last().contents.code)
    return _C.string_at(ptr, n.value).decode("utf-8")


class _Owned:
    """A library handle owned by a Python object: close() releases it (subclasses define it), the
    object is a context manager, and a closed object refuses every other call."""

    _closed = "the object is closed"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may already be gone
            pass

    @property
    def closed(self):
        return not getattr(self, "_handle", None)

    def _live(self):
        if self.closed:
            raise InvalidArgumentError(self._closed)
        return self._handle


class ClientStates(_Owned):
    """Client states (posture-client-states/1): identity, last judgment, consecutive counters and
    quarantine state of every client, kept by the host between runs.

    `source`: None for none yet (a first run), or the JSON document (dict, str or bytes).
    Thread safety: one thread at a time. Raises ParseError / ValidationError for a bad document."""

    _closed = "the client states are closed"

    def __init__(self, source=None):
        self._handle = None
        lib = _lib.get()
        handle = _ffi.ClientStatesP()
        if source is None:
            lib.posture_client_states_new(_C.byref(handle))
        else:
            data = _json_bytes(source)
            lib.posture_client_states_from_json(_C.byref(handle), data, len(data))
        self._handle = handle

    @classmethod
    def _adopt(cls, handle):
        self = cls.__new__(cls)
        self._handle = handle
        return self

    def close(self):
        """Releases the states. Idempotent; any other call afterwards raises
        InvalidArgumentError."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            _lib.get().posture_client_states_free(handle)


    def __len__(self):
        return _lib.get().posture_client_states_count(self._live())

    def to_json(self, *, pretty=False):
        """The states as posture-client-states/1 JSON; pretty is what `posture act` writes."""
        lib = _lib.get()
        n = _C.c_size_t()
        ptr = lib.posture_client_states_json(self._live(),
                                             _ffi.JSON_PRETTY if pretty else _ffi.JSON_COMPACT,
                                             _C.byref(n))
        return _read_json(ptr, n)

    def clients(self):
        """Every client's state, in order, as ClientState objects."""
        return [client_state_from_json(c) for c in _json.loads(self.to_json())["clients"]]

    def __getitem__(self, asset):
        for c in self.clients():
            if c.asset == asset:
                return c
        raise NotFoundError(f"no client state for asset {asset!r}")

    def observe(self, snapshot):
        """Takes a client's identity (host, user, group, addresses, OS, location) and management
        flag from its snapshot (dict or JSON text), adding the client when new. Templates and
        network changes need it: observe each snapshot before selecting."""
        data = _json_bytes(snapshot)
        _lib.get().posture_client_states_observe_json(self._live(), data, len(data))

    def apply(self, event, *, asset=None, mac=None, ip=None, host=None, control="permit",
              auto_refuse=False):
        """Carries out a network-control order (as JP1/CSC's cscnetctrl): `event` is
        "admin_permit", "admin_deny", "emergency_deny", "register_permitted", "remove",
        "set_exempt", "clear_exempt" or "judged" (with `control`). The clients are named by
        `asset`, or by `mac`, else `ip` and/or `host`. Updates the states and returns the
        ConnectionChanges to make. Raises NotFoundError when no client matches (the states are
        then unchanged)."""
        lib = _lib.get()
        if event not in _ffi.NETWORK_EVENTS:
            raise InvalidArgumentError(f"unknown network event {event!r}; expected one of "
                                       + ", ".join(_ffi.NETWORK_EVENTS))
        if control not in _ffi.NETWORK_CONTROLS:
            raise InvalidArgumentError(f'control must be "permit" or "deny", got {control!r}')
        order = _ffi.NetworkOrder()
        lib.posture_network_order_init(_C.byref(order), _ffi.NETWORK_ORDER_VERSION)
        order.event = _ffi.NETWORK_EVENTS[event]
        order.control = _ffi.NETWORK_CONTROLS[control]
        order.auto_refuse = 1 if auto_refuse else 0
        order.asset = _text(asset, "asset")
        order.mac = _text(mac, "mac")
        order.ip = _text(ip, "ip")
        order.host = _text(host, "host")
        changes = _ffi.NetworkChangesP()
        lib.posture_client_states_apply(_C.byref(changes), self._live(), _C.byref(order))
        try:
            n = _C.c_size_t()
            text = _read_json(lib.posture_network_changes_json(changes, _ffi.JSON_COMPACT,
                                                               _C.byref(n)), n)
        finally:
            lib.posture_network_changes_free(changes)
        return [change_from_json(c) for c in _json.loads(text)["changes"]]


class Engine(_Owned):
    """Compiled judgment policies, their patch catalog and assignment table.

    `policies`: one source or a list (dicts, JSON text, or paths), merged by name.
    Thread safety: immutable once built; judge from any number of threads (ctypes releases the
    GIL during each call). Raises ParseError / ValidationError with every diagnostic for a bad
    policy, FileError for a file that cannot be read."""

    _closed = "the engine is closed"

    def __init__(self, policies, catalog=None, *, require_agent_version=False):
        self._handle = None
        self._actions = None
        self._actions_lock = _threading.Lock()
        lib = _lib.get()
        if isinstance(policies, (dict, str, bytes, _os.PathLike)):
            policies = [policies]
        keep = []
        docs = [_document(p, keep) for p in policies]
        if not docs:
            raise InvalidArgumentError("at least one policy is required")
        arr = (_ffi.Document * len(docs))(*docs)
        cat = _document(catalog, keep) if catalog is not None else None
        opts = _ffi.EngineOptions()
        lib.posture_engine_options_init(_C.byref(opts), _ffi.ENGINE_OPTIONS_VERSION)
        opts.require_agent_version = 1 if require_agent_version else 0
        handle = _ffi.EngineP()
        lib.posture_engine_new(_C.byref(handle), arr, len(docs),
                               _C.byref(cat) if cat is not None else None, _C.byref(opts))
        self._handle = handle

    def close(self):
        """Releases the engine (judgments already returned stay valid). Idempotent; any other
        call afterwards raises InvalidArgumentError."""
        handle, self._handle = getattr(self, "_handle", None), None
        actions, self._actions = getattr(self, "_actions", None), None
        if actions:
            _lib.get().posture_action_policies_free(actions)
        if handle:
            _lib.get().posture_engine_free(handle)


    @property
    def policy_names(self):
        """The judgment policies' names, in document order."""
        lib, h = _lib.get(), self._live()
        return [lib.posture_engine_policy_name(h, i).decode()
                for i in range(lib.posture_engine_policy_count(h))]

    def _action_policies(self):
        """The action policies of the engine's documents, read on first use: judging alone does
        not need them, and a document whose action policies are wrong still judges."""
        h = self._live()
        with self._actions_lock:
            if self._actions is None:
                out = _ffi.ActionPoliciesP()
                _lib.get().posture_action_policies_new(_C.byref(out), h)
                self._actions = out
            return self._actions

    @property
    def action_policy_names(self):
        """The action policies' names: the documents' in order, then the presets ("Default"
        unless a document defines it, "Initial"). Raises ValidationError / ParseError, with every
        diagnostic, when the documents' action policies are wrong."""
        lib, h = _lib.get(), self._action_policies()
        return [lib.posture_action_policies_name(h, i).decode()
                for i in range(lib.posture_action_policies_count(h))]

    def select_actions(self, judgments, states=None, *, policy=None, command_folder=None,
                       mail_from=None):
        """Selects the actions for a run (docs/actions.md): `judgments` is one Judgment or an
        iterable of them (or their JSON: dicts or text, as `posture judge` writes them), `states`
        the ClientStates kept from the last run (None: a first run; it is not changed).
        Immediate mode passes each run's judgments; deferred mode the stored ones (each counts
        once). `policy` acts with that action policy for every client; `command_folder` and
        `mail_from` are as for `posture act`.
        Returns (ActionPlan, ClientStates): the plan, and the new states to keep.
        Raises NotFoundError for an unknown `policy`, InvalidArgumentError for "Initial" or a
        bad sender or folder, ParseError for a judgment that cannot be read."""
        lib = _lib.get()
        if isinstance(judgments, (Judgment, dict, str, bytes)):
            judgments = [judgments]
        data = b"".join(_judgment_line(j) + b"\n" for j in judgments)
        if states is not None and not isinstance(states, ClientStates):
            raise InvalidArgumentError(f"states must be ClientStates, got {type(states).__name__}")
        opts = _ffi.ActionOptions()
        lib.posture_action_options_init(_C.byref(opts), _ffi.ACTION_OPTIONS_VERSION)
        opts.policy = _text(policy, "policy")
        opts.command_folder = _text(command_folder, "command_folder")
        opts.mail_from = _text(mail_from, "mail_from")
        policies = self._action_policies()
        plan = _ffi.ActionPlanP()
        lib.posture_action_select_json(_C.byref(plan), policies, data, len(data),
                                       states._live() if states is not None else None,
                                       _C.byref(opts))
        try:
            n = _C.c_size_t()
            text = _read_json(lib.posture_action_plan_json(plan, _ffi.JSON_COMPACT, _C.byref(n)),
                              n)
            new_states = _ffi.ClientStatesP()
            lib.posture_action_plan_states(_C.byref(new_states), plan)
        finally:
            lib.posture_action_plan_free(plan)
        return plan_from_json(text), ClientStates._adopt(new_states)

    def judge(self, snapshot, at=None):
        """Judges one snapshot (a dict or JSON text) at reference time `at`. Raises ParseError
        when the snapshot cannot be read."""
        lib, h = _lib.get(), self._live()
        data = _json_bytes(snapshot)
        out = _ffi.JudgmentP()
        lib.posture_engine_judge_json(_C.byref(out), h, data, len(data), _timestamp(at))
        try:
            n = _C.c_size_t()
            ptr = lib.posture_judgment_json(out, _C.byref(n))
            return judgment_from_json(_json.loads(_C.string_at(ptr, n.value)))
        finally:
            lib.posture_judgment_free(out)

    def judge_many(self, snapshots, at=None, *, chunk_size=4096, on_error="raise"):
        """Judges an iterable of snapshots (dicts or JSON texts), one C call per chunk, yielding
        Judgments in input order. A snapshot that cannot be read raises its ParseError
        (on_error="raise") or is yielded as that exception instance (on_error="yield"); the
        error's `.line` is the snapshot's 1-based position in `snapshots`."""
        if on_error not in ("raise", "yield"):
            raise InvalidArgumentError('on_error must be "raise" or "yield"')
        for verdict, judgment in self._batches(snapshots, at, chunk_size, want_json=True):
            if verdict.error is None:
                yield judgment
            elif on_error == "raise":
                raise verdict.error
            else:
                yield verdict.error

    def verdicts(self, snapshots, at=None, *, chunk_size=4096):
        """Level, status and points of each snapshot, without building full judgments: the
        cheapest way to judge a fleet. Returns a list of Verdicts in input order; a snapshot that
        cannot be read has its exception in `.error`."""
        return [v for v, _ in self._batches(snapshots, at, chunk_size, want_json=False)]

    def _batches(self, snapshots, at, chunk_size, want_json):
        if chunk_size < 1:
            raise InvalidArgumentError("chunk_size must be at least 1")
        ref = _timestamp(at)
        chunk, first = [], 0
        for s in snapshots:
            chunk.append(_one_line(s))
            if len(chunk) >= chunk_size:
                yield from self._judge_chunk(chunk, first, ref, want_json)
                first += len(chunk)
                chunk = []
        if chunk:
            yield from self._judge_chunk(chunk, first, ref, want_json)

    def _judge_chunk(self, lines, first, ref, want_json):
        """One C call for a chunk. Each snapshot is one line of the buffer, so a line number from
        the library, shifted by the chunk's start, is the snapshot's 1-based position in the
        caller's input."""
        lib, h = _lib.get(), self._live()
        data = b"\n".join(lines) + b"\n"
        verdicts = (_ffi.Verdict * len(lines))()
        opts = _ffi.BatchOptions()
        lib.posture_batch_options_init(_C.byref(opts), _ffi.BATCH_OPTIONS_VERSION)
        opts.want_json = 1 if want_json else 0
        batch = _ffi.BatchP()
        count = _C.c_size_t()
        lib.posture_engine_judge_batch(_C.byref(batch), _C.byref(count), h, data, len(data), ref,
                                       verdicts, len(lines), _C.byref(opts))
        try:
            if count.value != len(lines):
                raise InternalError(f"{len(lines)} snapshots gave {count.value} results")
            n = _C.c_size_t()
            ptr = lib.posture_batch_json(batch, _C.byref(n))
            judged = iter(_C.string_at(ptr, n.value).splitlines() if want_json else ())
            # The batch holds one error per unreadable record, in input order.
            bad = 0
            results = []
            for v in verdicts:
                v.line += first
                if v.error == 0:
                    raw = next(judged, None) if want_json else None
                    results.append((Verdict.of(v), judgment_from_json(_json.loads(raw))
                                    if raw is not None else None))
                    continue
                d = _lib.diagnostic(lib.posture_batch_error(batch, bad).contents)
                d.line += first
                bad += 1
                results.append((Verdict.of(v, _errors.error_for(v.error, str(d), [d])), None))
        finally:
            lib.posture_batch_free(batch)
        return results
