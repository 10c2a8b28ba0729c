"""The words HR writes by hand in the organisation files, as data: one place to add a variant.

Each list is matched on whole words after lowercasing and turning punctuation into spaces
(opd.importing.free_text), so "Baru MUTASI, sejak 1/10/2025" finds "mutasi". NIPs and codes are
never read through these lists: they stay strict.
"""

from __future__ import annotations

# yes/no columns (wfh_eligible, frontline, active): the whole cell, lowercased
YES = ("ya", "y", "yes", "true", "1", "benar", "iya", "boleh", "bisa", "ok", "v", "✓", "aktif")
NO = (
    "tidak",
    "t",
    "no",
    "n",
    "false",
    "0",
    "bukan",
    "salah",
    "tdk",
    "tak",
    "tidak boleh",
    "tidak bisa",
    "nonaktif",
    "tidak aktif",
)

# role in the unit: the first list whose phrase appears in the cell wins (deputy before head,
# so "Wakil Kepala" is a deputy)
ROLE_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("deputy", ("deputy", "wakil", "pengganti", "plh", "wakil ketua", "wakil kepala")),
    (
        "head",
        (
            "head",
            "kepala",
            "ketua",
            "ketua tim",
            "koordinator",
            "kabid",
            "kabag",
            "kasubbag",
            "kasubag",
            "kasubbid",
            "kasi",
            "kasie",
            "kepala seksi",
            "kepala bidang",
            "kepala bagian",
        ),
    ),
    (
        "staff",
        ("staff", "staf", "pelaksana", "anggota", "anggota tim", "fungsional", "pegawai"),
    ),
)

# ineligible_reason: the first reason whose phrase appears wins (disciplinary before new in
# post, so "mutasi karena hukdis" is disciplinary); each phrase may name the cause as well
REASON_PHRASES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "disciplinary",
        (
            ("disciplinary", ""),
            ("hukuman disiplin", ""),
            ("hukuman_disiplin", ""),
            ("hukdis", ""),
            ("sanksi disiplin", ""),
            ("sanksi", ""),
            ("sedang diperiksa", "examination"),
            ("diperiksa", "examination"),
            ("pemeriksaan", "examination"),
            ("proses disiplin", "examination"),
        ),
    ),
    (
        "new_in_post",
        (
            ("new_in_post", ""),
            ("new in post", ""),
            ("baru_menjabat", ""),
            ("baru menjabat", ""),
            ("baru menduduki jabatan", ""),
            ("baru dilantik", "promotion"),
            ("mutasi", "transfer"),
            ("pindah tugas", "transfer"),
            ("pindahan", "transfer"),
            ("alih tugas", "transfer"),
            ("rotasi", "rotation"),
            ("promosi", "promotion"),
            ("naik jabatan", "promotion"),
            ("cpns", "appointment"),
            ("pegawai baru", "appointment"),
            ("asn baru", "appointment"),
            ("pppk baru", "appointment"),
            ("p3k baru", "appointment"),
            ("baru diangkat", "appointment"),
        ),
    ),
    (
        "frontline",
        (
            ("frontline", ""),
            ("layanan langsung", ""),
            ("layanan_langsung", ""),
            ("pelayanan langsung", ""),
            ("pelayanan publik", ""),
            ("loket", ""),
        ),
    ),
    ("other", (("other", ""), ("lainnya", ""))),
)

# the exact values the template documents; a cell holding one of them is not "free text"
REASON_CODES = {
    "disciplinary",
    "hukuman_disiplin",
    "new_in_post",
    "baru_menjabat",
    "frontline",
    "layanan_langsung",
    "other",
    "lainnya",
}

# month names in dates written out ("1 Oktober 2025", "1 Okt 2025", "October 1, 2025")
MONTHS: dict[str, int] = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "pebruari": 2,
    "feb": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "agust": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}

# kind of a disciplinary sanction (import_sanctions): the first kind whose phrase appears wins
# (the examination first, so "sedang diperiksa" is not the moderate "sedang")
SANCTION_PHRASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "examination",
        ("examination", "pemeriksaan", "diperiksa", "proses", "dalam proses", "sedang diperiksa"),
    ),
    ("light", ("light", "ringan", "teguran", "pernyataan tidak puas")),
    ("moderate", ("moderate", "sedang", "pemotongan tunjangan", "potong tpp")),
    ("severe", ("severe", "berat", "penurunan jabatan", "pembebasan jabatan")),
)
