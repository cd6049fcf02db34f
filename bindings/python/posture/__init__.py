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
from ._errors import (Diagnostic, Error, InternalError, InvalidArgumentError, LibraryNotFoundError,
                      LimitExceededError, NotFoundError, OutOfMemoryError, ParseError,
                      ValidationError, VersionError)
from ._lib import set_library_path
from ._model import Condition, Item, Judgment

__version__ = "0.1.0"

__all__ = [
    "Engine", "Judgment", "Item", "Condition", "Diagnostic", "Error", "ParseError",
    "ValidationError", "NotFoundError", "InvalidArgumentError", "LimitExceededError",
    "VersionError", "OutOfMemoryError", "InternalError", "LibraryNotFoundError",
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
        return _json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if isinstance(doc, bytes):
        return doc
    if isinstance(doc, str):
        return doc.encode("utf-8")
    raise InvalidArgumentError(f"expected a dict or JSON text, got {type(doc).__name__}")


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
    Thread safety: immutable once built; judge from any number of threads.
    Raises ParseError / ValidationError with every diagnostic for a bad policy."""

    def __init__(self, policies, catalog=None, *, require_agent_version=False):
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
        handle = _C.c_void_p()
        lib.posture_engine_new(_C.byref(handle), arr, len(docs),
                               _C.byref(cat) if cat is not None else None, _C.byref(opts))
        self._handle = handle

    def close(self):
        """Releases the engine. Further calls raise InvalidArgumentError."""
        if getattr(self, "_handle", None):
            _lib.get().posture_engine_free(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may already be gone
            pass

    def _live(self):
        if not getattr(self, "_handle", None):
            raise InvalidArgumentError("the engine is closed")
        return self._handle

    @property
    def policy_names(self):
        lib, h = _lib.get(), self._live()
        return [lib.posture_engine_policy_name(h, i).decode()
                for i in range(lib.posture_engine_policy_count(h))]

    def judge(self, snapshot, at=None):
        """Judges one snapshot (a dict or JSON text) at reference time `at`."""
        lib, h = _lib.get(), self._live()
        data = _json_bytes(snapshot)
        out = _C.c_void_p()
        lib.posture_engine_judge_json(_C.byref(out), h, data, len(data), _timestamp(at))
        try:
            n = _C.c_size_t()
            ptr = lib.posture_judgment_json(out, _C.byref(n))
            return _model_from(_C.string_at(ptr, n.value))
        finally:
            lib.posture_judgment_free(out)

    def judge_many(self, snapshots, at=None, *, chunk_size=4096, on_error="raise"):
        """Judges an iterable of snapshots (dicts or JSON texts), one C call per chunk, yielding
        Judgments in input order. A snapshot that cannot be read raises its ParseError
        (on_error="raise") or is yielded as that exception instance (on_error="yield")."""
        if on_error not in ("raise", "yield"):
            raise InvalidArgumentError('on_error must be "raise" or "yield"')
        ref = _timestamp(at)
        chunk = []
        for s in snapshots:
            line = _json_bytes(s)
            if b"\n" in line or b"\r" in line:
                line = _json.dumps(_json.loads(line), ensure_ascii=False).encode("utf-8")
            chunk.append(line)
            if len(chunk) >= chunk_size:
                yield from self._judge_chunk(chunk, ref, on_error)
                chunk = []
        if chunk:
            yield from self._judge_chunk(chunk, ref, on_error)

    def _judge_chunk(self, lines, ref, on_error):
        lib, h = _lib.get(), self._live()
        data = b"\n".join(lines) + b"\n"
        verdicts = (_ffi.Verdict * len(lines))()
        opts = _ffi.BatchOptions()
        lib.posture_batch_options_init(_C.byref(opts), _ffi.BATCH_OPTIONS_VERSION)
        opts.want_json = 1
        batch = _C.c_void_p()
        count = _C.c_size_t()
        lib.posture_engine_judge_batch(_C.byref(batch), _C.byref(count), h, data, len(data), ref,
                                       verdicts, len(lines), _C.byref(opts))
        try:
            n = _C.c_size_t()
            ptr = lib.posture_batch_json(batch, _C.byref(n))
            judged = _C.string_at(ptr, n.value).splitlines() if n.value else []
            errors = {}
            for i in range(lib.posture_batch_error_count(batch)):
                d = _lib._diagnostic(lib.posture_batch_error(batch, i).contents)
                errors.setdefault(d.line, []).append(d)
            next_good = 0
            for v in verdicts[:count.value]:
                if v.error == 0:
                    yield _model_from(judged[next_good])
                    next_good += 1
                    continue
                diags = errors.get(v.line, [])
                exc = _errors.error_for(v.error, "\n".join(str(d) for d in diags) or "bad snapshot", diags)
                if on_error == "raise":
                    raise exc
                yield exc
        finally:
            lib.posture_batch_free(batch)


def _model_from(raw_bytes):
    from ._model import judgment_from_json
    return judgment_from_json(_json.loads(raw_bytes))
