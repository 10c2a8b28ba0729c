"""The occupancy forecast as XLSX: a building's month (zones x days) and the Pemda view
(buildings x days), people expected on site with the seats beside them."""

from __future__ import annotations

import io

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from buildings.forecast import BuildingMonth
from common.tabular import xlsx_append


def _day_header(days) -> list[str]:
    return [date_format(d, "D j/n") for d in days]


def _save(wb) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def building_month_xlsx(month: BuildingMonth) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(month.building.code[:31])
    xlsx_append(ws, [_("Zona"), _("Nama"), _("Kapasitas"), *_day_header(month.days)])
    for row in month.rows:
        xlsx_append(
            ws,
            [
                row.zone.code,
                row.zone.name,
                row.zone.capacity,
                *[c.onsite if c.published else None for c in row.cells],
            ],
        )
    xlsx_append(
        ws,
        [
            _("Jumlah"),
            month.building.name,
            month.capacity,
            *[c.onsite if c.published else None for c in month.totals],
        ],
    )
    return _save(wb)


def pemda_xlsx(months: list[BuildingMonth]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Okupansi"))
    days = months[0].days if months else []
    xlsx_append(ws, [_("Gedung"), _("Nama"), _("Kapasitas"), *_day_header(days)])
    for m in months:
        xlsx_append(
            ws,
            [
                m.building.code,
                m.building.name,
                m.capacity,
                *[c.onsite if c.published else None for c in m.totals],
            ],
        )
    return _save(wb)
