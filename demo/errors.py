"""The one error of the demo: what it was asked to write cannot be written."""


class DemoError(Exception):
    """The demo data cannot be written as asked (registry not empty, headcount out of range)."""
