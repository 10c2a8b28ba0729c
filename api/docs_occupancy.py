"""OpenAPI text and examples of the occupancy forecast endpoint."""

from drf_spectacular.utils import OpenApiExample

OCCUPANCY_DESCRIPTION = (
    "Perkiraan orang di kantor per gedung dan zona pada tanggal `date`, dari jadwal terbit: "
    "WFO dan piket, dikurangi yang cuti, dibanding kursi. `building` (kode gedung) membatasi ke "
    "satu gedung. Klien yang dibatasi ke OPD melihat gedung yang menampung OPD itu. "
    "`published` false berarti jadwal belum terbit (onsite 0 bukan berarti kosong). "
    "Jawaban membawa ETag."
)

OCCUPANCY_EXAMPLES = [
    OpenApiExample(
        "Satu gedung pada hari Kamis",
        value={
            "date": "2025-12-04",
            "buildings": [
                {
                    "code": "PEMKOT",
                    "name": "Kompleks Kantor Pemerintah Kota Bekasi",
                    "capacity": 160,
                    "onsite": 21,
                    "published": True,
                    "nearly_empty": True,
                    "zones": [
                        {
                            "code": "L1",
                            "name": "Lantai 1",
                            "floor": "1",
                            "capacity": 60,
                            "onsite": 18,
                            "always_on": True,
                            "nearly_empty": False,
                        },
                        {
                            "code": "L2",
                            "name": "Lantai 2",
                            "floor": "2",
                            "capacity": 100,
                            "onsite": 3,
                            "always_on": False,
                            "nearly_empty": True,
                        },
                    ],
                }
            ],
        },
        response_only=True,
    )
]
