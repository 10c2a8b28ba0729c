"""Showing a Figure: its value in Indonesian number style, or "tidak ada data" with the reason."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from django import template
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.translation import get_language

from evaluation import measures as m
from evaluation.i18n import tr as _

register = template.Library()


@lru_cache(maxsize=16)
def _separators(language: str | None) -> tuple[str, str]:
    return get_format("DECIMAL_SEPARATOR"), get_format("THOUSAND_SEPARATOR")


def format_value(value: Decimal | None, unit: str, places: int | None = None) -> str:
    """The text the page shows for a value; the workbook holds the same rounded number."""
    if value is None:
        return _("tidak ada data")
    if not isinstance(value, Decimal):
        value = Decimal(str(value))
    if places is None and unit == m.NUMBER:
        places = 0 if value == value.to_integral_value() else 2
    fig = m.Figure(value, unit)
    rounded = fig.rounded(places)
    decimals = max(0, -rounded.as_tuple().exponent)
    decimal_sep, thousand_sep = _separators(get_language())
    text = f"{rounded:,.{decimals}f}".translate({44: "\0", 46: "\1"})
    text = text.replace("\0", thousand_sep).replace("\1", decimal_sep)
    if unit == m.RUPIAH:
        return f"Rp {text}"
    if unit == m.PERCENT:
        return f"{text}%"
    if unit == m.POINTS:
        sign = "+" if rounded > 0 else ""
        return _("%(value)s poin") % {"value": f"{sign}{text}"}
    if unit == m.MINUTES:
        return _("%(value)s menit") % {"value": text}
    return text


@register.filter
def figure(fig: m.Figure | None) -> str:
    if fig is None:
        return ""
    if not fig.ok:
        return format_html(
            '<span class="nodata" title="{}">{}</span>', fig.missing, _("tidak ada data")
        )
    return format_value(fig.value, fig.unit)


@register.filter
def signed_percent(fig: m.Figure | None) -> str:
    """A relative change: +3,2% or −12,0%."""
    if fig is None:
        return ""
    if not fig.ok:
        return format_html(
            '<span class="nodata" title="{}">{}</span>', fig.missing, _("tidak ada data")
        )
    text = format_value(fig.value, fig.unit)
    return f"+{text}" if fig.value > 0 else text


@register.filter
def input_value(item: m.Input) -> str:
    return format_value(
        item.value,
        item.unit if item.unit != m.NUMBER else m.NUMBER,
        None
        if item.unit != m.NUMBER
        else (
            0
            if isinstance(item.value, int)
            or (item.value is not None and item.value == item.value.to_integral_value())
            else 2
        ),
    )


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def attr(obj, name):
    return getattr(obj, name, None) if obj is not None else None


@register.filter
def cell(fig: m.Figure | None) -> str:
    """A table cell's content: the value with its inputs and source as a tooltip."""
    if fig is None:
        return ""
    if not fig.ok:
        return figure(fig)
    behind = "; ".join(f"{i.label}: {format_value(i.value, i.unit)}" for i in fig.inputs)
    if fig.source:
        behind += f" ({fig.source})"
    return format_html('<span title="{}">{}</span>', behind, format_value(fig.value, fig.unit))
