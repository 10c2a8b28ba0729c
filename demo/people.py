"""Made-up people: a name of one naming tradition with the gelar usual for the position, an e-mail
address and phone number, and valid NIPs of both forms (PNS and PPPK), unique by construction."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter

from demo.data.names import (
    BACHELOR,
    DIPLOMA,
    EMAIL_DOMAIN,
    FEMALE_POSITIONS,
    HEAD_DEGREES,
    MOSTLY_FEMALE_POSITIONS,
    MOSTLY_MALE_POSITIONS,
    NAME_GROUPS,
    NO_DEGREE_POSITIONS,
    PHONE_PREFIXES,
    REGION_HEAD_DEGREES,
    SPECIALISTS,
)
from opd.models import OpdKind, UnitRole


def male_share(position: str) -> float:
    """How likely the holder of a position is a man: Bidan are women, firefighters mostly men."""
    if position.startswith(FEMALE_POSITIONS):
        return 0.0
    if position.startswith(MOSTLY_FEMALE_POSITIONS):
        return 0.25
    if position.startswith(MOSTLY_MALE_POSITIONS):
        return 0.9
    return 0.52


def with_degree(
    rng: random.Random, name: str, position: str, role: str, kind: str, *, health: bool = False
) -> str:
    """The name as it is written in the staff list, with gelar where one is usual."""
    p = position
    if p.startswith("Dokter Spesialis"):
        return f"dr. {name}, {rng.choice(SPECIALISTS)}"
    if p.startswith("Dokter Gigi"):
        return f"drg. {name}"
    if p.startswith("Dokter") or (
        p.startswith(("Direktur RSUD", "Kepala Puskesmas")) and rng.random() < 0.8
    ):
        return f"dr. {name}" + rng.choice(("", "", ", M.K.M.", ", MARS"))
    if p.startswith("Apoteker"):
        return f"apt. {name}, S.Farm."
    if p.startswith("Asisten Apoteker"):
        return f"{name}, A.Md.Farm."
    if p.startswith("Perawat") or "Ruang" in p:
        return f"{name}, " + rng.choice(("S.Kep., Ners", "A.Md.Kep.", "A.Md.Kep.", "S.Kep."))
    if p.startswith("Bidan"):
        return f"{name}, " + rng.choice(("A.Md.Keb.", "S.Tr.Keb.", "A.Md.Keb."))
    if p.startswith(("Sanitarian", "Nutrisionis", "Epidemiolog", "Promotor Kesehatan")):
        return f"{name}, " + rng.choice(("S.K.M.", "A.Md.Kes.", "S.Gz."))
    if p.startswith("Auditor"):
        return f"{name}, " + rng.choice(("S.E., Ak.", "S.E.", "S.Ak.", "S.E., M.Ak."))
    if p.startswith("Pranata Komputer") and rng.random() < 0.85:
        return f"{name}, " + rng.choice(("S.Kom.", "A.Md.Kom.", "S.T.", "S.Kom."))
    if p.endswith("Farmasi") and role != UnitRole.STAFF:
        return f"apt. {name}, S.Farm." + rng.choice(("", ", M.Farm."))
    if health and role != UnitRole.STAFF:
        return rng.choice(
            (
                f"dr. {name}",
                f"dr. {name}, M.K.M.",
                f"{name}, S.K.M., M.K.M.",
                f"{name}, S.Kep., Ners",
            )
        )
    if role == UnitRole.HEAD:
        if kind in (OpdKind.KECAMATAN, OpdKind.KELURAHAN) and p.startswith(("Camat", "Lurah")):
            return f"{name}, {rng.choice(REGION_HEAD_DEGREES)}"
        if rng.random() < 0.2:
            return f"{name}, {rng.choice(BACHELOR)}"
        return f"{name}, {rng.choice(HEAD_DEGREES)}"
    if role == UnitRole.DEPUTY:
        return f"{name}, {rng.choice(BACHELOR if rng.random() < 0.7 else HEAD_DEGREES)}"
    share = 0.1 if p.startswith(NO_DEGREE_POSITIONS) else 0.6
    if rng.random() < share:
        return f"{name}, {rng.choice(BACHELOR if rng.random() < 0.8 else DIPLOMA)}"
    return name


class NameMaker:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.weights = [g.weight for g in NAME_GROUPS]
        self.emails: Counter[str] = Counter()

    def name(self, gender: str) -> str:
        rng = self.rng
        group = rng.choices(NAME_GROUPS, self.weights)[0]
        female = gender == "P"
        first = rng.choice(group.female if female else group.male)
        if group.muslim and rng.random() < 0.08:
            prefix = rng.choice(("Siti", "Nur") if female else ("Muhammad", "Ahmad"))
            first = f"{prefix} {first}"
        if rng.random() < group.single_name_share:
            return first
        lasts = group.last + group.female_last if female and group.female_last else group.last
        last = rng.choice(lasts)
        if last == first.split()[-1]:
            return first
        return f"{first} {last}"

    def email(self, name: str) -> str:
        plain = name.split(",")[0].split("(")[0]
        for title in ("dr. ", "drg. ", "apt. "):
            plain = plain.removeprefix(title)
        words = re.sub(r"[^a-z ]", "", plain.lower()).split()
        local = ".".join(words[:1] + words[-1:] if len(words) > 1 else words)
        self.emails[local] += 1
        count = self.emails[local]
        return f"{local}{count if count > 1 else ''}@{EMAIL_DOMAIN}"

    def phone(self) -> str:
        digits = "".join(str(self.rng.randrange(10)) for _ in range(8))
        return f"{self.rng.choice(PHONE_PREFIXES)}{digits}"


class NipMaker:
    """Valid NIPs of both forms, unique by construction.

    The serial counts up per 14-digit prefix (birth date + CPNS start, or birth date + appointment
    year + PPPK code), so two people never share a number; a prefix that has used all 999 serials
    moves the birth date one day on.
    """

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.last_serial: dict[str, int] = {}

    def birth(self, first_year: int, last_year: int) -> dt.date:
        start = dt.date(first_year, 1, 1)
        days = (dt.date(last_year, 12, 31) - start).days
        return start + dt.timedelta(days=self.rng.randrange(days + 1))

    def pns(self, birth: dt.date, gender: str, *, age_range=(19, 35)) -> tuple[str, dt.date]:
        low, high = age_range
        age = self.rng.randint(low, max(low, min(high, 2024 - birth.year)))
        start = dt.date(birth.year + age, self.rng.randint(1, 12), 1)
        nip = self._take(birth, lambda b: f"{b:%Y%m%d}{start:%Y%m}", gender)
        return nip, start

    def pppk(self, birth: dt.date, gender: str, *, part_time: bool) -> tuple[str, dt.date]:
        year = 2024 if part_time else self.rng.choice((2021, 2022, 2022, 2023, 2024, 2024))
        code = 24 if part_time else 21
        start = dt.date(year, self.rng.randint(1, 12), 1)
        nip = self._take(birth, lambda b: f"{b:%Y%m%d}{year:04d}{code:02d}", gender)
        return nip, start

    def _take(self, birth: dt.date, prefix_of, gender: str) -> str:
        while True:
            prefix = prefix_of(birth)
            serial = self.last_serial.get(prefix, 0) + 1
            if serial <= 999:
                self.last_serial[prefix] = serial
                return f"{prefix}{1 if gender == 'L' else 2}{serial:03d}"
            birth += dt.timedelta(days=1)
