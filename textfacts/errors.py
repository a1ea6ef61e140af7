"""Errors that name what went wrong and where, so a user can fix the input."""

from __future__ import annotations

from pathlib import Path


class TextfactsError(Exception):
    """Base class of every error textfacts raises on purpose."""


class InputError(TextfactsError):
    """A document could not be read or decoded; the run reports it and carries on."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class ResourceError(TextfactsError):
    """A model data file is malformed; names the file and line."""

    def __init__(self, file: str | Path, line: int | None, reason: str):
        where = f"{file}:{line}" if line is not None else str(file)
        super().__init__(f"{where}: {reason}")
        self.file = str(file)
        self.line = line
        self.reason = reason
