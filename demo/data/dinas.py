"""The dinas of the demo city, modelled on Kota Bekasi (shared/reference/kota-bekasi.md), each with
its units and the typical positions of their staff; demo/data/opds.py puts them in the city's order
between the secretariats and the badan.
"""

from __future__ import annotations

from demo.specs import (
    OpdSpec,
    bidang,
    dinas,
    frontline,
    items,
    sekretariat,
)
from opd.models import OpdKind

# where the demo logins work: opd.demo administers the OPD, atasan.demo heads the unit
DEMO_OPD = "DISKOMINFOSTANDI"
DEMO_UNIT = "BID-APTIKA"

DINAS: tuple[OpdSpec, ...] = (
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
)
