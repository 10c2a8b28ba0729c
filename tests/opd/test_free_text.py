"""Hand-written cells of HR's spreadsheets, read with tolerance (opd.importing.free_text)."""

import datetime as dt

import pytest
from django.utils import translation

from opd.importing.cells import parse_role, parse_yes_no
from opd.importing.errors import CellError
from opd.importing.free_text import describe_reading, find_date, read_reason, read_role

D = dt.date


@pytest.fixture(autouse=True)
def _indonesian():
    with translation.override("id"):
        yield


@pytest.mark.parametrize(
    ("text", "reason", "cause", "since"),
    [
        ("baru mutasi sejak 2025-10-01", "new_in_post", "transfer", D(2025, 10, 1)),
        ("Rotasi 1 Oktober 2025", "new_in_post", "rotation", D(2025, 10, 1)),
        ("PROMOSI, dilantik 01/10/2025", "new_in_post", "promotion", D(2025, 10, 1)),
        ("CPNS formasi 2025", "new_in_post", "appointment", None),
        ("pegawai baru sejak Okt 2025", "new_in_post", "appointment", D(2025, 10, 1)),
        ("baru menjabat", "new_in_post", "", None),
        ("baru_menjabat", "new_in_post", "", None),
        ("Hukuman disiplin sedang", "disciplinary", "", None),
        ("hukdis", "disciplinary", "", None),
        ("sedang diperiksa inspektorat", "disciplinary", "examination", None),
        ("mutasi karena hukdis", "disciplinary", "", None),
        ("layanan langsung (loket)", "frontline", "", None),
        ("tugas belajar S2", "other", "", None),
    ],
)
def test_reasons_in_hrs_words(text, reason, cause, since):
    reading = read_reason(text)
    assert (reading.reason, reading.cause, reading.since) == (reason, cause, since)


def test_unknown_text_is_other_with_the_text_as_its_note():
    reading = read_reason("  tugas   belajar S2 ")
    assert (reading.reason, reading.note, reading.free) == ("other", "tugas belajar S2", True)
    assert describe_reading(reading) == "Tidak boleh WFH: Lainnya, keterangan: tugas belajar S2"


def test_an_exact_code_keeps_no_note():
    reading = read_reason("hukuman_disiplin")
    assert (reading.reason, reading.note, reading.free) == ("disciplinary", "", False)


def test_the_preview_says_since_and_until_for_a_move():
    text = describe_reading(read_reason("baru mutasi sejak 2025-10-01"))
    assert text == (
        "Tidak boleh WFH: Baru menduduki jabatan (mutasi), sejak 1 Oktober 2025, memenuhi syarat "
        "mulai 1 Oktober 2026"
    )


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("sejak 2025-10-01", D(2025, 10, 1)),
        ("sejak 1 Oktober 2025", D(2025, 10, 1)),
        ("01/10/2025", D(2025, 10, 1)),
        ("1-10-2025", D(2025, 10, 1)),
        ("October 1, 2025", D(2025, 10, 1)),
        ("mulai Agustus 2025", D(2025, 8, 1)),
        ("tanpa tanggal", None),
    ],
)
def test_dates_written_inside_the_text(text, day):
    assert find_date(text) == day


def test_a_date_not_in_the_calendar_is_refused():
    with pytest.raises(CellError, match="31/02/2025"):
        find_date("mutasi 31/02/2025")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Kepala Bidang TIK", "head"),
        ("kabid", "head"),
        ("Wakil Kepala", "deputy"),
        ("Plh", "deputy"),
        ("Pelaksana", "staff"),
        ("staf", "staff"),
    ],
)
def test_role_words(text, role):
    assert parse_role(text) == role


def test_an_unknown_role_is_still_refused():
    assert read_role("bendahara") is None
    with pytest.raises(CellError, match="bendahara"):
        parse_role("bendahara")


@pytest.mark.parametrize("text", ["ya", "Y", "yes", "TRUE", "1", "benar", "Iya", "boleh"])
def test_yes_variants(text):
    assert parse_yes_no(text, default=False) is True


@pytest.mark.parametrize("text", ["tidak", "T", "no", "false", "0", "bukan", "Tdk", "salah"])
def test_no_variants(text):
    assert parse_yes_no(text, default=True) is False


def test_an_unknown_yes_no_is_refused():
    with pytest.raises(CellError):
        parse_yes_no("mungkin", default=True)
