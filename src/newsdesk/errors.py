"""The newsdesk exception tree, and the exit code of each kind of failure.

NewsdeskError
├── InputError          bad input file or record: unreadable, binary, empty, undecodable,
│   │                   malformed, too large, unsupported
│   └── InternalError   an unexpected failure (a bug) while handling one document
├── UsageError          a command-line value newsdesk cannot use (e.g. a --db URL scheme)
├── StoreError          the store cannot be opened, is not a newsdesk store, or is too new
├── WriteError          the store or an output file cannot be written (disk full, read-only)
└── NotFoundError       a story or article id that is not in the store

Problems with single documents are collected and reported as ``error: FILE: problem`` while
the rest of the batch goes on; the others stop the command.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_INPUT = 1
"""Some input was rejected (the rest went in), or an id was not found."""
EXIT_USAGE = 2
EXIT_STORE = 3
"""The store cannot be opened: missing (for a command that only reads), not a newsdesk store,
from a newer newsdesk, or damaged."""
EXIT_WRITE = 4
"""The store or an output cannot be written: disk full, read-only location, store busy."""
EXIT_INTERNAL = 5
"""An internal error (a bug in newsdesk); ``--verbose`` shows its traceback."""
EXIT_INTERRUPTED = 130

MAX_PROBLEM_CHARS = 500
"""An error message is cut to this length: a library's exception may quote megabytes of the
input (warcio quotes a whole unparseable first line)."""


class NewsdeskError(Exception):
    """Base class for every error newsdesk raises on purpose."""

    exit_code = EXIT_INTERNAL


class InputError(NewsdeskError):
    """An input file newsdesk cannot use. The message names the file and the problem."""

    exit_code = EXIT_INPUT

    def __init__(self, path: str, problem: str) -> None:
        if len(problem) > MAX_PROBLEM_CHARS:
            problem = problem[: MAX_PROBLEM_CHARS - 1] + "…"
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")

    def detached(self) -> InputError:
        """This error without the exception it was raised from and its traceback, whose
        frames and messages can hold the input being read; a report keeping thousands of
        errors then stays small. An :class:`InternalError` keeps its cause (``--verbose``
        shows its traceback)."""
        if not isinstance(self, InternalError):
            self.__cause__ = self.__context__ = None
            self.__traceback__ = None
        return self


class InternalError(InputError):
    """An unexpected exception while reading, cleaning or analysing one document.

    It is caught at the document boundary, so the rest of the batch still goes on; the
    original exception is the ``__cause__`` (its traceback is shown under ``--verbose``)."""

    exit_code = EXIT_INTERNAL

    @classmethod
    def wrap(cls, path: str, exc: BaseException, during: str = "") -> InternalError:
        step = f" while {during}" if during else ""
        detail = " ".join(str(exc).split())[:200]
        err = cls(path, f"internal error{step}: {type(exc).__name__}: {detail}".rstrip(": "))
        err.__cause__ = exc
        return err


class UsageError(NewsdeskError):
    """A value given on the command line (or its environment variable) that newsdesk
    cannot use, such as a ``--db`` URL of an unsupported scheme."""

    exit_code = EXIT_USAGE


class StoreError(NewsdeskError):
    """The store cannot be opened, is not a newsdesk store, or is from a newer version."""

    exit_code = EXIT_STORE


class WriteError(NewsdeskError):
    """The store or an output file cannot be written (disk full, read-only, busy)."""

    exit_code = EXIT_WRITE


class NotFoundError(NewsdeskError):
    """A story or article id that is not in the store."""

    exit_code = EXIT_INPUT
