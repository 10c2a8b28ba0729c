"""Buildings, their floors or zones, the units seated there, and the meters that measure them.

A building houses one or more OPDs; its zones (floors, wings, halls) have a seat capacity and the
units placed there; a zone with an always-on load (a server room, a public counter) never closes.
A meter measures electricity, water, fuel or internet for a building or one of its zones, priced by
a tariff that changes over time (the tariff in force on a day is the latest one from on or before
that day).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from opd.models import Opd, Unit


class Building(models.Model):
    code = models.CharField(_("kode"), max_length=32, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-90")), MaxValueValidator(Decimal("90"))],
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("-180")), MaxValueValidator(Decimal("180"))],
    )
    opds = models.ManyToManyField(
        Opd, verbose_name=_("OPD penghuni"), related_name="buildings", blank=True
    )
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("gedung")
        verbose_name_plural = _("gedung")

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Zone(models.Model):
    """A floor, wing or hall of a building: seats, the units placed there, always-on loads."""

    building = models.ForeignKey(
        Building, verbose_name=_("gedung"), on_delete=models.CASCADE, related_name="zones"
    )
    code = models.CharField(_("kode"), max_length=32)
    name = models.CharField(_("nama"), max_length=200)
    floor = models.CharField(_("lantai"), max_length=32, blank=True)
    capacity = models.PositiveIntegerField(_("kapasitas (kursi)"))
    always_on = models.BooleanField(
        _("beban selalu menyala"),
        default=False,
        help_text=_("Ruang server, loket layanan publik dan sejenisnya: zona ini tidak ditutup."),
    )
    always_on_note = models.CharField(_("keterangan beban"), max_length=200, blank=True)
    meter_share = models.DecimalField(
        _("bagian dari meter gedung"),
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_(
            "Bagian pemakaian meter gedung yang dipakai zona ini (0 sampai 1); "
            "kosong: sebanding dengan kapasitas kursi."
        ),
    )

    class Meta:
        ordering = ["building__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "code"], name="zone_code_unique_in_building"
            )
        ]
        verbose_name = _("zona")
        verbose_name_plural = _("zona")

    def __str__(self) -> str:
        return f"{self.building.code}/{self.code} — {self.name}"


class UnitSeat(models.Model):
    """Where a unit sits: each unit in at most one zone."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="seat"
    )
    zone = models.ForeignKey(
        Zone, verbose_name=_("zona"), on_delete=models.CASCADE, related_name="seats"
    )

    class Meta:
        verbose_name = _("penempatan unit")
        verbose_name_plural = _("penempatan unit")

    def __str__(self) -> str:
        return f"{self.unit} @ {self.zone}"


class MeterKind(models.TextChoices):
    ELECTRICITY = "electricity", _("Listrik (kWh)")
    WATER = "water", _("Air (m³)")
    FUEL = "fuel", _("BBM (liter)")
    INTERNET = "internet", _("Internet (GB)")


METER_UNITS = {
    MeterKind.ELECTRICITY: "kWh",
    MeterKind.WATER: "m³",
    MeterKind.FUEL: "L",
    MeterKind.INTERNET: "GB",
}


class Meter(models.Model):
    """A meter of a building, or of one zone (a sub-meter)."""

    building = models.ForeignKey(
        Building, verbose_name=_("gedung"), on_delete=models.CASCADE, related_name="meters"
    )
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("zona"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meters",
        help_text=_("Kosong: meter seluruh gedung."),
    )
    code = models.CharField(_("kode"), max_length=64)
    kind = models.CharField(_("jenis"), max_length=16, choices=MeterKind.choices)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    active = models.BooleanField(_("aktif"), default=True)
    daily_estimate = models.DecimalField(
        _("perkiraan pemakaian per hari kerja"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Pemakaian pada hari kerja biasa dengan semua zona buka, dalam satuan meter "
            "(mis. kWh): dasar perkiraan penghematan bila zona ditutup."
        ),
    )

    class Meta:
        ordering = ["building__code", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "code"], name="meter_code_unique_in_building"
            )
        ]
        verbose_name = _("meter")
        verbose_name_plural = _("meter")

    def __str__(self) -> str:
        return f"{self.building.code}/{self.code}"

    @property
    def unit_label(self) -> str:
        return METER_UNITS.get(self.kind, "")

    def tariff_on(self, day: dt.date) -> Tariff | None:
        """The tariff in force on a day (the latest from on or before it), or None."""
        return self.tariffs.filter(valid_from__lte=day).order_by("-valid_from").first()


class Tariff(models.Model):
    """A meter's price per unit (rupiah per kWh, m³, litre or GB) from a date on."""

    meter = models.ForeignKey(
        Meter, verbose_name=_("meter"), on_delete=models.CASCADE, related_name="tariffs"
    )
    valid_from = models.DateField(_("berlaku sejak"))
    price_rp = models.DecimalField(
        _("harga per satuan (Rp)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        ordering = ["meter", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["meter", "valid_from"], name="tariff_one_per_day")
        ]
        verbose_name = _("tarif")
        verbose_name_plural = _("tarif")

    def __str__(self) -> str:
        return f"{self.meter} {self.valid_from}: Rp {self.price_rp}"


# -- the savings ledger: readings, bills, events that confound them, emission factors -----------


class ReadingSource(models.TextChoices):
    IMPORT = "import", _("Impor CSV/XLSX")
    FORM = "form", _("Formulir")
    API = "api", _("API (meter pintar)")
    DEMO = "demo", _("Demo")


class MeterReading(models.Model):
    """What a meter measured over a period (one day, a week or a month), start and end included.

    One reading per meter and period: sending the same period again replaces the value (or
    changes nothing), never adds a second one; periods of one meter never overlap."""

    meter = models.ForeignKey(
        Meter, verbose_name=_("meter"), on_delete=models.CASCADE, related_name="readings"
    )
    start = models.DateField(_("mulai"))
    end = models.DateField(_("sampai"))
    value = models.DecimalField(
        _("pemakaian"),
        max_digits=14,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Dalam satuan meter (kWh, m³, liter, GB)."),
    )
    source = models.CharField(_("sumber"), max_length=16, choices=ReadingSource.choices)
    recorded_at = models.DateTimeField(_("dicatat pada"), auto_now=True)

    class Meta:
        ordering = ["meter", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["meter", "start", "end"], name="meter_reading_one_per_period"
            ),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="meter_reading_end_after_start"
            ),
        ]
        indexes = [models.Index(fields=["meter", "end"], name="meter_reading_meter_end")]
        verbose_name = _("pembacaan meter")
        verbose_name_plural = _("pembacaan meter")

    def __str__(self) -> str:
        return f"{self.meter} {self.start}–{self.end}: {self.value}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


class Bill(models.Model):
    """A monthly bill of a meter (PLN, PDAM, ...): the quantity billed and the rupiah.

    `degree_days` (cooling degree days of the month, optional) lets the evaluation normalise the
    baseline for weather where it is known."""

    meter = models.ForeignKey(
        Meter, verbose_name=_("meter"), on_delete=models.CASCADE, related_name="bills"
    )
    month = models.DateField(_("bulan"), help_text=_("Tanggal 1 bulan tagihan."))
    quantity = models.DecimalField(
        _("jumlah ditagih"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("kWh, m³, liter atau GB; kosong bila tagihan hanya rupiah."),
    )
    amount_rp = models.DecimalField(
        _("tagihan (Rp)"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)]
    )
    degree_days = models.DecimalField(
        _("derajat-hari pendinginan"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Opsional: jumlah derajat-hari pendinginan bulan itu (cuaca)."),
    )

    class Meta:
        ordering = ["meter", "month"]
        constraints = [
            models.UniqueConstraint(fields=["meter", "month"], name="bill_one_per_meter_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="bill_month_first_day"),
        ]
        verbose_name = _("tagihan")
        verbose_name_plural = _("tagihan")

    def __str__(self) -> str:
        return f"{self.meter} {self.month:%Y-%m}: Rp {self.amount_rp}"


class ConsumptionEvent(models.Model):
    """Something that changed consumption for another reason than WFH (lighting cut to 21:00, a
    new server, a renovation), from a date on: the evaluation names it beside every figure whose
    compared period contains it."""

    building = models.ForeignKey(
        Building,
        verbose_name=_("gedung"),
        on_delete=models.CASCADE,
        related_name="consumption_events",
    )
    meter = models.ForeignKey(
        Meter,
        verbose_name=_("meter"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consumption_events",
        help_text=_("Kosong: berlaku untuk seluruh gedung."),
    )
    day = models.DateField(_("tanggal"))
    description = models.CharField(_("keterangan"), max_length=300)

    class Meta:
        ordering = ["building", "day"]
        verbose_name = _("peristiwa pemakaian")
        verbose_name_plural = _("peristiwa pemakaian")

    def __str__(self) -> str:
        return f"{self.building.code} {self.day}: {self.description}"


class EmissionFactor(models.Model):
    """Kilograms of CO2 per kWh of grid electricity from a date on (PLN's grid about 0.87)."""

    valid_from = models.DateField(_("berlaku sejak"), unique=True)
    kg_co2_per_kwh = models.DecimalField(
        _("kg CO₂ per kWh"),
        max_digits=6,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0"))],
    )
    source = models.CharField(_("sumber"), max_length=200, blank=True)

    class Meta:
        ordering = ["valid_from"]
        verbose_name = _("faktor emisi")
        verbose_name_plural = _("faktor emisi")

    def __str__(self) -> str:
        return f"{self.valid_from}: {self.kg_co2_per_kwh} kg CO₂/kWh"


# The consolidation plans' models live beside their services (buildings/plans.py).
from buildings.models_plans import ConsolidationPlan, UnitMove, ZoneClosure  # noqa: E402, F401
