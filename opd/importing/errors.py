"""The error of one cell of the organisation import (its parsers in cells and free_text)."""


class CellError(Exception):
    """A cell that does not parse; the message says why."""
