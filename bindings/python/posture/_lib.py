"""Finding and loading the posture C library (libposture_c), once, on first use."""
import ctypes
import ctypes.util
import os
import sys
import threading

from . import _ffi
from ._errors import LibraryNotFoundError, VersionError, error_for

#: The C ABI major version this package speaks, and the oldest library it accepts.
ABI_MAJOR = 0
MIN_VERSION = (0, 1, 0)

_lock = threading.Lock()
_lib = None
_explicit_path = None


def set_library_path(path):
    """Use the library at `path`. Allowed only before the library is first used."""
    global _explicit_path
    with _lock:
        if _lib is not None:
            raise RuntimeError("posture.set_library_path() must be called before first use")
        _explicit_path = os.fspath(path)


def _candidates():
    env = os.environ.get("POSTURE_LIBRARY_PATH")
    if _explicit_path:
        yield _explicit_path
    if env:
        yield env
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib")
    names = ["libposture_c.so.%d" % ABI_MAJOR, "libposture_c.so"]
    if sys.platform == "darwin":
        names = ["libposture_c.%d.dylib" % ABI_MAJOR, "libposture_c.dylib"]
    elif sys.platform == "win32":
        names = ["posture_c.dll"]
    for name in names:
        yield os.path.join(here, name)
    found = ctypes.util.find_library("posture_c")
    if found:
        yield found
    for name in names:
        yield name  # the dynamic loader's own search path


def _declare(lib):
    for name, argtypes, restype, checked in _ffi.FUNCTIONS:
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise VersionError(
                f"the posture library lacks {name}: it is older than this package "
                f"(needs {'.'.join(map(str, MIN_VERSION))} or later)") from None
        fn.argtypes = argtypes
        fn.restype = restype
        if checked:
            fn.errcheck = _check


def _check(result, func, args):
    if result != 0:
        raise last_error(result)
    return result


def last_error(code=None):
    """The calling thread's last C error as an exception (with every diagnostic)."""
    lib = get()
    err = lib.posture_error_last().contents
    code = err.code if code is None else code
    diags = []
    for i in range(lib.posture_error_diagnostic_count()):
        d = lib.posture_error_diagnostic(i).contents
        diags.append(_diagnostic(d))
    if not diags:
        diags.append(_diagnostic(err))
    from ._errors import Diagnostic  # noqa: F401  (re-exported type)
    message = "\n".join(str(d) for d in diags)
    return error_for(code, message, diags)


def _diagnostic(e):
    from ._errors import Diagnostic
    return Diagnostic(e.code, (e.message or b"").decode("utf-8", "replace"),
                      (e.file or b"").decode("utf-8", "replace"), e.line, e.column, e.offset)


def get():
    """The loaded, declared library (loads it on first call)."""
    global _lib
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for path in _candidates():
            try:
                lib = ctypes.CDLL(path)
            except OSError as e:
                tried.append(f"{path}: {e}")
                continue
            _declare(lib)
            number = lib.posture_version_number()
            version = (number // 10000, number // 100 % 100, number % 100)
            if version[0] != ABI_MAJOR or version < MIN_VERSION:
                raise VersionError(
                    f"{path} is posture {'.'.join(map(str, version))}; this package needs "
                    f"{ABI_MAJOR}.x, at least {'.'.join(map(str, MIN_VERSION))}")
            _lib = lib
            return _lib
        raise LibraryNotFoundError(
            "could not load the posture C library (libposture_c); tried:\n  " + "\n  ".join(tried)
            + "\nSet POSTURE_LIBRARY_PATH to the library file, or call posture.set_library_path().")
