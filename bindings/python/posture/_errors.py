"""Exceptions: every C status code maps to one class rooted at posture.Error."""

OK = 0
ERROR = -1
EINVALID = -2
EPARSE = -3
ECHECK = -4
ENOTFOUND = -5
ENOMEM = -6
ELIMIT = -7
EVERSION = -8
EUSER = -9
EINTERNAL = -10
EIO = -11


class Diagnostic:
    """One problem in an input: code, message and location."""

    __slots__ = ("code", "message", "file", "line", "column", "offset")

    def __init__(self, code, message, file="", line=0, column=0, offset=0):
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.offset = offset

    def __str__(self):
        where = self.file
        if self.line:
            where += (":" if where else "") + str(self.line)
            if self.column:
                where += ":" + str(self.column)
        return f"{where}: {self.message}" if where else self.message

    def __repr__(self):
        return f"Diagnostic({self.code}, {self.message!r}, {self.file!r}, {self.line}, {self.column})"


class Error(Exception):
    """Base of every posture error. `.code` is the C ABI's POSTURE_E... value and
    `.diagnostics` lists every problem found (a policy with five typos has five); `.file`,
    `.line`, `.column` and `.offset` repeat the first one's location."""

    default_code = ERROR

    def __init__(self, message, code=None, diagnostics=()):
        super().__init__(message)
        self.code = self.default_code if code is None else code
        self.diagnostics = list(diagnostics)
        first = self.diagnostics[0] if self.diagnostics else None
        self.file = first.file if first else ""
        self.line = first.line if first else 0
        self.column = first.column if first else 0
        self.offset = first.offset if first else 0


class ParseError(Error):
    """The input is not well-formed; `.line`, `.column` and `.offset` say where."""

    default_code = EPARSE


class ValidationError(Error):
    """The input is well-formed but breaks a rule (unknown key, unknown policy name)."""

    default_code = ECHECK


class NotFoundError(Error, KeyError):
    """A named thing does not exist."""

    default_code = ENOTFOUND

    def __str__(self):  # KeyError would quote the message
        return Exception.__str__(self)


class InvalidArgumentError(Error, ValueError):
    """The library was called with a bad argument."""

    default_code = EINVALID


class LimitExceededError(Error):
    """A size, depth or length limit was exceeded."""

    default_code = ELIMIT


class VersionError(Error):
    """Unsupported document or options version, or a library of the wrong version."""

    default_code = EVERSION


class FileError(Error, OSError):
    """A file named as a document could not be read."""

    default_code = EIO


class OutOfMemoryError(Error, MemoryError):
    """The library ran out of memory."""

    default_code = ENOMEM


class InternalError(Error):
    """A bug in posture."""

    default_code = EINTERNAL


class LibraryNotFoundError(Error, OSError):
    """The posture C library could not be loaded; the message lists every place tried."""


_BY_CODE = {
    EINVALID: InvalidArgumentError,
    EPARSE: ParseError,
    ECHECK: ValidationError,
    ENOTFOUND: NotFoundError,
    ENOMEM: OutOfMemoryError,
    ELIMIT: LimitExceededError,
    EVERSION: VersionError,
    EINTERNAL: InternalError,
    EIO: FileError,
}


def error_for(code, message, diagnostics=()):
    """The exception instance for a status code."""
    return _BY_CODE.get(code, Error)(message, code, diagnostics)
