"""Showing a Figure: its value in Indonesian number style, or "tidak ada data" with the reason."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from evaluation import measures as m

register = template.Library()


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
    text = number_format(rounded, decimal_pos=decimals, force_grouping=True)
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
