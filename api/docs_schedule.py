"""OpenAPI descriptions and examples of the published schedule and the work calendar."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

SCHEDULE_EXAMPLES = [
    OpenApiExample(
        "Jadwal Kamis",
        response_only=True,
        value={
            "count": 2,
            "next": None,
            "previous": None,
            "results": [
                {
                    "nip": "198503122010011001",
                    "name": "Budi Santoso",
                    "unit": "SEK",
                    "unit_name": "Sekretariat",
                    "mode": "WFO",
                },
                {
                    "nip": "199001012015032002",
                    "name": "Sari Dewi",
                    "unit": "TIK",
                    "unit_name": "Bidang TIK",
                    "mode": "WFH",
                },
            ],
        },
    )
]

EMPLOYEE_SCHEDULE_EXAMPLES = [
    OpenApiExample(
        "Satu pegawai, satu minggu",
        response_only=True,
        value={
            "count": 2,
            "next": None,
            "previous": None,
            "results": [
                {"date": "2025-12-01", "mode": "WFO", "opd": "DISKOMINFO", "unit": "TIK"},
                {"date": "2025-12-04", "mode": "WFH", "opd": "DISKOMINFO", "unit": "TIK"},
            ],
        },
    )
]


CALENDAR_DESCRIPTION = (
    "Setiap hari kerja tahun `year` (2000–2100, wajib) dan setiap hari libur selain Sabtu dan "
    "Minggu: libur nasional (`holiday`), cuti bersama (`cuti_bersama`) dan libur lokal Pemda "
    "(`local`), dengan namanya. Satu tanggal dapat muncul lebih dari sekali (mis. libur lokal "
    "pada cuti bersama). Dengan `opd`: hari kerja OPD itu dan libur lokal yang berlaku baginya. "
    "Tanpa `opd`: hari kerja menurut libur nasional dan libur lokal untuk semua OPD, dan setiap "
    "libur lokal beserta OPD-nya (`opds` kosong = semua OPD; libur lokal OPD tertentu tidak "
    "mengurangi `working_days` tanpa `opd`; klien yang dibatasi hanya melihat libur lokal yang "
    "berlaku bagi OPD-nya). Sesi peramban: OPD yang jadwalnya boleh dibaca (atasan: OPD "
    "timnya); `opd` di luar itu dijawab 400. "
    "Jawaban membawa ETag: kirim `If-None-Match` untuk mendapat 304 bila tidak berubah."
)
CALENDAR_EXAMPLES = [
    OpenApiExample(
        "Tahun 2026 untuk satu OPD (dipersingkat)",
        response_only=True,
        value={
            "year": 2026,
            "opd": "DISKOMINFO",
            "working_day_count": 242,
            "working_days": ["2026-01-02", "2026-01-05", "2026-01-06"],
            "days_off": [
                {"date": "2026-01-01", "kind": "holiday", "name": "Tahun Baru Masehi", "opds": []},
                {
                    "date": "2026-03-20",
                    "kind": "cuti_bersama",
                    "name": "Cuti Bersama Hari Raya Idul Fitri",
                    "opds": [],
                },
                {
                    "date": "2026-03-10",
                    "kind": "local",
                    "name": "HUT Kota Bekasi",
                    "opds": [],
                },
            ],
        },
    )
]
