"""The roster services' refusals in the reader's language: each message is a gettext msgid with
named placeholders, worded (dates included) in the language active when it is raised."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from wfh.models import PatternKind, Phase, Programme
from wfh.rosters import generation, options

D = dt.date
SATURDAY = D(2025, 11, 8)


@pytest.fixture
def phase(world):
    """A phase of November 2025 that covers DISDUKCAPIL only."""
    programme = Programme.objects.create(slug="uji-pesan", name="Uji pesan")
    phase = Phase.objects.create(
        programme=programme,
        slug="uji-tahap",
        name="Tahap uji",
        start=D(2025, 11, 3),
        end=D(2025, 11, 28),
        pattern=PatternKind.WEEKDAY,
        wfh_weekdays=[3],
    )
    phase.opds.set([world.dukcapil])
    return phase


def refusal(call) -> str:
    """The one message of the ValidationError (or PermissionDenied) that `call` raises."""
    with pytest.raises((ValidationError, PermissionDenied)) as caught:
        call()
    if isinstance(caught.value, ValidationError):
        (message,) = caught.value.messages
    else:
        message = str(caught.value)
    assert type(message) is str  # formatted at raise time, not a lazy proxy
    return message


def outside_phase(world, phase):
    return generation.rosters_start(phase=phase, opds=[world.kominfo])


def regenerate_after_phase(world, phase):
    return generation.rosters_start(
        phase=phase, opds=[world.dukcapil], regenerate_from=D(2025, 12, 1)
    )


def day_off_on_weekend(world, phase):
    return options.local_day_off_add(user=world.hr, day=SATURDAY, name="Hari jadi kota")


def decide_without_application(world, phase):
    return options.optional_weekday_decide(
        phase=phase, opd=world.kominfo, user=world.hr, approve=True
    )


def start_for_an_opd_not_managed(world, phase):
    return generation.rosters_start(phase=phase, opds=[world.dukcapil], user=world.opd_admin)


CASES = [
    (
        outside_phase,
        "Tahap uji-tahap tidak mencakup OPD DISKOMINFO.",
        "Phase uji-tahap does not cover OPD DISKOMINFO.",
    ),
    (
        regenerate_after_phase,
        "Tanggal buat ulang Senin, 1 Desember 2025 di luar tahap "
        "(Senin, 3 November 2025 s.d. Jumat, 28 November 2025).",
        "The regeneration date Monday, 1 December 2025 is outside the phase "
        "(Monday, 3 November 2025 to Friday, 28 November 2025).",
    ),
    (
        day_off_on_weekend,
        "Sabtu, 8 November 2025 jatuh pada akhir pekan: sudah bukan hari kerja.",
        "Saturday, 8 November 2025 falls on a weekend: it is not a working day anyway.",
    ),
    (
        decide_without_application,
        "OPD DISKOMINFO belum mengajukan hari WFH tambahan.",
        "OPD DISKOMINFO has not applied for an extra WFH day.",
    ),
    (
        start_for_an_opd_not_managed,
        "Anda tidak mengelola OPD DISDUKCAPIL.",
        "You do not manage OPD DISDUKCAPIL.",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("call", "indonesian"), [(c, i) for c, i, _e in CASES], ids=[c[0].__name__ for c in CASES]
)
def test_refusals_are_worded_in_indonesian(world, phase, call, indonesian):
    with translation.override("id"):
        assert refusal(lambda: call(world, phase)) == indonesian


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("call", "english"),
    [(c, e) for c, _i, e in CASES],
    ids=[c[0].__name__ for c in CASES],
)
def test_refusals_are_worded_in_english(world, phase, call, english):
    with translation.override("en"):
        assert refusal(lambda: call(world, phase)) == english


@pytest.mark.django_db
def test_a_refusal_is_worded_in_the_language_of_the_call_not_of_the_first_call(world, phase):
    """Formatted at raise time (gettext, not gettext_lazy): each call words its own message."""
    with translation.override("en"):
        english = refusal(lambda: outside_phase(world, phase))
    with translation.override("id"):
        indonesian = refusal(lambda: outside_phase(world, phase))
    assert english.startswith("Phase ") and indonesian.startswith("Tahap ")
