"""OpenAPI descriptions and examples of the declared days and the individual WFH orders."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from api import docs
from api.serializers import ErrorSerializer

_DECLARED = {
    "id": 7,
    "start": "2026-03-16",
    "end": "2026-03-17",
    "mode": "WFA",
    "reference": "SE MenPANRB 2/2026",
    "title": "WFA nasional",
    "share": None,
    "opds": [],
    "exempt_opds": ["DISHUB"],
    "exempt_kinds": ["puskesmas"],
    "exempt_units": [],
    "frontline_units": [],
    "status": "active",
    "affected_employees": 11840,
    "created_at": "2026-03-12T10:02:11+07:00",
    "revoked_at": None,
}

DECLARED_LIST_DESCRIPTION = (
    "Hari yang ditetapkan BKPSDM sebagai WFA/WFH (mis. WFA nasional, rotasi Lebaran), terbaru "
    "dahulu, yang berlaku maupun yang dicabut. `opds` kosong berarti semua OPD aktif; unit "
    "layanan langsung selalu dikecualikan kecuali disebut di `frontline_units`. `share` kosong: "
    "semua pegawai yang boleh WFH; 0.5: rotasi separuh pegawai dengan minimal di kantor tiap unit "
    "dan giliran yang adil. Klien yang dibatasi ke OPD hanya melihat penetapan yang mencakup "
    "OPD-nya."
)
DECLARED_CREATE_DESCRIPTION = (
    "Tetapkan hari: `start`, `end` (ISO), `reference` (nomor surat edaran, wajib), opsional "
    "`mode` (`WFA` bawaan, atau `WFH`), `title`, `share` (0.01-1, mis. 0.5), `opds`, "
    "`exempt_opds` (kode OPD), `exempt_kinds` (jenis OPD, mis. `puskesmas`, `rsud`), "
    "`exempt_units`, `frontline_units` (`KODE-OPD/KODE-UNIT`). Jadwal terbit hari-hari itu "
    "ditulis ulang (hari yang sudah lewat tidak) dan pegawai yang terdampak menerima surel. "
    'Dengan `"dry_run": true` jawabannya pratinjau (200) tanpa menyimpan apa pun; tanpa itu 201 '
    "dengan penetapannya. 400 menyebut isian yang salah. Hanya HR (sesi) atau klien "
    "`roster:write` yang tidak dibatasi ke OPD."
)
DECLARED_EXAMPLES = [
    OpenApiExample("Daftar penetapan", response_only=True, value=docs.page_of(_DECLARED)),
]
DECLARED_CREATE_EXAMPLES = [
    OpenApiExample(
        "WFA nasional dua hari, Dishub dan puskesmas dikecualikan",
        request_only=True,
        value={
            "start": "2026-03-16",
            "end": "2026-03-17",
            "reference": "SE MenPANRB 2/2026",
            "exempt_opds": ["DISHUB"],
            "exempt_kinds": ["puskesmas"],
        },
    ),
    OpenApiExample(
        "Rotasi Lebaran 50%",
        request_only=True,
        value={
            "start": "2025-03-24",
            "end": "2025-03-28",
            "reference": "SE 800.1.5/1446/BKPSDM.PKA",
            "share": 0.5,
            "exempt_opds": ["DISHUB", "SATPOLPP", "BPBD"],
            "exempt_kinds": ["rsud", "puskesmas", "kecamatan", "kelurahan"],
        },
    ),
    OpenApiExample("Ditetapkan", response_only=True, status_codes=["201"], value=_DECLARED),
]
DECLARED_BAD_REQUEST = OpenApiResponse(
    ErrorSerializer,
    description="Isian yang salah, masing-masing disebut namanya.",
    examples=[
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {
                "share": [
                    "Porsi separuh tidak dikenal: tulis angka antara 0,01 dan 1 (mis. 0,5 "
                    "atau 50%), atau kosongkan untuk semua pegawai."
                ]
            },
            summary="Porsi salah",
        ),
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {"exempt_opds": ["OPD tidak dikenal: DISHUBB."]},
            summary="OPD tidak dikenal",
        ),
    ],
)
DECLARED_REVOKE_DESCRIPTION = (
    "Cabut penetapan: hari yang belum lewat kembali mengikuti jadwal tahap (lalu perintah WFH dan "
    "penetapan lain yang masih berlaku), pegawai yang terdampak menerima surel. Jawaban 200: "
    "penetapan (`status` = `revoked`) dengan `restored_rows`. 409 bila sudah dicabut."
)
DECLARED_REVOKE_EXAMPLES = [
    OpenApiExample(
        "Dicabut",
        response_only=True,
        value={**_DECLARED, "status": "revoked", "restored_rows": 23680},
    )
]

_ORDER = {
    "id": 3,
    "opd": "DISKOMINFO",
    "number": "800/12/DISKOMINFO/2026",
    "reason": "banjir",
    "note": "Perumahan terendam",
    "start": "2026-02-23",
    "end": "2026-02-25",
    "nips": ["198503302010011002"],
    "departures": [
        "Batas mingguan: Sari Staf sudah 2 hari WFH pada minggu Senin, 23 Februari 2026 "
        "(maksimal 2)."
    ],
    "departure_reason": "Akses jalan terputus banjir",
    "status": "active",
    "created_at": "2026-02-22T19:40:00+07:00",
    "revoked_at": None,
}
ORDER_LIST_DESCRIPTION = (
    "Perintah WFH individual OPD dalam cakupan pemanggil: pegawai (`nips`), tanggal, alasan "
    "(`banjir`, `tugas_khusus`, `kesehatan`, `lainnya`), nomor surat, batas yang dilampaui "
    "(`departures`) dan alasan penyimpangannya."
)
ORDER_CREATE_DESCRIPTION = (
    "Keluarkan perintah: `opd`, `nips`, `start`, `end`, `number`, `reason`, opsional `note` dan "
    "`departure_reason`. Batas mingguan, minimal di kantor tiap unit dan rasio rotasi diperiksa "
    "pada jadwal terbit; perintah yang melampauinya ditolak (400 pada `departure_reason`, dengan "
    "batas-batasnya) kecuali `departure_reason` diisi. Hari yang sudah lewat, cuti dan hari yang "
    "ditetapkan tidak diubah. 201 dengan perintahnya. Admin OPD untuk OPD-nya, HR untuk semua; "
    "klien `roster:write` untuk OPD dalam cakupannya."
)
ORDER_EXAMPLES = [OpenApiExample("Daftar perintah", response_only=True, value=docs.page_of(_ORDER))]
ORDER_CREATE_EXAMPLES = [
    OpenApiExample(
        "Perintah karena banjir",
        request_only=True,
        value={
            "opd": "DISKOMINFO",
            "nips": ["198503302010011002"],
            "start": "2026-02-23",
            "end": "2026-02-25",
            "number": "800/12/DISKOMINFO/2026",
            "reason": "banjir",
            "departure_reason": "Akses jalan terputus banjir",
        },
    ),
    OpenApiExample("Dikeluarkan", response_only=True, status_codes=["201"], value=_ORDER),
]
ORDER_BAD_REQUEST = OpenApiResponse(
    ErrorSerializer,
    description="Isian yang salah, atau batas dilampaui tanpa alasan penyimpangan.",
    examples=[
        docs.error_example(
            "validation_error",
            "Ada isian yang salah; lihat errors.",
            {
                "departure_reason": [
                    "Perintah ini melampaui batas: Batas mingguan: Sari Staf sudah 2 hari WFH "
                    "pada minggu Senin, 23 Februari 2026 (maksimal 2). Tuliskan alasan "
                    "penyimpangan bila perintah tetap dikeluarkan."
                ]
            },
            summary="Melampaui batas mingguan",
        )
    ],
)
ORDER_REVOKE_DESCRIPTION = (
    "Cabut perintah: hari yang belum lewat kembali mengikuti jadwal tahap; pegawai menerima "
    "surel. 200 dengan `restored_rows`; 409 bila sudah dicabut."
)
ORDER_REVOKE_EXAMPLES = [
    OpenApiExample(
        "Dicabut", response_only=True, value={**_ORDER, "status": "revoked", "restored_rows": 3}
    )
]
REVOKE_CONFLICT = OpenApiResponse(
    ErrorSerializer,
    description="Sudah dicabut sebelumnya.",
    examples=[docs.error_example("conflict", "Penetapan ini sudah dicabut.", {}, summary="Sudah")],
)
