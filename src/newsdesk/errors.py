"""The newsdesk exception tree.

NewsdeskError
├── InputError          bad input file: unreadable, binary, empty, undecodable, malformed
├── StoreError          the store cannot be opened or migrated
└── NotFoundError       a story or article id that is not in the store
"""

from __future__ import annotations


class NewsdeskError(Exception):
    """Base class for every error newsdesk raises on purpose."""


class InputError(NewsdeskError):
    """An input file newsdesk cannot use. The message names the file and the problem."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class StoreError(NewsdeskError):
    """The store cannot be opened, is not a newsdesk store, or is from a newer version."""


class NotFoundError(NewsdeskError):
    """A story or article id that is not in the store."""
