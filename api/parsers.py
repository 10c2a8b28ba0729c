"""The API's JSON parser: DRF's, refusing text that no database column can hold.

JSON may carry `\\u0000` and unpaired surrogates (`\\ud800`). PostgreSQL's text cannot store NUL
and UTF-8 cannot encode a lone surrogate, so such a string would reach the database driver and
fail there as a server error (the services that parse batches item by item look codes and NIPs
up before any field check). Refused here, the whole body answers 400 `parse_error`, like any
other body that is not usable JSON.

So does a body nested deeper than MAX_DEPTH (no endpoint takes more than a few levels): 3,000
nested arrays would otherwise exhaust Python's recursion in the decoder or a serializer.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers

MAX_DEPTH = 32


def _bad_text(value: str) -> bool:
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return False


def _too_deep(data) -> bool:
    stack = [(1, data)]
    while stack:
        depth, value = stack.pop()
        children = value.values() if isinstance(value, dict) else value
        if isinstance(value, (dict, list)):
            if depth > MAX_DEPTH:
                return True
            stack.extend((depth + 1, sub) for sub in children)
    return False


def _find_bad_text(data, path: str = "") -> str | None:
    """The path of the first key or string value that cannot be stored, else None."""
    stack = [(path, data)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if _bad_text(value):
                return where or "body"
        elif isinstance(value, dict):
            for key, sub in value.items():
                here = f"{where}.{key}" if where else str(key)
                if _bad_text(key):
                    return where or "body"
                stack.append((here, sub))
        elif isinstance(value, list):
            stack.extend((f"{where}.{i}" if where else str(i), sub) for i, sub in enumerate(value))
    return None


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        too_deep = exceptions.ParseError(
            _("JSON bersarang lebih dari %(max)s tingkat.") % {"max": MAX_DEPTH}
        )
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise too_deep from None
        if _too_deep(data):
            raise too_deep
        where = _find_bad_text(data)
        if where is not None:
            raise exceptions.ParseError(
                _(
                    "Teks pada %(where)s memuat karakter yang tidak bisa disimpan (NUL \\u0000 "
                    "atau surrogate tanpa pasangan)."
                )
                % {"where": where[:100].encode("utf-8", "backslashreplace").decode("utf-8")}
            )
        return data
