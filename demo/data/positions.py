"""Typical positions of the demo city's staff: of a secretariat, of any unit, of part-time PPPK
and of a kecamatan or kelurahan."""

SEKRETARIAT_STAFF = (
    "Analis Kepegawaian",
    "Pengelola Keuangan",
    "Bendahara Pengeluaran",
    "Perencana",
    "Arsiparis",
    "Pengadministrasi Umum",
    "Pengadministrasi Perkantoran",
    "Pranata Komputer",
    "Analis Pengelolaan Barang Milik Daerah",
    "Pengelola Layanan Operasional",
    "Pengemudi",
    "Pramu Bakti",
)
GENERIC_STAFF = (
    "Pengadministrasi Umum",
    "Pengolah Data",
    "Analis Kebijakan",
    "Penelaah Teknis Kebijakan",
    "Pranata Komputer",
    "Arsiparis",
    "Perencana",
    "Pranata Humas",
    "Pengadministrasi Perkantoran",
    "Pengelola Layanan Operasional",
)
PART_TIME_STAFF = (
    "Operator Layanan Operasional",
    "Pengelola Umum Operasional",
    "Penata Layanan Operasional",
)
REGION_STAFF = (
    "Pengadministrasi Pemerintahan",
    "Analis Pemerintahan",
    "Pengelola Layanan Kependudukan",
    "Analis Pembangunan",
    "Pengadministrasi Umum",
    "Operator Layanan Operasional",
)
