import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opd.nip import PNS, PPPK, NipError, format_nip, parse_nip


def pns_nip(birth: dt.date, start_year: int, start_month: int, gender: int, serial: int) -> str:
    return f"{birth:%Y%m%d}{start_year:04d}{start_month:02d}{gender}{serial:03d}"


def pppk_nip(birth: dt.date, year: int, code: int, gender: int, serial: int) -> str:
    return f"{birth:%Y%m%d}{year:04d}{code:02d}{gender}{serial:03d}"


births = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2000, 12, 31))


@given(
    birth=births,
    offset=st.integers(min_value=19, max_value=40),
    month=st.integers(1, 12),
    gender=st.sampled_from([1, 2]),
    serial=st.integers(1, 999),
)
def test_every_well_formed_pns_nip_parses_back_to_its_parts(birth, offset, month, gender, serial):
    nip = pns_nip(birth, birth.year + offset, month, gender, serial)
    info = parse_nip(nip)
    assert info.asn_type == PNS
    assert info.birth_date == birth
    assert (info.start_year, info.start_month) == (birth.year + offset, month)
    assert info.gender == ("L" if gender == 1 else "P")
    assert info.serial == serial


@given(
    birth=births,
    offset=st.integers(min_value=19, max_value=40),
    code=st.integers(21, 99),
    gender=st.sampled_from([1, 2]),
    serial=st.integers(1, 999),
)
def test_every_well_formed_pppk_number_parses_as_pppk(birth, offset, code, gender, serial):
    info = parse_nip(pppk_nip(birth, birth.year + offset, code, gender, serial))
    assert info.asn_type == PPPK
    assert info.pppk_code == code
    assert info.start_month is None


@given(nip=st.text(alphabet="0123456789", min_size=0, max_size=30).filter(lambda s: len(s) != 18))
def test_a_nip_of_the_wrong_length_is_rejected_naming_the_length(nip):
    with pytest.raises(NipError) as err:
        parse_nip(nip)
    assert err.value.part in {"panjang", "NIP"}


@given(code=st.integers(13, 20))
def test_digits_13_14_between_13_and_20_are_neither_month_nor_pppk_code(code):
    with pytest.raises(NipError) as err:
        parse_nip(f"19850330{2010:04d}{code:02d}1001")
    assert err.value.part == "bulan TMT CPNS / kode PPPK"


@pytest.mark.parametrize(
    ("nip", "part"),
    [
        ("19850230200312 1002".replace(" ", ""), "tanggal lahir"),  # 30 February
        ("198513012003121002", "tanggal lahir"),  # month 13
        ("198503302003123002", "jenis kelamin"),
        ("198503302003121000", "nomor urut"),
        ("198503301990121002", "tahun pengangkatan"),  # CPNS at age 5
        ("18850330200312100A", "NIP"),
    ],
)
def test_each_bad_part_is_named(nip, part):
    with pytest.raises(NipError) as err:
        parse_nip(nip)
    assert err.value.part == part


def test_start_in_the_future_is_rejected_when_today_is_known():
    with pytest.raises(NipError):
        parse_nip("199001012030011001", today=dt.date(2026, 1, 1))
    assert parse_nip("199001012020011001", today=dt.date(2026, 1, 1)).start_year == 2020


def test_spaces_in_the_printed_form_are_accepted_and_format_round_trips():
    assert parse_nip("19850330 200312 1 002").nip == "198503302003121002"
    assert format_nip("198503302003121002") == "19850330 200312 1 002"


@pytest.mark.parametrize(
    "nip", ["１９８５０３３０２００３１２１００２", "198503302003121٠٠٢", "19850330200312100²"]
)
def test_only_ascii_digits_make_a_nip_and_other_digits_are_an_error_not_a_crash(nip):
    with pytest.raises(NipError) as err:
        parse_nip(nip)
    assert err.value.part == "NIP"


def test_no_break_spaces_and_tabs_in_a_pasted_nip_are_ignored():
    assert parse_nip("19850330\xa0200312\xa01\t002").nip == "198503302003121002"
