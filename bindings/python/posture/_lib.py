"""Finding and loading the posture C library (libposture_c), once, on first use."""
import ctypes
import ctypes.util
import os
import sys
import threading

from . import _ffi
from ._errors import Diagnostic, LibraryNotFoundError, VersionError, error_for

#: The C ABI major version this package speaks, and the oldest library it accepts.
ABI_MAJOR = 0
MIN_VERSION = (0, 1, 0)

_lock = threading.Lock()
_lib = None
_explicit_path = None


def set_library_path(path):
    """Use the library at `path` instead of searching. Allowed only before first use."""
    global _explicit_path
    with _lock:
        if _lib is not None:
            raise RuntimeError("posture.set_library_path() must be called before first use")
        _explicit_path = os.fspath(path)


def _library_names():
    if sys.platform == "darwin":
        return ["libposture_c.%d.dylib" % ABI_MAJOR, "libposture_c.dylib"]
    if sys.platform == "win32":
        return ["posture_c.dll"]
    return ["libposture_c.so.%d" % ABI_MAJOR, "libposture_c.so"]


def candidates():
    """Where the library is looked for, in order: set_library_path(), $POSTURE_LIBRARY_PATH, the
    package's own lib/ folder, then the system's library search."""
    if _explicit_path:
        yield _explicit_path
    env = os.environ.get("POSTURE_LIBRARY_PATH")
    if env:
        yield env
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib")
    for name in _library_names():
        yield os.path.join(here, name)
    found = ctypes.util.find_library("posture_c")
    if found:
        yield found
    yield from _library_names()  # the dynamic loader's own search path


def check_version(number, path):
    """Refuses a library of another ABI major version, or one older than this package needs."""
    version = (number // 10000, number // 100 % 100, number % 100)
    if version[0] != ABI_MAJOR or version < MIN_VERSION:
        raise VersionError(
            f"{path} is posture {'.'.join(map(str, version))}; this package needs "
            f"{ABI_MAJOR}.x, at least {'.'.join(map(str, MIN_VERSION))}")


def _declare(lib, path):
    for name, argtypes, restype, checked in _ffi.FUNCTIONS:
        try:
            fn = getattr(lib, name)
        except AttributeError:
            raise VersionError(
                f"{path} lacks {name}: it is not the posture C library, or older than this "
                f"package (needs {'.'.join(map(str, MIN_VERSION))} or later)") from None
        fn.argtypes = argtypes
        fn.restype = restype
        if checked:
            fn.errcheck = _check


def _check(result, func, args):
    if result != 0:
        raise last_error(result)
    return result


def diagnostic(e):
    """A posture_error as a Diagnostic (messages are UTF-8; undecodable bytes are replaced)."""
    return Diagnostic(e.code, (e.message or b"").decode("utf-8", "replace"),
                      (e.file or b"").decode("utf-8", "replace"), e.line, e.column, e.offset)


def last_error(code):
    """The calling thread's last C error as an exception carrying every diagnostic."""
    lib = get()
    diags = [diagnostic(lib.posture_error_diagnostic(i).contents)
             for i in range(lib.posture_error_diagnostic_count())]
    if not diags:
        diags.append(diagnostic(lib.posture_error_last().contents))
    return error_for(code, "\n".join(str(d) for d in diags), diags)


def get():
    """The loaded, declared library (loads it on first call)."""
    global _lib
    if _lib is not None:
        return _lib
    with _lock:
        if _lib is not None:
            return _lib
        tried = []
        for path in candidates():
            try:
                lib = ctypes.CDLL(path)
            except OSError as e:
                tried.append(f"{path}: {e}")
                continue
            _declare(lib, path)
            check_version(lib.posture_version_number(), path)
            _lib = lib
            return _lib
        raise LibraryNotFoundError(
            "could not load the posture C library (libposture_c); tried:\n  " + "\n  ".join(tried)
            + "\nSet POSTURE_LIBRARY_PATH to the library file, or call posture.set_library_path().")
