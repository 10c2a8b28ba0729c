"""Demo data: a city modelled on Kota Bekasi, its real OPDs, units and a made-up staff.

`build_plan(employees=..., seed=...)` is pure Python: it draws everything from one
`random.Random(seed)`, so the same seed gives the same OPDs, units and people (NIP, name, unit,
position, supervisor). `seed_demo(...)` writes a plan in a handful of bulk queries whatever the
headcount and adds the five demo logins; `reset_registry()` empties the registry first.

The structure follows the reference notes in shared/reference/kota-bekasi.md: Setda with its
bagian, Setwan, Inspektorat, the dinas and badan, RSUD dr. Chasbullah Abdulmadjid, 12 kecamatan
with their 56 kelurahan, puskesmas and two UPTD under their dinas. Frontline units (never WFH) are
the ones the reference names; every other unit keeps 1-3 people on site so a 50% rotation fits.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction

from accounts.models import Role, User
from opd.models import (
    AsnType,
    Employee,
    IneligibleReason,
    Opd,
    OpdKind,
    Placement,
    Unit,
    UnitRole,
)
from opd.services import placements_sync

DEFAULT_EMPLOYEES = 3000
DEFAULT_SEED = 2025
DEFAULT_PASSWORD = "demo12345"  # noqa: S105 - the documented password of the demo logins
MIN_EMPLOYEES = 250
MAX_EMPLOYEES = 1_000_000
BATCH = 5000
PLACEMENTS_FROM = dt.date(2025, 1, 1)
EMAIL_DOMAIN = "bekasikota.go.id"

CITY_HALL = (-6.2383, 106.9756)
LAT_RANGE = (-6.37, -6.18)
LON_RANGE = (106.90, 107.03)

DEMO_OPD = "DISKOMINFOSTANDI"
DEMO_UNIT = "BID-APTIKA"
HR_USERNAME = "hr.demo"
OPD_ADMIN_USERNAME = "opd.demo"
SUPERVISOR_USERNAME = "atasan.demo"
EMPLOYEE_USERNAME = "pegawai.demo"
COLLEAGUE_USERNAME = "rekan.demo"  # a colleague of pegawai.demo: answers their swap requests
DEMO_SUPERVISOR_NAME = "Rudi Hartono (Atasan Demo), S.Kom., M.T."
DEMO_EMPLOYEE_NAME = "Sari Wulandari (Pegawai Demo), S.Kom."


class DemoError(Exception):
    """The demo data cannot be written as asked (registry not empty, headcount out of range)."""


# --------------------------------------------------------------------------------------------
# The organisation: OPDs and their units
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str
    weight: float = 1.0
    frontline: bool = False
    staff: tuple[str, ...] = ()  # typical positions of the unit's staff
    head: str = ""
    deputy: str = ""


@dataclass(frozen=True)
class OpdSpec:
    code: str
    name: str
    kind: str
    weight: float  # relative headcount; all weights together are about 4,300
    head: str  # title of the head of the OPD
    deputy: str  # title of their second (Sekretaris ...), deputy of the lead unit
    units: tuple[UnitSpec, ...]  # the first is the lead unit, headed by the head of the OPD
    staff: tuple[str, ...] = ()  # typical functional positions of the OPD
    parent: str = ""
    location: tuple[float, float] | None = None  # near which point the office sits


def items(text: str) -> tuple[str, ...]:
    """A tuple from a comma-separated list: keeps the long lists of positions and places short."""
    return tuple(item.strip() for item in text.split(","))


def bidang(code: str, subject: str, weight: float = 1.0, staff: tuple[str, ...] = ()) -> UnitSpec:
    return UnitSpec(
        code,
        f"Bidang {subject}",
        weight,
        staff=staff,
        head=f"Kepala Bidang {subject}",
        deputy=f"Ketua Tim Kerja {subject}",
    )


def bagian(code: str, subject: str, weight: float = 1.0, staff: tuple[str, ...] = ()) -> UnitSpec:
    return UnitSpec(
        code,
        f"Bagian {subject}",
        weight,
        staff=staff,
        head=f"Kepala Bagian {subject}",
        deputy=f"Kepala Subbagian {subject}",
    )


def seksi(code: str, subject: str, weight: float = 1.0, frontline: bool = False) -> UnitSpec:
    return UnitSpec(
        code,
        f"Seksi {subject}",
        weight,
        frontline=frontline,
        head=f"Kepala Seksi {subject}",
        deputy=f"Koordinator {subject}",
    )


def sekretariat(weight: float = 1.2) -> UnitSpec:
    return UnitSpec("SEK", "Sekretariat", weight, staff=SEKRETARIAT_STAFF)


def frontline(
    code: str, name: str, weight: float, staff: tuple[str, ...], head: str = "", deputy: str = ""
) -> UnitSpec:
    return UnitSpec(code, name, weight, True, staff, head or f"Koordinator {name}", deputy)


SEKRETARIAT_STAFF = items(
    "Analis Kepegawaian, Pengelola Keuangan, Bendahara Pengeluaran, Perencana, Arsiparis, "
    "Pengadministrasi Umum, Pengadministrasi Perkantoran, Pranata Komputer, Analis Pengelolaan "
    "Barang Milik Daerah, Pengelola Layanan Operasional, Pengemudi, Pramu Bakti"
)
GENERIC_STAFF = items(
    "Pengadministrasi Umum, Pengolah Data, Analis Kebijakan, Penelaah Teknis Kebijakan, Pranata "
    "Komputer, Arsiparis, Perencana, Pranata Humas, Pengadministrasi Perkantoran, Pengelola "
    "Layanan Operasional"
)
PART_TIME_STAFF = items(
    "Operator Layanan Operasional, Pengelola Umum Operasional, Penata Layanan Operasional"
)
REGION_STAFF = items(
    "Pengadministrasi Pemerintahan, Analis Pemerintahan, Pengelola Layanan Kependudukan, Analis "
    "Pembangunan, Pengadministrasi Umum, Operator Layanan Operasional"
)


def dinas(
    code: str,
    subject: str,
    weight: float,
    units: Sequence[UnitSpec],
    staff: tuple[str, ...],
    *,
    kind: str = OpdKind.DINAS,
) -> OpdSpec:
    word = "Badan" if kind == OpdKind.BADAN else "Dinas"
    return OpdSpec(
        code=code,
        name=f"{word} {subject}",
        kind=kind,
        weight=weight,
        head=f"Kepala {word} {subject}",
        deputy=f"Sekretaris {word}",
        units=(sekretariat(), *units),
        staff=staff,
    )


def badan(code: str, subject: str, weight: float, units: Sequence[UnitSpec], staff) -> OpdSpec:
    return dinas(code, subject, weight, units, staff, kind=OpdKind.BADAN)


CITY_OPDS: tuple[OpdSpec, ...] = (
    OpdSpec(
        code="SETDA",
        name="Sekretariat Daerah",
        kind=OpdKind.SETDA,
        weight=170,
        head="Sekretaris Daerah",
        deputy="Asisten Administrasi Umum",
        units=(
            UnitSpec(
                "PIM",
                "Pimpinan dan Staf Ahli",
                0.8,
                staff=items(
                    "Asisten Pemerintahan dan Kesejahteraan Rakyat, Asisten Perekonomian dan "
                    "Pembangunan, Staf Ahli Wali Kota, Ajudan Wali Kota, Pengadministrasi Umum, "
                    "Pengemudi"
                ),
            ),
            bagian("PEM", "Pemerintahan", staff=items("Analis Pemerintahan, Analis Kebijakan")),
            bagian(
                "HUKUM",
                "Hukum",
                staff=items("Perancang Peraturan Perundang-undangan, Analis Hukum"),
            ),
            bagian(
                "ORG",
                "Organisasi",
                staff=items("Analis Organisasi, Analis Tata Laksana, Analis Kebijakan"),
            ),
            bagian(
                "UMUM",
                "Umum",
                2.2,
                staff=items("Pengadministrasi Umum, Pengemudi, Pramu Bakti, Teknisi Sarana"),
            ),
            bagian(
                "PROKOPIM",
                "Protokol dan Komunikasi Pimpinan",
                1.3,
                staff=items("Pranata Humas, Pengelola Protokol, Pengemudi"),
            ),
            bagian("EKON", "Perekonomian", staff=items("Analis Perekonomian, Analis Kebijakan")),
            bagian(
                "PBJ",
                "Pengadaan Barang/Jasa",
                staff=items("Pengelola Pengadaan Barang/Jasa, Analis Pengadaan"),
            ),
            bagian("KESRA", "Kesejahteraan Rakyat", staff=("Analis Kesejahteraan Rakyat",)),
            bagian(
                "ADPEM", "Administrasi Pembangunan", staff=items("Analis Pembangunan, Perencana")
            ),
        ),
        location=CITY_HALL,
    ),
    OpdSpec(
        code="SETWAN",
        name="Sekretariat DPRD",
        kind=OpdKind.SETWAN,
        weight=60,
        head="Sekretaris DPRD",
        deputy="Kepala Subbagian Tata Usaha Pimpinan",
        units=(
            UnitSpec("PIM", "Pimpinan Sekretariat DPRD", 0.6, staff=SEKRETARIAT_STAFF),
            bagian("UMUM", "Umum dan Keuangan", 1.5, staff=SEKRETARIAT_STAFF),
            bagian(
                "SIDANG",
                "Persidangan dan Perundang-undangan",
                staff=items("Analis Legislatif, Perancang Peraturan Perundang-undangan"),
            ),
            bagian(
                "FASANG",
                "Fasilitasi Penganggaran dan Pengawasan",
                staff=items("Analis Anggaran, Analis Kebijakan"),
            ),
            bagian("HUMAS", "Hubungan Masyarakat dan Protokol", staff=("Pranata Humas",)),
        ),
        location=(-6.2391, 106.9771),
    ),
    OpdSpec(
        code="INSPEKTORAT",
        name="Inspektorat Daerah",
        kind=OpdKind.INSPEKTORAT,
        weight=50,
        head="Inspektur",
        deputy="Sekretaris Inspektorat",
        units=(
            UnitSpec("SEK", "Sekretariat Inspektorat", 1.0, staff=SEKRETARIAT_STAFF),
            *(
                UnitSpec(
                    f"IRBAN-{n}",
                    f"Inspektorat Pembantu Wilayah {roman}",
                    1.0,
                    head=f"Inspektur Pembantu Wilayah {roman}",
                    deputy="Auditor Ahli Madya",
                )
                for n, roman in ((1, "I"), (2, "II"), (3, "III"), (4, "IV"))
            ),
        ),
        staff=items(
            "Auditor Ahli Pertama, Auditor Ahli Muda, Pengawas Penyelenggaraan Urusan "
            "Pemerintahan di Daerah, Auditor Terampil"
        ),
    ),
    dinas(
        "DISDIK",
        "Pendidikan",
        230,
        (
            bidang("BID-PAUD", "Pembinaan PAUD dan Pendidikan Nonformal"),
            bidang("BID-SD", "Pembinaan Sekolah Dasar", 1.4),
            bidang("BID-SMP", "Pembinaan Sekolah Menengah Pertama", 1.4),
            bidang("BID-GTK", "Guru dan Tenaga Kependidikan", 1.2),
        ),
        items(
            "Pengawas Sekolah, Penilik, Pamong Belajar, Analis Kurikulum, Pengembang Teknologi "
            "Pembelajaran, Analis Kepegawaian"
        ),
    ),
    dinas(
        "DINKES",
        "Kesehatan",
        110,
        (
            bidang("BID-KESMAS", "Kesehatan Masyarakat"),
            bidang("BID-P2P", "Pencegahan dan Pengendalian Penyakit"),
            bidang("BID-YANKES", "Pelayanan Kesehatan"),
            bidang("BID-SDK", "Sumber Daya Kesehatan"),
        ),
        items(
            "Epidemiolog Kesehatan, Sanitarian, Nutrisionis, Promotor Kesehatan, Administrator "
            "Kesehatan, Apoteker, Entomolog Kesehatan"
        ),
    ),
    dinas(
        "DAMKAR",
        "Pemadam Kebakaran dan Penyelamatan",
        120,
        (
            bidang("BID-CEGAH", "Pencegahan Kebakaran", staff=("Inspektur Kebakaran",)),
            bidang("BID-OPS", "Pemadaman dan Penyelamatan", staff=("Analis Kebakaran",)),
            bidang("BID-SARPRAS", "Sarana dan Prasarana", staff=("Teknisi Sarana",)),
            *(
                frontline(
                    f"REGU-{letter}",
                    f"Regu Pemadam {place}",
                    weight,
                    items(
                        "Pemadam Kebakaran Pemula, Pemadam Kebakaran Terampil, Pemadam Kebakaran "
                        "Mahir, Pengemudi Mobil Pemadam, Operator Radio"
                    ),
                    head=f"Komandan Regu Pemadam {place}",
                    deputy="Wakil Komandan Regu",
                )
                for letter, place, weight in (
                    ("A", "Pos Induk", 3.0),
                    ("B", "Sektor Bekasi Utara", 2.0),
                    ("C", "Sektor Jatiasih", 2.0),
                )
            ),
        ),
        items("Analis Kebakaran, Inspektur Kebakaran, Operator Radio"),
    ),
    OpdSpec(
        code="SATPOLPP",
        name="Satuan Polisi Pamong Praja",
        kind=OpdKind.DINAS,
        weight=160,
        head="Kepala Satuan Polisi Pamong Praja",
        deputy="Sekretaris Satuan",
        units=(
            sekretariat(),
            bidang(
                "BID-GAKDA", "Penegakan Peraturan Daerah", staff=("Penyidik Pegawai Negeri Sipil",)
            ),
            bidang("BID-TIBUM", "Ketertiban Umum dan Ketenteraman Masyarakat"),
            bidang("BID-LINMAS", "Perlindungan Masyarakat"),
            *(
                frontline(
                    f"OPS-{n}",
                    f"Regu Operasional {roman}",
                    3.0,
                    items(
                        "Polisi Pamong Praja Pemula, Polisi Pamong Praja Terampil, Polisi Pamong "
                        "Praja Mahir, Pengemudi"
                    ),
                    head=f"Komandan Regu Operasional {roman}",
                    deputy="Wakil Komandan Regu",
                )
                for n, roman in ((1, "I"), (2, "II"), (3, "III"))
            ),
        ),
        staff=items(
            "Polisi Pamong Praja Terampil, Polisi Pamong Praja Mahir, Penyidik Pegawai Negeri Sipil"
        ),
    ),
    dinas(
        "DINSOS",
        "Sosial",
        40,
        (
            bidang("BID-REHSOS", "Rehabilitasi Sosial"),
            bidang("BID-LINJAMSOS", "Perlindungan dan Jaminan Sosial"),
            bidang("BID-DAYASOS", "Pemberdayaan Sosial dan Penanganan Fakir Miskin"),
        ),
        items("Pekerja Sosial, Penyuluh Sosial, Pengelola Data Kesejahteraan Sosial"),
    ),
    dinas(
        "DISNAKER",
        "Tenaga Kerja",
        35,
        (
            bidang("BID-PTK", "Penempatan dan Perluasan Kesempatan Kerja"),
            bidang("BID-LATTAS", "Pelatihan dan Produktivitas"),
            bidang("BID-HI", "Hubungan Industrial dan Jaminan Sosial"),
        ),
        items("Mediator Hubungan Industrial, Pengantar Kerja, Instruktur, Analis Pasar Kerja"),
    ),
    dinas(
        "DKP3",
        "Ketahanan Pangan, Pertanian dan Perikanan",
        40,
        (
            bidang("BID-KP", "Ketahanan Pangan"),
            bidang("BID-TAN", "Pertanian"),
            bidang("BID-KAN", "Perikanan"),
            bidang("BID-KESWAN", "Peternakan dan Kesehatan Hewan"),
        ),
        items(
            "Penyuluh Pertanian, Pengawas Mutu Hasil Pertanian, Medik Veteriner, Paramedik "
            "Veteriner, Penyuluh Perikanan, Analis Ketahanan Pangan"
        ),
    ),
    dinas(
        "DLH",
        "Lingkungan Hidup",
        120,
        (
            bidang("BID-TALING", "Tata Lingkungan"),
            bidang("BID-PPKL", "Pengendalian Pencemaran dan Kerusakan Lingkungan"),
            bidang("BID-SAMPAH", "Pengelolaan Sampah dan Limbah B3"),
            bidang("BID-PENAATAN", "Penaatan dan Peningkatan Kapasitas Lingkungan"),
            frontline(
                "SATGAS",
                "Satuan Tugas Kebersihan",
                4.0,
                items("Petugas Kebersihan, Pengawas Lapangan Kebersihan, Operator Alat Berat"),
                head="Koordinator Satgas Kebersihan",
                deputy="Pengawas Lapangan Kebersihan",
            ),
            frontline(
                "ANGKUT",
                "Regu Pengangkutan Sampah",
                3.0,
                items("Pengemudi Truk Sampah, Petugas Kebersihan"),
                head="Koordinator Regu Pengangkutan Sampah",
                deputy="Pengawas Lapangan Pengangkutan",
            ),
        ),
        items(
            "Pengendali Dampak Lingkungan, Pengawas Lingkungan Hidup, Penyuluh Lingkungan Hidup, "
            "Analis Lingkungan Hidup"
        ),
    ),
    dinas(
        "DISDUKCAPIL",
        "Kependudukan dan Pencatatan Sipil",
        80,
        (
            bidang("BID-DAFDUK", "Pelayanan Pendaftaran Penduduk"),
            bidang("BID-CAPIL", "Pelayanan Pencatatan Sipil"),
            bidang("BID-PIAK", "Pengelolaan Informasi Administrasi Kependudukan"),
            bidang("BID-PDIP", "Pemanfaatan Data dan Inovasi Pelayanan"),
            frontline(
                "LOKET",
                "Loket Pelayanan",
                3.0,
                items(
                    "Pengadministrasi Kependudukan, Operator Layanan Operasional, Verifikator "
                    "Berkas Kependudukan, Petugas Perekaman KTP-el"
                ),
                head="Koordinator Loket Pelayanan",
                deputy="Pengawas Loket Pelayanan",
            ),
        ),
        items(
            "Administrator Database Kependudukan, Analis Kependudukan, Pengadministrasi "
            "Kependudukan, Pranata Komputer"
        ),
    ),
    dinas(
        "DISHUB",
        "Perhubungan",
        100,
        (
            bidang("BID-LALIN", "Lalu Lintas"),
            bidang("BID-ANGKUTAN", "Angkutan"),
            bidang("BID-PKJ", "Prasarana dan Keselamatan Jalan"),
            bidang("BID-PARKIR", "Perparkiran", staff=("Pengelola Perparkiran",)),
            frontline(
                "LAPANGAN",
                "Regu Lapangan Pengaturan Lalu Lintas",
                4.0,
                items("Petugas Pengatur Lalu Lintas, Pengawas Parkir, Pengemudi Derek"),
                head="Komandan Regu Lapangan",
                deputy="Wakil Komandan Regu Lapangan",
            ),
        ),
        items("Penguji Kendaraan Bermotor, Analis Lalu Lintas, Analis Angkutan"),
    ),
    dinas(
        DEMO_OPD,
        "Komunikasi, Informatika, Statistik dan Persandian",
        50,
        (
            bidang("BID-IKP", "Informasi dan Komunikasi Publik", staff=("Pranata Humas",)),
            bidang(DEMO_UNIT, "Aplikasi Informatika", 1.2, staff=("Pranata Komputer",)),
            bidang("BID-TIK", "Infrastruktur Teknologi Informasi dan Komunikasi"),
            bidang(
                "BID-STATSANDI", "Statistik dan Persandian", staff=items("Statistisi, Sandiman")
            ),
        ),
        items(
            "Pranata Komputer, Pranata Humas, Statistisi, Sandiman, Manggala Informatika, Analis "
            "Data dan Informasi"
        ),
    ),
    dinas(
        "DPMPTSP",
        "Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        55,
        (
            bidang("BID-RENPROM", "Perencanaan dan Promosi Penanaman Modal"),
            bidang("BID-DAL", "Pengendalian Pelaksanaan Penanaman Modal"),
            bidang("BID-IZIN", "Penyelenggaraan Perizinan dan Nonperizinan"),
            bidang("BID-ADUAN", "Pengaduan, Kebijakan dan Pelaporan Layanan"),
            frontline(
                "MPP",
                "Loket Pelayanan MPP Bekasi Trade Center",
                3.0,
                items("Analis Perizinan, Verifikator Perizinan, Operator Layanan Operasional"),
                head="Koordinator Mal Pelayanan Publik",
                deputy="Pengawas Loket MPP",
            ),
        ),
        items("Analis Perizinan, Analis Penanaman Modal, Verifikator Perizinan"),
    ),
    dinas(
        "DISPORA",
        "Kepemudaan dan Olahraga",
        30,
        (
            bidang("BID-PEMUDA", "Kepemudaan"),
            bidang("BID-OR", "Olahraga"),
            bidang("BID-SARPRAS", "Sarana dan Prasarana Olahraga"),
        ),
        items("Analis Kepemudaan, Analis Keolahragaan, Pelatih Olahraga"),
    ),
    dinas(
        "DISPARBUD",
        "Pariwisata dan Kebudayaan",
        30,
        (
            bidang("BID-DESTINASI", "Destinasi dan Industri Pariwisata"),
            bidang("BID-PEMASARAN", "Pemasaran Pariwisata dan Ekonomi Kreatif"),
            bidang("BID-BUDAYA", "Kebudayaan", staff=("Pamong Budaya",)),
        ),
        items("Pamong Budaya, Analis Pariwisata, Pengembang Ekonomi Kreatif"),
    ),
    dinas(
        "DISDAGPERIN",
        "Perdagangan dan Perindustrian",
        40,
        (
            bidang("BID-DAG", "Perdagangan"),
            bidang("BID-PASAR", "Pengelolaan Pasar"),
            bidang("BID-IND", "Perindustrian"),
            bidang("BID-METRO", "Metrologi Legal", staff=items("Penera, Pengawas Kemetrologian")),
        ),
        items("Pengawas Perdagangan, Analis Perindustrian, Penyuluh Perindustrian"),
    ),
    dinas(
        "DISKOPUKM",
        "Koperasi dan Usaha Kecil Menengah",
        30,
        (
            bidang("BID-KOP", "Kelembagaan dan Pengawasan Koperasi"),
            bidang("BID-UKM", "Pemberdayaan Usaha Kecil dan Menengah"),
            bidang("BID-PEMBIAYAAN", "Pembiayaan dan Pemasaran"),
        ),
        items("Pengawas Koperasi, Penyuluh Koperasi, Pendamping UMKM"),
    ),
    dinas(
        "DBMSDA",
        "Bina Marga dan Sumber Daya Air",
        80,
        (
            bidang("BID-BANGJAL", "Pembangunan Jalan dan Jembatan"),
            bidang("BID-PELJAL", "Pemeliharaan Jalan dan Jembatan"),
            bidang(
                "BID-SDA", "Sumber Daya Air", staff=items("Teknik Pengairan, Operator Pintu Air")
            ),
            bidang("BID-DRAINASE", "Drainase"),
        ),
        items(
            "Teknik Jalan dan Jembatan, Teknik Pengairan, Pengawas Lapangan, Pengelola Data "
            "Infrastruktur"
        ),
    ),
    dinas(
        "DISTARU",
        "Tata Ruang",
        40,
        (
            bidang("BID-RENTARU", "Perencanaan Tata Ruang"),
            bidang("BID-DALTARU", "Pengendalian Pemanfaatan Ruang"),
            bidang("BID-BANGUNAN", "Penataan Bangunan"),
        ),
        items("Penata Ruang, Pengawas Bangunan Gedung, Penilik Bangunan, Analis Tata Ruang"),
    ),
    dinas(
        "DP3A",
        "Pemberdayaan Perempuan dan Perlindungan Anak",
        30,
        (
            bidang("BID-PUG", "Pengarusutamaan Gender dan Pemberdayaan Perempuan"),
            bidang("BID-PHA", "Pemenuhan Hak Anak"),
            bidang("BID-PPA", "Perlindungan Perempuan dan Anak"),
        ),
        items("Analis Perlindungan Anak, Konselor, Penyuluh Sosial, Analis Gender"),
    ),
    dinas(
        "DPPKB",
        "Pengendalian Penduduk dan Keluarga Berencana",
        35,
        (
            bidang("BID-DALDUK", "Pengendalian Penduduk"),
            bidang("BID-KB", "Keluarga Berencana"),
            bidang("BID-KS", "Ketahanan dan Kesejahteraan Keluarga"),
        ),
        items("Penyuluh Keluarga Berencana, Analis Kependudukan, Petugas Lapangan KB"),
    ),
    dinas(
        "DISARPUS",
        "Arsip dan Perpustakaan",
        30,
        (
            bidang("BID-ARSIP", "Kearsipan", staff=("Arsiparis",)),
            bidang("BID-PUSTAKA", "Perpustakaan", staff=("Pustakawan",)),
            bidang("BID-LAYANAN", "Pengembangan Koleksi dan Layanan Perpustakaan"),
        ),
        items("Pustakawan, Arsiparis, Pranata Komputer"),
    ),
    dinas(
        "DISPERKIMTAN",
        "Perumahan, Kawasan Permukiman dan Pertanahan",
        50,
        (
            bidang("BID-RUMAH", "Perumahan"),
            bidang("BID-KIM", "Kawasan Permukiman"),
            bidang("BID-TANAH", "Pertanahan", staff=("Analis Pertanahan",)),
            bidang("BID-TAMAN", "Pertamanan dan Pemakaman"),
            bidang("BID-PJU", "Penerangan Jalan Umum", staff=("Teknisi Penerangan Jalan",)),
        ),
        items("Penata Kelola Permukiman, Analis Pertanahan, Penata Bangunan"),
    ),
    badan(
        "BAPPELITBANGDA",
        "Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
        45,
        (
            bidang("BID-EKONOMI", "Perencanaan Perekonomian dan Sumber Daya Alam"),
            bidang("BID-PMK", "Pemerintahan dan Pembangunan Manusia"),
            bidang("BID-INFRA", "Infrastruktur dan Kewilayahan"),
            bidang("BID-LITBANG", "Penelitian dan Pengembangan", staff=("Peneliti",)),
            bidang("BID-PEP", "Pengendalian dan Evaluasi Pembangunan"),
        ),
        items("Perencana, Peneliti, Analis Kebijakan, Statistisi"),
    ),
    badan(
        "BAPENDA",
        "Pendapatan Daerah",
        90,
        (
            bidang("BID-DATA", "Pendataan dan Penetapan"),
            bidang("BID-PBB", "Pajak Bumi dan Bangunan dan BPHTB"),
            bidang("BID-TAGIH", "Penagihan dan Keberatan", staff=("Juru Sita Pajak",)),
            bidang("BID-DALEV", "Pengendalian dan Evaluasi Pendapatan"),
            frontline(
                "LOKET",
                "Loket Pelayanan Pajak Daerah",
                3.0,
                items("Operator Layanan Operasional, Pengelola Pendapatan, Penilai Pajak Daerah"),
                head="Koordinator Loket Pelayanan Pajak",
                deputy="Pengawas Loket Pajak",
            ),
        ),
        items("Pemeriksa Pajak Daerah, Penilai Pajak Daerah, Analis Pendapatan Daerah"),
    ),
    badan(
        "BKPSDM",
        "Kepegawaian dan Pengembangan Sumber Daya Manusia",
        55,
        (
            bidang("BID-MUTASI", "Mutasi dan Promosi"),
            bidang("BID-PENGADAAN", "Pengadaan, Pemberhentian dan Informasi Kepegawaian"),
            bidang("BID-PSDM", "Pengembangan Sumber Daya Manusia", staff=("Widyaiswara",)),
            bidang("BID-KINERJA", "Penilaian Kinerja Aparatur dan Penghargaan"),
        ),
        items("Analis Kepegawaian, Assessor SDM Aparatur, Analis SDM Aparatur, Pranata Komputer"),
    ),
    badan(
        "BPKAD",
        "Pengelolaan Keuangan dan Aset Daerah",
        75,
        (
            bidang("BID-ANGGARAN", "Anggaran", staff=("Analis Anggaran",)),
            bidang("BID-PERBEN", "Perbendaharaan", staff=("Bendahara Umum Daerah",)),
            bidang("BID-AKUNTANSI", "Akuntansi", staff=("Akuntan",)),
            bidang("BID-ASET", "Aset", staff=("Pengelola Barang Milik Daerah",)),
        ),
        items("Analis Keuangan Pusat dan Daerah, Analis Pengelolaan Keuangan APBD, Akuntan"),
    ),
    OpdSpec(
        code="BPBD",
        name="Badan Penanggulangan Bencana Daerah",
        kind=OpdKind.BADAN,
        weight=45,
        head="Kepala Pelaksana BPBD",
        deputy="Sekretaris BPBD",
        units=(
            sekretariat(),
            bidang("BID-PK", "Pencegahan dan Kesiapsiagaan"),
            bidang("BID-KL", "Kedaruratan dan Logistik", staff=("Pengelola Logistik",)),
            bidang("BID-RR", "Rehabilitasi dan Rekonstruksi"),
            frontline(
                "PUSDALOPS",
                "Pusat Pengendalian Operasi (Pusdalops) PB",
                2.5,
                items("Operator Pusdalops, Petugas Tim Reaksi Cepat, Operator Radio"),
                head="Kepala Pusdalops PB",
                deputy="Koordinator Piket Pusdalops",
            ),
        ),
        staff=items("Analis Kebencanaan, Penyuluh Kebencanaan, Pengelola Logistik"),
    ),
    badan(
        "KESBANGPOL",
        "Kesatuan Bangsa dan Politik",
        30,
        (
            bidang("BID-IDEOLOGI", "Ideologi, Wawasan Kebangsaan dan Karakter Bangsa"),
            bidang("BID-POLDAGRI", "Politik Dalam Negeri"),
            bidang("BID-KEWASPADAAN", "Kewaspadaan Nasional dan Penanganan Konflik"),
            bidang("BID-ORMAS", "Ketahanan Ekonomi, Sosial, Budaya dan Organisasi Masyarakat"),
        ),
        items("Analis Politik, Analis Kewaspadaan Nasional, Analis Kebijakan"),
    ),
    OpdSpec(
        code="RSUD",
        name="RSUD dr. Chasbullah Abdulmadjid",
        kind=OpdKind.RSUD,
        weight=340,
        head="Direktur RSUD dr. Chasbullah Abdulmadjid",
        deputy="Wakil Direktur Umum dan Keuangan",
        units=(
            UnitSpec(
                "DIR",
                "Direksi",
                0.5,
                staff=items("Wakil Direktur Pelayanan, Sekretaris Direksi, Pengadministrasi Umum"),
            ),
            bagian("UMUM", "Umum dan Kepegawaian", 1.5, staff=SEKRETARIAT_STAFF),
            bagian(
                "KEU",
                "Keuangan dan Program",
                staff=items("Pengelola Keuangan, Bendahara, Analis Anggaran, Verifikator Klaim"),
            ),
            bidang("BID-YANMED", "Pelayanan Medik", staff=items("Administrator Kesehatan, Dokter")),
            bidang("BID-KEP", "Keperawatan", staff=items("Perawat, Administrator Kesehatan")),
            *(
                frontline(
                    code,
                    f"Instalasi {subject}",
                    weight,
                    staff,
                    head=f"Kepala Instalasi {subject}",
                    deputy=f"Kepala Ruang {subject}",
                )
                for code, subject, weight, staff in (
                    (
                        "IGD",
                        "Gawat Darurat",
                        3.0,
                        items("Dokter, Perawat, Perawat, Pengemudi Ambulans"),
                    ),
                    (
                        "RANAP",
                        "Rawat Inap",
                        6.0,
                        items(
                            "Perawat, Perawat, Perawat, Bidan, Dokter, Dokter Spesialis, "
                            "Nutrisionis"
                        ),
                    ),
                    (
                        "RAJAL",
                        "Rawat Jalan",
                        3.0,
                        items("Dokter Spesialis, Dokter, Perawat, Perawat"),
                    ),
                    ("ICU", "Perawatan Intensif", 1.5, items("Perawat, Perawat, Dokter Spesialis")),
                    (
                        "IBS",
                        "Bedah Sentral",
                        1.5,
                        items("Perawat, Penata Anestesi, Dokter Spesialis"),
                    ),
                    ("FARMASI", "Farmasi", 1.5, items("Apoteker, Asisten Apoteker")),
                    (
                        "LAB",
                        "Laboratorium",
                        1.0,
                        items("Pranata Laboratorium Kesehatan, Dokter Spesialis"),
                    ),
                    ("RAD", "Radiologi", 1.0, items("Radiografer, Dokter Spesialis")),
                )
            ),
            UnitSpec(
                "REKMED",
                "Instalasi Rekam Medis",
                1.0,
                staff=items("Perekam Medis, Pengadministrasi Umum"),
                head="Kepala Instalasi Rekam Medis",
                deputy="Koordinator Rekam Medis",
            ),
            UnitSpec(
                "SIMRS",
                "Instalasi Sistem Informasi Manajemen Rumah Sakit",
                0.6,
                staff=("Pranata Komputer",),
                head="Kepala Instalasi SIMRS",
                deputy="Koordinator SIMRS",
            ),
        ),
        staff=items("Perawat, Bidan, Dokter, Perekam Medis, Administrator Kesehatan"),
        location=(-6.2466, 107.0117),
    ),
)

# Kecamatan -> (approximate centre, kelurahan)
KECAMATAN: dict[str, tuple[tuple[float, float], tuple[str, ...]]] = {
    "Bantargebang": ((-6.318, 106.995), items("Bantargebang, Cikiwul, Ciketing Udik, Sumur Batu")),
    "Bekasi Barat": (
        (-6.228, 106.962),
        items("Bintara, Bintara Jaya, Jakasampurna, Kota Baru, Kranji"),
    ),
    "Bekasi Selatan": (
        (-6.255, 106.985),
        items("Jakamulya, Jakasetia, Kayuringin Jaya, Marga Jaya, Pekayon Jaya"),
    ),
    "Bekasi Timur": ((-6.245, 107.012), items("Aren Jaya, Bekasi Jaya, Duren Jaya, Margahayu")),
    "Bekasi Utara": (
        (-6.205, 107.000),
        items("Harapan Baru, Harapan Jaya, Kaliabang Tengah, Marga Mulya, Perwira, Teluk Pucung"),
    ),
    "Jatiasih": (
        (-6.300, 106.958),
        items("Jatiasih, Jatikramat, Jatiluhur, Jatimekar, Jatirasa, Jatisari"),
    ),
    "Jatisampurna": (
        (-6.355, 106.925),
        items("Jatikarya, Jatiranggon, Jatirangga, Jatisampurna, Jatiraden"),
    ),
    "Medan Satria": ((-6.192, 106.985), items("Harapan Mulya, Kali Baru, Medan Satria, Pejuang")),
    "Mustika Jaya": ((-6.295, 107.020), items("Cimuning, Mustika Jaya, Mustika Sari, Padurenan")),
    "Pondok Gede": (
        (-6.275, 106.918),
        items("Jatibening, Jatibening Baru, Jaticempaka, Jatimakmur, Jatiwaringin"),
    ),
    "Pondok Melati": ((-6.300, 106.922), items("Jatimelati, Jatimurni, Jatirahayu, Jatiwarna")),
    "Rawalumbu": (
        (-6.275, 107.005),
        items("Bojong Menteng, Bojong Rawalumbu, Pengasinan, Sepanjang Jaya"),
    ),
}

# One puskesmas in every kecamatan (named after it) and a few more named after their kelurahan.
EXTRA_PUSKESMAS: tuple[tuple[str, str], ...] = (
    ("Kranji", "Bekasi Barat"),
    ("Pekayon Jaya", "Bekasi Selatan"),
    ("Karang Kitri", "Bekasi Timur"),
    ("Perwira", "Bekasi Utara"),
    ("Jatiluhur", "Jatiasih"),
    ("Jatibening", "Pondok Gede"),
    ("Pengasinan", "Rawalumbu"),
    ("Seroja", "Bekasi Utara"),
)

KECAMATAN_UNITS = (
    UnitSpec("SEK", "Sekretariat Kecamatan", 1.2, staff=SEKRETARIAT_STAFF),
    seksi("SEKSI-PEM", "Pemerintahan"),
    seksi("SEKSI-EKBANG", "Ekonomi dan Pembangunan"),
    seksi("SEKSI-KESSOS", "Kesejahteraan Sosial"),
    seksi("SEKSI-TRANTIB", "Ketenteraman dan Ketertiban Umum"),
    seksi("PATEN", "Pelayanan (PATEN)", 2.0, frontline=True),
)
KELURAHAN_UNITS = (
    UnitSpec("SEK", "Sekretariat Kelurahan", 1.0, staff=SEKRETARIAT_STAFF),
    seksi("SEKSI-PEMTRANTIB", "Pemerintahan dan Ketenteraman"),
    seksi("SEKSI-EKBANGKESRA", "Ekonomi, Pembangunan dan Kesejahteraan Rakyat"),
    seksi("PELAYANAN", "Pelayanan", 1.3, frontline=True),
)
PUSKESMAS_UNITS = (
    UnitSpec("TU", "Tata Usaha", 0.8, staff=SEKRETARIAT_STAFF),
    frontline(
        "POLI",
        "Pelayanan Pemeriksaan Umum dan Poli",
        2.0,
        ("Dokter", "Dokter Gigi", "Perawat", "Perawat", "Terapis Gigi dan Mulut"),
        head="Penanggung Jawab Pelayanan Pemeriksaan Umum",
        deputy="Koordinator Poli",
    ),
    frontline(
        "KIA",
        "Pelayanan KIA dan KB",
        1.5,
        ("Bidan", "Bidan", "Perawat"),
        head="Penanggung Jawab Pelayanan KIA dan KB",
        deputy="Koordinator Bidan",
    ),
    frontline(
        "PENUNJANG",
        "Farmasi dan Laboratorium",
        1.0,
        ("Apoteker", "Asisten Apoteker", "Pranata Laboratorium Kesehatan"),
        head="Penanggung Jawab Farmasi dan Laboratorium",
        deputy="Koordinator Farmasi",
    ),
    UnitSpec(
        "UKM",
        "Upaya Kesehatan Masyarakat",
        1.2,
        staff=("Sanitarian", "Nutrisionis", "Promotor Kesehatan", "Epidemiolog Kesehatan"),
        head="Penanggung Jawab Upaya Kesehatan Masyarakat",
        deputy="Koordinator Program UKM",
    ),
)
UPTDS: tuple[OpdSpec, ...] = (
    OpdSpec(
        code="UPTD-PKB",
        name="UPTD Pengujian Kendaraan Bermotor",
        kind=OpdKind.UPTD,
        weight=20,
        head="Kepala UPTD Pengujian Kendaraan Bermotor",
        deputy="Kepala Subbagian Tata Usaha",
        units=(
            UnitSpec("TU", "Subbagian Tata Usaha", 0.8, staff=SEKRETARIAT_STAFF),
            frontline(
                "UJI",
                "Loket dan Jalur Pengujian",
                3.0,
                ("Penguji Kendaraan Bermotor", "Operator Layanan Operasional"),
                head="Koordinator Jalur Pengujian",
                deputy="Penguji Kendaraan Bermotor Penyelia",
            ),
        ),
        staff=("Penguji Kendaraan Bermotor",),
        parent="DISHUB",
    ),
    OpdSpec(
        code="UPTD-TPA-SUMUR-BATU",
        name="UPTD Tempat Pemrosesan Akhir Sampah Sumur Batu",
        kind=OpdKind.UPTD,
        weight=30,
        head="Kepala UPTD TPA Sumur Batu",
        deputy="Kepala Subbagian Tata Usaha",
        units=(
            UnitSpec("TU", "Subbagian Tata Usaha", 0.8, staff=SEKRETARIAT_STAFF),
            frontline(
                "OPS",
                "Regu Operasional TPA",
                3.0,
                ("Operator Alat Berat", "Pengemudi Truk Sampah", "Petugas Kebersihan"),
                head="Koordinator Operasional TPA",
                deputy="Pengawas Lapangan TPA",
            ),
        ),
        staff=("Pengawas Lingkungan Hidup",),
        parent="DLH",
        location=(-6.338, 106.997),
    ),
)


def code_of(name: str) -> str:
    return re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")


def region_opds() -> tuple[OpdSpec, ...]:
    """Kecamatan first (they are parents), then their kelurahan, then the puskesmas."""
    kecamatan, kelurahan, puskesmas = [], [], []
    for kec, (centre, kels) in KECAMATAN.items():
        kec_code = f"KEC-{code_of(kec)}"
        kecamatan.append(
            OpdSpec(
                code=kec_code,
                name=f"Kecamatan {kec}",
                kind=OpdKind.KECAMATAN,
                weight=30,
                head=f"Camat {kec}",
                deputy="Sekretaris Kecamatan",
                units=KECAMATAN_UNITS,
                staff=REGION_STAFF,
                location=centre,
            )
        )
        for kel in kels:
            kelurahan.append(
                OpdSpec(
                    code=f"KEL-{code_of(kel)}",
                    name=f"Kelurahan {kel}",
                    kind=OpdKind.KELURAHAN,
                    weight=16.5,
                    head=f"Lurah {kel}",
                    deputy="Sekretaris Kelurahan",
                    units=KELURAHAN_UNITS,
                    staff=REGION_STAFF,
                    parent=kec_code,
                    location=centre,
                )
            )
    for place, kec in (*((k, k) for k in KECAMATAN), *EXTRA_PUSKESMAS):
        puskesmas.append(
            OpdSpec(
                code=f"PKM-{code_of(place)}",
                name=f"Puskesmas {place}",
                kind=OpdKind.PUSKESMAS,
                weight=24,
                head=f"Kepala Puskesmas {place}",
                deputy="Kepala Subbagian Tata Usaha",
                units=PUSKESMAS_UNITS,
                staff=("Perawat", "Bidan", "Sanitarian", "Perekam Medis"),
                parent="DINKES",
                location=KECAMATAN[kec][0],
            )
        )
    return (*kecamatan, *kelurahan, *puskesmas)


def all_opd_specs() -> tuple[OpdSpec, ...]:
    """Every OPD of the demo city; an OPD comes after its parent."""
    return (*CITY_OPDS, *region_opds(), *UPTDS)


# --------------------------------------------------------------------------------------------
# People: names, degrees, NIPs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameGroup:
    """First and last names of one naming tradition; women may take a last name of their own."""

    weight: float
    male: tuple[str, ...]
    female: tuple[str, ...]
    last: tuple[str, ...]
    female_last: tuple[str, ...] = ()
    muslim: bool = True
    single_name_share: float = 0.0


def w(names: str) -> tuple[str, ...]:
    return tuple(names.split())


NAME_GROUPS: tuple[NameGroup, ...] = (
    NameGroup(  # Sundanese
        30,
        w(
            "Asep Dadang Ujang Cecep Deden Engkos Iwan Yayan Ade Jajang Usep Dedi Encep Rahmat "
            "Wawan Endang Hendi Agus Yusuf Dodi"
        ),
        w(
            "Euis Neneng Imas Cucu Enok Iis Lilis Nining Rina Yanti Nenden Titin Elis Wiwin Ai "
            "Nurul Rani Dewi"
        ),
        w(
            "Sutisna Supriatna Hidayat Permana Sudrajat Suryana Ruhiyat Mulyana Saepudin Somantri "
            "Setiadi Kusnadi Suherman Sobari Nurjaman Hermawan Firdaus Gumilar"
        ),
        w("Nurhasanah Rohayati Sumiati Komalasari Hayati Nurlela Kurniasih"),
        single_name_share=0.04,
    ),
    NameGroup(  # Javanese
        28,
        w(
            "Agus Bambang Budi Joko Slamet Sugeng Teguh Wahyu Eko Dwi Tri Heru Bayu Hadi Sigit "
            "Yudi Gatot Wahyudi Purwanto Sutrisno Hari"
        ),
        w(
            "Sri Endang Wulan Ratna Retno Tuti Yuni Lestari Sulastri Dwi Tri Rini Sari Ani Tutik "
            "Eni Dyah Sumarni"
        ),
        w(
            "Santoso Wibowo Susilo Purnomo Prasetyo Wijaya Nugroho Hartono Sutrisno Setiawan "
            "Raharjo Kusuma Widodo Utomo Suryono Hadiwijaya Sulistyo Pamungkas Saputro Haryanto"
        ),
        w(
            "Handayani Rahayu Wulandari Lestari Puspitasari Susanti Astuti Kusumawati Rahmawati "
            "Purwaningsih Widyastuti Wahyuni"
        ),
        single_name_share=0.06,
    ),
    NameGroup(  # Betawi
        12,
        w(
            "Mamat Udin Rojali Sabeni Mansur Jaelani Zainal Fauzi Ridwan Marzuki Syamsudin "
            "Mochtar Husein Sanusi Bahrudin"
        ),
        w("Juleha Aisyah Fatimah Rohmah Mardiah Zubaidah Nurjanah Salamah Hafsah Maemunah Romlah"),
        w(
            "Rosadi Saputra Maulana Hasanudin Ismail Marzuki Sanusi Abdullah Syafei Ridwan Naim "
            "Ramli Jaelani"
        ),
        w("Nurhayati Fauziah Zahra Marliah"),
    ),
    NameGroup(  # today's general Indonesian names
        16,
        w(
            "Rizki Fajar Dimas Arif Andi Aditya Yoga Reza Ilham Bayu Galih Irfan Fikri Rendi "
            "Hafiz Farhan Dani Ferry Gilang Kevin Rangga Taufik"
        ),
        w(
            "Putri Ayu Nadia Anisa Indah Rizka Dian Fitria Nurul Intan Mega Novi Tika Desi Ratih "
            "Anggi Vina Amalia Citra Dinda Kartika Nabila"
        ),
        w(
            "Pratama Saputra Ramadhan Firmansyah Hakim Kurniawan Gunawan Nugraha Syahputra "
            "Ardiansyah Maulana Permadi Hidayatullah"
        ),
        w(
            "Kurniawati Anggraini Permatasari Safitri Oktaviani Rahmadani Maharani Febriani "
            "Pertiwi Ramadhani Septiani"
        ),
    ),
    NameGroup(  # Batak
        6,
        w(
            "Tigor Togar Parulian Hotman Martua Sahat Jonathan Daniel Poltak Binsar Marihot Benny "
            "Robert Frans Rudolf"
        ),
        w("Romauli Tiurma Rotua Sondang Debora Maria Lamtiur Riris Hotnida Ruth Nova Grace"),
        w(
            "Siregar Simanjuntak Nasution Harahap Pasaribu Sitompul Sinaga Lubis Panjaitan "
            "Hutapea Silalahi Manurung Simatupang Tambunan Situmorang Hutagalung Napitupulu "
            "Sihombing"
        ),
        muslim=False,
    ),
    NameGroup(  # Minangkabau
        5,
        w(
            "Rizal Syafrizal Afrizal Yusrizal Fadli Hendra Irwan Zulkifli Andri Erwin Zulfikar "
            "Amril Masril Darmawan"
        ),
        w("Yulia Rahmi Nurhayati Fitri Yesi Elvira Rika Meri Yulfita Desmawati Suci Rosmaini"),
        w("Chaniago Tanjung Piliang Koto Jambak Sikumbang Effendi Rasyid Syahrial Anwar Hamzah"),
        w("Yanti Marlina Novita"),
    ),
    NameGroup(  # Chinese Indonesian
        1.5,
        w("Hendra Budi Yohanes Steven Andreas Wilson Hartono Kurnia"),
        w("Lina Mei Yuliana Fransiska Vivian Melinda Lanny Susan"),
        w("Halim Tanuwijaya Gunadi Salim Wijaya Kurniadi Hartanto Susanto"),
        muslim=False,
    ),
    NameGroup(  # Maluku, Minahasa
        1.5,
        w("Jefri Roni Marthen Yosef Johanis Ferdinand Stevanus"),
        w("Merry Ivone Jeane Marlin Olivia Febby"),
        w("Pattinama Latuconsina Rumagit Wowor Lumentut Sumampouw Tuasikal"),
        muslim=False,
    ),
)

BACHELOR = ("S.E.", "S.Sos.", "S.H.", "S.AP.", "S.IP.", "S.Kom.", "S.T.", "S.Pd.", "S.M.", "S.Ak.")
DIPLOMA = ("A.Md.", "A.Md.Kom.", "A.Md.Ak.")
HEAD_DEGREES = (
    "S.H., M.H.",
    "S.E., M.M.",
    "S.T., M.T.",
    "S.Sos., M.Si.",
    "S.Kom., M.Kom.",
    "S.IP., M.AP.",
    "S.STP., M.Si.",
    "S.E., M.Ak.",
    "S.Pd., M.Pd.",
    "S.Sos., M.AP.",
)
REGION_HEAD_DEGREES = ("S.STP., M.Si.", "S.STP., M.AP.", "S.IP., M.Si.", "S.Sos., M.Si.", "S.STP.")
NO_DEGREE_POSITIONS = (
    "Pemadam",
    "Polisi Pamong Praja",
    "Pengemudi",
    "Petugas",
    "Pramu Bakti",
    "Operator",
    "Teknisi",
    "Pengawas Parkir",
)
FEMALE_POSITIONS = ("Bidan",)
MOSTLY_FEMALE_POSITIONS = ("Perawat", "Nutrisionis", "Konselor", "Sekretaris Direksi")
MOSTLY_MALE_POSITIONS = (
    "Pemadam",
    "Polisi Pamong Praja",
    "Pengemudi",
    "Komandan",
    "Wakil Komandan",
    "Operator Alat Berat",
    "Petugas Kebersihan",
    "Petugas Pengatur",
    "Teknisi",
    "Penguji Kendaraan",
    "Pengawas Lapangan",
)
SPECIALISTS = (
    "Sp.PD",
    "Sp.A",
    "Sp.OG",
    "Sp.B",
    "Sp.An",
    "Sp.Rad",
    "Sp.PK",
    "Sp.JP",
    "Sp.N",
    "Sp.M",
)
PHONE_PREFIXES = ("0811", "0812", "0813", "0821", "0822", "0852", "0856", "0857", "0878", "0896")


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


# --------------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------------


@dataclass(slots=True)
class PlannedOpd:
    code: str
    name: str
    kind: str
    parent: str
    latitude: Decimal
    longitude: Decimal
    radius_m: int


@dataclass(slots=True)
class PlannedUnit:
    opd: str
    code: str
    name: str
    frontline: bool
    min_onsite: int
    headcount: int


@dataclass(slots=True)
class PlannedEmployee:
    nip: str
    name: str
    asn_type: str
    opd: str
    unit: str
    position: str
    unit_role: str
    supervisor: int | None  # index in DemoPlan.employees
    level: int  # 0 OPD head, 1 head of a child OPD, 2 unit head, 3 everyone else
    active_from: dt.date
    wfh_eligible: bool = True
    ineligible_reason: str = ""
    new_in_post_since: dt.date | None = None
    email: str = ""
    phone: str = ""
    part_time: bool = False


@dataclass
class DemoPlan:
    seed: int
    opds: list[PlannedOpd] = field(default_factory=list)
    units: list[PlannedUnit] = field(default_factory=list)
    employees: list[PlannedEmployee] = field(default_factory=list)
    supervisor_index: int = -1  # atasan.demo
    employee_index: int = -1  # pegawai.demo


def allocate(total: int, weights: Sequence[float], minimums: Sequence[int]) -> list[int]:
    """Split `total` over the weights (largest remainder), giving each at least its minimum."""
    rest = total - sum(minimums)
    if rest < 0:
        raise DemoError(f"{total} orang tidak cukup untuk minimum {sum(minimums)}.")
    weight_sum = sum(weights)
    quotas = [rest * w / weight_sum for w in weights]
    shares = [int(q) for q in quotas]
    left = rest - sum(shares)
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return [m + s for m, s in zip(minimums, shares, strict=True)]


def merge_lone_members(per_unit: list[int]) -> list[int]:
    """A unit of one would be a head with nobody to lead: move such people to the largest unit.

    The lead unit (index 0) keeps its single member, the head of the OPD.
    """
    merged = list(per_unit)
    for i in range(1, len(merged)):
        if merged[i] == 1:
            merged[i] = 0
            largest = max(range(len(merged)), key=lambda j: (merged[j], -j))
            merged[largest] += 1
    return merged


def min_onsite_for(headcount: int, is_frontline: bool) -> int:
    """Frontline: about 60% of the unit, at least one. Others: 1-3, never more than half."""
    if is_frontline:
        return max(1, (headcount * 3 + 4) // 5)
    if headcount <= 1:
        return 0  # a one-person unit with a minimum could never rotate
    return min(3, max(1, headcount // 4))


def _clamp(value: float, bounds: tuple[float, float]) -> float:
    return min(max(value, bounds[0]), bounds[1])


def _place(rng: random.Random, spec: OpdSpec) -> tuple[Decimal, Decimal]:
    if spec.location == CITY_HALL:
        lat, lon = CITY_HALL
    elif spec.location is not None:
        spread = 0.015 if spec.kind == OpdKind.KELURAHAN else 0.008
        lat = spec.location[0] + rng.uniform(-spread, spread)
        lon = spec.location[1] + rng.uniform(-spread, spread)
    else:
        lat = CITY_HALL[0] + rng.uniform(-0.02, 0.02)
        lon = CITY_HALL[1] + rng.uniform(-0.02, 0.02)
    lat, lon = _clamp(lat, LAT_RANGE), _clamp(lon, LON_RANGE)
    return Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")


@dataclass(slots=True)
class _Slot:
    """One person to create: where, in which role; filled in by _person."""

    opd: OpdSpec
    unit: UnitSpec
    role: str
    lead: bool  # in the lead unit of the OPD


def build_plan(*, employees: int, seed: int) -> DemoPlan:
    """The whole demo city as plain data. Same arguments, same plan."""
    if not MIN_EMPLOYEES <= employees <= MAX_EMPLOYEES:
        raise DemoError(
            f"Jumlah pegawai harus {MIN_EMPLOYEES:,}–{MAX_EMPLOYEES:,}, bukan {employees:,}."
        )
    rng = random.Random(seed)
    specs = all_opd_specs()
    plan = DemoPlan(seed=seed)

    for spec in specs:
        lat, lon = _place(rng, spec)
        radius = 200 if spec.kind == OpdKind.RSUD else rng.choice((100, 125, 150, 175, 200))
        plan.opds.append(PlannedOpd(spec.code, spec.name, spec.kind, spec.parent, lat, lon, radius))

    # Headcount per OPD, then per unit, then who is head or deputy.
    weights = [
        rng.uniform(12.0, 21.0)  # 8-15 people each at 3,000
        if s.kind == OpdKind.KELURAHAN
        else s.weight * rng.uniform(0.85, 1.15)
        for s in specs
    ]
    minimums = [5 if s.code == DEMO_OPD else 1 for s in specs]
    per_opd = allocate(employees, weights, minimums)

    slots_by_opd: list[list[list[_Slot]]] = []
    for spec, headcount in zip(specs, per_opd, strict=True):
        unit_minimums = [
            1 if i == 0 else 2 if (spec.code, u.code) == (DEMO_OPD, DEMO_UNIT) else 0
            for i, u in enumerate(spec.units)
        ]
        unit_weights = [u.weight * rng.uniform(0.8, 1.2) for u in spec.units]
        per_unit = merge_lone_members(allocate(headcount, unit_weights, unit_minimums))
        units = []
        for i, (unit, k) in enumerate(zip(spec.units, per_unit, strict=True)):
            plan.units.append(
                PlannedUnit(
                    spec.code,
                    unit.code,
                    unit.name,
                    unit.frontline,
                    min_onsite_for(k, unit.frontline),
                    k,
                )
            )
            lead = i == 0
            has_deputy = k >= 3 if lead else k >= 4 and rng.random() < 0.85
            roles = [UnitRole.HEAD] * min(k, 1) + [UnitRole.DEPUTY] * has_deputy
            roles += [UnitRole.STAFF] * (k - len(roles))
            units.append([_Slot(spec, unit, role, lead) for role in roles])
        slots_by_opd.append(units)

    staff_count = sum(
        1 for units in slots_by_opd for slots in units for s in slots if s.role == UnitRole.STAFF
    )
    pppk_share = min(0.6, 0.32 * employees / max(staff_count, 1))

    nips, names = NipMaker(rng), NameMaker(rng)
    head_index: dict[str, int] = {}
    for spec, units in zip(specs, slots_by_opd, strict=True):
        for slots in units:
            unit_head: int | None = None
            for slot in slots:
                demo = ""
                if (spec.code, slot.unit.code) == (DEMO_OPD, DEMO_UNIT):
                    if slot.role == UnitRole.HEAD:
                        demo = "supervisor"
                    elif slot.role == UnitRole.STAFF and plan.employee_index < 0:
                        demo = "employee"
                if slot.role == UnitRole.HEAD and slot.lead:
                    parent = head_index.get(spec.parent)
                    supervisor, level = parent, (0 if parent is None else 1)
                elif slot.role == UnitRole.HEAD:
                    supervisor, level = head_index[spec.code], 2
                else:
                    supervisor, level = unit_head, 3
                person = _person(
                    rng,
                    nips,
                    names,
                    slot,
                    pppk_share,
                    supervisor=supervisor,
                    level=level,
                    demo=demo,
                )
                plan.employees.append(person)
                index = len(plan.employees) - 1
                if slot.role == UnitRole.HEAD:
                    unit_head = index
                    if slot.lead:
                        head_index[spec.code] = index
                if demo == "supervisor":
                    plan.supervisor_index = index
                elif demo == "employee":
                    plan.employee_index = index
    return plan


def _person(
    rng: random.Random,
    nips: NipMaker,
    names: NameMaker,
    slot: _Slot,
    pppk_share: float,
    *,
    supervisor: int | None,
    level: int,
    demo: str,
) -> PlannedEmployee:
    spec, unit, role = slot.opd, slot.unit, slot.role
    part_time = role == UnitRole.STAFF and not demo and rng.random() < pppk_share * 0.09
    pppk = part_time or (role == UnitRole.STAFF and not demo and rng.random() < pppk_share)
    if role == UnitRole.HEAD:
        position = spec.head if slot.lead else unit.head or f"Kepala {unit.name}"
    elif role == UnitRole.DEPUTY:
        position = spec.deputy if slot.lead else unit.deputy or f"Koordinator {unit.name}"
    elif part_time:
        position = rng.choice(PART_TIME_STAFF)
    else:
        pool = unit.staff or spec.staff
        if unit.frontline and unit.staff:
            pool = unit.staff if rng.random() < 0.85 else spec.staff or GENERIC_STAFF
        elif rng.random() < 0.3:
            pool = GENERIC_STAFF if not slot.lead else spec.staff or GENERIC_STAFF
        position = rng.choice(pool or GENERIC_STAFF)
    if demo:
        gender = "L" if demo == "supervisor" else "P"
    else:
        gender = "L" if rng.random() < male_share(position) else "P"

    if pppk:
        birth = nips.birth(1968, 2001)
        nip, active_from = nips.pppk(birth, gender, part_time=part_time)
    else:
        years, ages = {
            0: ((1966, 1978), (22, 30)),
            1: ((1966, 1982), (22, 32)),
            2: ((1968, 1985), (21, 32)),
        }.get(level, ((1966, 2001), (19, 35)))
        if role == UnitRole.DEPUTY:
            years = (1968, 1990)
        birth = nips.birth(*years)
        nip, active_from = nips.pns(birth, gender, age_range=ages)

    plain = names.name(gender)
    health = spec.kind in (OpdKind.RSUD, OpdKind.PUSKESMAS) or spec.code == "DINKES"
    name = with_degree(rng, plain, position, role, spec.kind, health=health)
    if demo == "supervisor":
        name = DEMO_SUPERVISOR_NAME
    elif demo == "employee":
        name, position = DEMO_EMPLOYEE_NAME, "Pranata Komputer Ahli Muda"

    person = PlannedEmployee(
        nip=nip,
        name=name,
        asn_type=AsnType.PPPK if pppk else AsnType.PNS,
        opd=spec.code,
        unit=unit.code,
        position=position,
        unit_role=role,
        supervisor=supervisor,
        level=level,
        active_from=active_from,
        part_time=part_time,
    )
    roll = rng.random()
    if not demo and level >= 2:
        if roll < 0.02:
            person.wfh_eligible = False
            person.ineligible_reason = IneligibleReason.DISCIPLINARY
        elif roll < 0.05:
            person.wfh_eligible = False
            person.ineligible_reason = IneligibleReason.NEW_IN_POST
            person.new_in_post_since = dt.date(2025, 1, 2) + dt.timedelta(days=rng.randrange(300))
    if demo or rng.random() < 0.45:
        person.email = names.email(name)
    if demo or rng.random() < 0.55:
        person.phone = names.phone()
    return person


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    description: str


@dataclass(frozen=True)
class DemoResult:
    seed: int
    password: str
    opds: int
    opds_by_kind: dict[str, int]
    units: int
    frontline_units: int
    employees: int
    pns: int
    pppk: int
    pppk_part_time: int
    placements: int
    accounts: tuple[DemoAccount, ...]


def _batches(items: Sequence, size: int = BATCH) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def seed_demo(*, employees: int, seed: int, password: str) -> DemoResult:
    """Write the demo city into an empty registry, with the five demo logins.

    A few dozen queries whatever the headcount: bulk inserts in batches of 5,000, supervisors
    inserted after the people they report to, one placements_sync at the end.
    """
    if Opd.objects.exists():
        raise DemoError("Registri sudah berisi OPD; kosongkan dulu (reset_registry).")
    plan = build_plan(employees=employees, seed=seed)
    users = _demo_users(password)

    opd_ids: dict[str, int] = {}
    for with_parent in (False, True):  # parents first
        rows = [
            Opd(
                code=o.code,
                name=o.name,
                kind=o.kind,
                parent_id=opd_ids[o.parent] if o.parent else None,
                latitude=o.latitude,
                longitude=o.longitude,
                radius_m=o.radius_m,
                time_zone="Asia/Jakarta",
            )
            for o in plan.opds
            if bool(o.parent) == with_parent
        ]
        for row in Opd.objects.bulk_create(rows, batch_size=BATCH):
            opd_ids[row.code] = row.pk

    unit_rows = Unit.objects.bulk_create(
        [
            Unit(
                opd_id=opd_ids[u.opd],
                code=u.code,
                name=u.name,
                frontline=u.frontline,
                min_onsite=u.min_onsite,
            )
            for u in plan.units
        ],
        batch_size=BATCH,
    )
    unit_ids = {(u.opd, u.code): row.pk for u, row in zip(plan.units, unit_rows, strict=True)}

    colleague_index = demo_colleague(plan)
    user_of = {
        plan.supervisor_index: users[SUPERVISOR_USERNAME].pk,
        plan.employee_index: users[EMPLOYEE_USERNAME].pk,
        colleague_index: users[COLLEAGUE_USERNAME].pk,
    }
    ids: list[int | None] = [None] * len(plan.employees)
    for level in range(4):
        indexes = [i for i, p in enumerate(plan.employees) if p.level == level]
        for batch in _batches(indexes):
            rows = Employee.objects.bulk_create(
                [
                    _employee_row(plan.employees[i], opd_ids, unit_ids, ids, user_of.get(i))
                    for i in batch
                ]
            )
            for i, row in zip(batch, rows, strict=True):
                ids[i] = row.pk

    Opd.objects.get(pk=opd_ids[DEMO_OPD]).admins.add(users[OPD_ADMIN_USERNAME])
    placements = placements_sync(effective=PLACEMENTS_FROM)["opened"]

    types = Counter(p.asn_type for p in plan.employees)
    supervisor = plan.employees[plan.supervisor_index]
    employee = plan.employees[plan.employee_index]
    colleague = plan.employees[colleague_index]
    User.objects.filter(pk=users[COLLEAGUE_USERNAME].pk).update(
        first_name=colleague.name.split(",")[0][:150]
    )
    team = sum(1 for p in plan.employees if p.supervisor == plan.supervisor_index)
    return DemoResult(
        seed=seed,
        password=password,
        opds=len(plan.opds),
        opds_by_kind=dict(Counter(o.kind for o in plan.opds)),
        units=len(plan.units),
        frontline_units=sum(u.frontline for u in plan.units),
        employees=len(plan.employees),
        pns=types[AsnType.PNS],
        pppk=types[AsnType.PPPK],
        pppk_part_time=sum(p.part_time for p in plan.employees),
        placements=placements,
        accounts=(
            DemoAccount(HR_USERNAME, str(Role.HR.label), "BKPSDM: melihat semua OPD"),
            DemoAccount(OPD_ADMIN_USERNAME, str(Role.OPD_ADMIN.label), f"admin OPD {DEMO_OPD}"),
            DemoAccount(
                SUPERVISOR_USERNAME,
                str(Role.SUPERVISOR.label),
                f"{supervisor.name}, {supervisor.position} ({team} bawahan), NIP {supervisor.nip}",
            ),
            DemoAccount(
                EMPLOYEE_USERNAME,
                str(Role.EMPLOYEE.label),
                f"{employee.name}, {employee.position}, NIP {employee.nip}",
            ),
            DemoAccount(
                COLLEAGUE_USERNAME,
                str(Role.EMPLOYEE.label),
                f"rekan satu unit {EMPLOYEE_USERNAME} yang menyetujui atau menolak permintaan "
                "tukar jadwalnya",
            ),
        ),
    )


def demo_colleague(plan: DemoPlan) -> int:
    """The colleague of the demo employee who gets the rekan.demo login: the first other staff
    member of the same unit under the same supervisor who may work from home, full-time. Chosen
    after planning, so the rest of the demo city is the same with or without this login."""
    employee = plan.employees[plan.employee_index]
    for index, person in enumerate(plan.employees):
        if (
            index != plan.employee_index
            and person.opd == employee.opd
            and person.unit == employee.unit
            and person.unit_role == UnitRole.STAFF
            and person.supervisor == employee.supervisor
            and person.wfh_eligible
            and not person.part_time
        ):
            return index
    raise DemoError(f"Unit {DEMO_UNIT} tidak punya rekan untuk {EMPLOYEE_USERNAME}.")


def _employee_row(p: PlannedEmployee, opd_ids, unit_ids, ids, user_id) -> Employee:
    return Employee(
        nip=p.nip,
        name=p.name,
        asn_type=p.asn_type,
        opd_id=opd_ids[p.opd],
        unit_id=unit_ids[(p.opd, p.unit)],
        position=p.position,
        unit_role=p.unit_role,
        supervisor_id=None if p.supervisor is None else ids[p.supervisor],
        wfh_eligible=p.wfh_eligible,
        ineligible_reason=p.ineligible_reason,
        new_in_post_since=p.new_in_post_since,
        email=p.email,
        phone=p.phone,
        active_from=p.active_from,
        user_id=user_id,
    )


DEMO_USERS = (
    (HR_USERNAME, Role.HR, "Hana", "Rahmawati (HR Demo)"),
    (OPD_ADMIN_USERNAME, Role.OPD_ADMIN, "Dimas", "Pratama (Admin OPD Demo)"),
    (SUPERVISOR_USERNAME, Role.SUPERVISOR, "Rudi", "Hartono (Atasan Demo)"),
    (EMPLOYEE_USERNAME, Role.EMPLOYEE, "Sari", "Wulandari (Pegawai Demo)"),
    (COLLEAGUE_USERNAME, Role.EMPLOYEE, "Rekan", "(Rekan Demo)"),
)


def _demo_users(password: str) -> dict[str, User]:
    """The five demo logins, created or brought back to their demo role and password."""
    usernames = [username for username, *_ in DEMO_USERS]
    taken = User.objects.filter(username__in=usernames, is_superuser=True)
    if taken.exists():
        raise DemoError(
            f"Superuser {', '.join(u.username for u in taken)} memakai nama akun demo; "
            "ganti namanya dulu."
        )
    hashed = make_password(password)  # hashed once, shared by the five
    users = {}
    for username, role, first, last in DEMO_USERS:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "role": role,
                "first_name": first,
                "last_name": last,
                "email": f"{username}@{EMAIL_DOMAIN}",
                "password": hashed,
                "is_active": True,
                "is_staff": role == Role.HR,  # HR are the admin power users
                "is_superuser": False,
            },
        )
        users[username] = user
    return users


@transaction.atomic
def reset_registry() -> dict[str, int]:
    """Delete the registry's placements, employees, units and OPDs and every non-superuser.

    Rows that hang off them (rosters, assignments, schedules) go with them by their cascades.
    Returns how many of each were deleted.
    """
    deleted = {"placements": Placement.objects.all().delete()[0]}
    deleted["employees"] = Employee.objects.all().delete()[1].get(Employee._meta.label, 0)
    deleted["units"] = Unit.objects.all().delete()[1].get(Unit._meta.label, 0)
    deleted["opds"] = 0
    while Opd.objects.exists():  # children before parents: Opd.parent is protected
        leaves = Opd.objects.filter(children__isnull=True)
        removed = leaves.delete()[1].get(Opd._meta.label, 0)
        if not removed:  # parents that point at each other: cut the links, then delete
            Opd.objects.update(parent=None)
        deleted["opds"] += removed
    deleted["users"] = User.objects.filter(is_superuser=False).delete()[1].get(User._meta.label, 0)
    return deleted
