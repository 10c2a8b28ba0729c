"""The OPDs of the demo city, modelled on Kota Bekasi (shared/reference/kota-bekasi.md): Setda with
its bagian, Setwan, Inspektorat, the dinas and badan, RSUD dr. Chasbullah Abdulmadjid and two UPTD
under their dinas, each with its units and the typical positions of their staff. Frontline units
(never WFH) are the ones the reference names. The kecamatan, kelurahan and puskesmas are in
demo/data/regions.py.
"""

from __future__ import annotations

from demo.data.dinas import DINAS
from demo.data.positions import SEKRETARIAT_STAFF
from demo.specs import (
    OpdSpec,
    UnitSpec,
    badan,
    bagian,
    bidang,
    frontline,
    items,
    sekretariat,
)
from opd.models import OpdKind

CITY_HALL = (-6.2383, 106.9756)
LAT_RANGE = (-6.37, -6.18)
LON_RANGE = (106.90, 107.03)


# Setda, Setwan and Inspektorat first, the dinas (demo/data/dinas.py), then the badan and the RSUD:
# the order is the plan's, so the same seed gives the same city
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
    *DINAS,
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
