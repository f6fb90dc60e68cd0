"""The tool's one exception family; the CLI turns these into a message and an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_DATA = 1
EXIT_USAGE = 2


class PkReportError(Exception):
    """Base of every error the tool expects. The message is Swedish and ends with what to do."""

    exit_code = EXIT_DATA

    def __init__(self, message: str, problems: list | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.problems = problems or []


class DataError(PkReportError):
    """The data cannot be used: files missing or unreadable, or validation found errors."""

    exit_code = EXIT_DATA


class UsageError(PkReportError):
    """The command line asks for something impossible (unknown course, bad option)."""

    exit_code = EXIT_USAGE


class OutputError(PkReportError):
    """An output file could not be written; the existing file is untouched."""

    exit_code = EXIT_DATA
