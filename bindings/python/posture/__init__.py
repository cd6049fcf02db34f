"""posture — client-security judgment (Safe, Caution, Warning, Danger) from Python.

Uses only the library's stable C ABI, through ctypes: no compiler is needed to install it.

    import posture
    with posture.Engine("policy.json", catalog="catalog.json") as engine:
        j = engine.judge({"asset": "PC-1", "antivirus": []}, at="2026-11-22T00:00:00Z")
        print(j.level, j.points)
        for j in engine.judge_many(snapshots, at="2026-11-22T00:00:00Z"):
            ...
"""
import ctypes as _C
import json as _json
import os as _os
from datetime import datetime as _datetime, timezone as _timezone

from . import _errors, _ffi, _lib
from ._errors import (Diagnostic, Error, FileError, InternalError, InvalidArgumentError,
                      LibraryNotFoundError, LimitExceededError, NotFoundError, OutOfMemoryError,
                      ParseError, ValidationError, VersionError)
from ._lib import set_library_path
from ._model import Condition, Item, Judgment, Verdict, judgment_from_json

__version__ = "0.1.0"

__all__ = [
    "Engine", "Judgment", "Item", "Condition", "Verdict", "Diagnostic", "Error", "ParseError",
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


class Engine:
    """Compiled judgment policies, their patch catalog and assignment table.

    `policies`: one source or a list (dicts, JSON text, or paths), merged by name.
    Thread safety: immutable once built; judge from any number of threads (ctypes releases the
    GIL during each call). Raises ParseError / ValidationError with every diagnostic for a bad
    policy, FileError for a file that cannot be read."""

    def __init__(self, policies, catalog=None, *, require_agent_version=False):
        self._handle = None
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
        if handle:
            _lib.get().posture_engine_free(handle)

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
            raise InvalidArgumentError("the engine is closed")
        return self._handle

    @property
    def policy_names(self):
        """The judgment policies' names, in document order."""
        lib, h = _lib.get(), self._live()
        return [lib.posture_engine_policy_name(h, i).decode()
                for i in range(lib.posture_engine_policy_count(h))]

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
