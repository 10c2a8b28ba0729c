"""The OPDs of the demo city, modelled on Kota Bekasi (shared/reference/kota-bekasi.md): Setda with
its bagian, Setwan, Inspektorat, the dinas and badan, RSUD dr. Chasbullah Abdulmadjid and two UPTD
under their dinas, each with its units and the typical positions of their staff. Frontline units
(never WFH) are the ones the reference names. The kecamatan, kelurahan and puskesmas are in
demo/data/regions.py.
"""

from __future__ import annotations

from demo.data.positions import SEKRETARIAT_STAFF
from demo.specs import (
    OpdSpec,
    UnitSpec,
    badan,
    bagian,
    bidang,
    dinas,
    frontline,
    items,
    sekretariat,
)
from opd.models import OpdKind

CITY_HALL = (-6.2383, 106.9756)
LAT_RANGE = (-6.37, -6.18)
LON_RANGE = (106.90, 107.03)

# where the demo logins work: opd.demo administers the OPD, atasan.demo heads the unit
DEMO_OPD = "DISKOMINFOSTANDI"
DEMO_UNIT = "BID-APTIKA"

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
