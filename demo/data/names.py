"""The people of the demo city: names of the naming traditions of Bekasi's staff, their gelar, which
positions are mostly held by women or men, phone prefixes and the e-mail domain."""

from __future__ import annotations

from demo.specs import NameGroup, w

EMAIL_DOMAIN = "bekasikota.go.id"

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
