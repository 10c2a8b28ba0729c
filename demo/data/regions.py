"""The demo city's regions: 12 kecamatan with their 56 kelurahan (and where each sits), the
puskesmas named after a kelurahan, and the units of a kecamatan, a kelurahan and a puskesmas."""

from __future__ import annotations

from demo.data.positions import SEKRETARIAT_STAFF
from demo.specs import UnitSpec, frontline, items, seksi

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
