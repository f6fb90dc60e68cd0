"""pk-report: the steering group's annual report on training for elected officials."""

__version__ = "0.1.0"
