"""The one eligibility rule (opd.eligibility), pure: no database, no clock."""

import datetime as dt

from opd.eligibility import (
    APPOINTMENT,
    DISCIPLINARY,
    NEW_IN_POST,
    Facts,
    Sanction,
    add_months,
    eligibility_on,
    eligibility_periods,
)

D = dt.date
MONTHS = 12


def test_someone_moved_two_months_ago_is_not_eligible_until_the_period_ends():
    facts = Facts(appointed_on=D(2010, 3, 1), moves=((D(2026, 10, 1), "transfer"),))
    today = D(2026, 12, 1)  # two months after the move
    answer = eligibility_on(facts, today, months=MONTHS)
    assert not answer.eligible
    assert (answer.reason, answer.cause) == (NEW_IN_POST, "transfer")
    assert (answer.since, answer.until) == (D(2026, 10, 1), D(2027, 10, 1))
    assert not eligibility_on(facts, D(2027, 9, 30), months=MONTHS).eligible
    assert eligibility_on(facts, D(2027, 10, 1), months=MONTHS).eligible


def test_the_setting_of_months_moves_the_end():
    facts = Facts(moves=((D(2026, 10, 1), "rotation"),))
    assert eligibility_on(facts, D(2026, 12, 1), months=1).eligible
    assert eligibility_on(facts, D(2026, 12, 1), months=6).until == D(2027, 4, 1)


def test_a_new_hire_counts_from_the_appointment():
    facts = Facts(appointed_on=D(2026, 3, 1))
    answer = eligibility_on(facts, D(2026, 11, 5), months=MONTHS)
    assert (answer.eligible, answer.cause, answer.until) == (False, APPOINTMENT, D(2027, 3, 1))
    assert eligibility_on(facts, D(2027, 3, 1), months=MONTHS).eligible


def test_a_later_move_starts_a_new_period():
    facts = Facts(appointed_on=D(2025, 1, 1), moves=((D(2025, 6, 1), "promotion"),))
    answer = eligibility_on(facts, D(2025, 12, 1), months=MONTHS)
    assert (answer.cause, answer.since, answer.until) == ("promotion", D(2025, 6, 1), D(2026, 6, 1))


def test_a_sanction_bars_its_own_dates_only():
    facts = Facts(sanctions=(Sanction(D(2025, 11, 10), D(2025, 11, 21), "moderate"),))
    assert eligibility_on(facts, D(2025, 11, 9), months=MONTHS).eligible
    inside = eligibility_on(facts, D(2025, 11, 10), months=MONTHS)
    assert (inside.eligible, inside.reason, inside.until) == (False, DISCIPLINARY, D(2025, 11, 22))
    assert not eligibility_on(facts, D(2025, 11, 21), months=MONTHS).eligible
    assert eligibility_on(facts, D(2025, 11, 22), months=MONTHS).eligible


def test_an_open_examination_has_no_end():
    facts = Facts(sanctions=(Sanction(D(2025, 11, 10), None, "examination"),))
    answer = eligibility_on(facts, D(2026, 5, 1), months=MONTHS)
    assert (answer.eligible, answer.cause, answer.until) == (False, "examination", None)


def test_until_is_the_first_day_no_cause_covers():
    # a sanction that ends inside the new-in-post period: eligible only when both are over
    facts = Facts(
        moves=((D(2025, 6, 1), "transfer"),),
        sanctions=(Sanction(D(2025, 5, 1), D(2025, 7, 31), "light"),),
    )
    answer = eligibility_on(facts, D(2025, 6, 15), months=MONTHS)
    assert (answer.reason, answer.until) == (DISCIPLINARY, D(2026, 6, 1))


def test_the_manual_override_wins_and_keeps_its_reason():
    facts = Facts(
        moves=((D(2025, 6, 1), "transfer"),),
        manual_reason="other",
        manual_note="tugas belajar",
    )
    answer = eligibility_on(facts, D(2030, 1, 1), months=MONTHS)
    assert (answer.eligible, answer.reason, answer.note, answer.manual) == (
        False,
        "other",
        "tugas belajar",
        True,
    )
    assert answer.until is None
    during_move = eligibility_on(facts, D(2025, 7, 1), months=MONTHS)
    assert (during_move.reason, during_move.manual) == ("other", True)


def test_a_manual_new_in_post_with_its_date_ends_with_the_period():
    facts = Facts(post_since=D(2025, 10, 1), manual_reason=NEW_IN_POST)
    answer = eligibility_on(facts, D(2025, 12, 1), months=MONTHS)
    assert (answer.manual, answer.until) == (True, D(2026, 10, 1))
    assert eligibility_on(facts, D(2026, 10, 1), months=MONTHS).eligible


def test_periods_cut_a_range_where_the_answer_changes():
    facts = Facts(moves=((D(2024, 11, 15), "rotation"),))
    pieces = eligibility_periods(facts, D(2025, 11, 1), D(2025, 11, 30), months=MONTHS)
    assert [(lo, hi, a.eligible) for lo, hi, a in pieces] == [
        (D(2025, 11, 1), D(2025, 11, 14), False),
        (D(2025, 11, 15), D(2025, 11, 30), True),
    ]
    assert eligibility_periods(Facts(), D(2025, 11, 1), D(2025, 11, 30), months=MONTHS) == [
        (D(2025, 11, 1), D(2025, 11, 30), eligibility_on(Facts(), D(2025, 11, 1), months=12))
    ]


def test_add_months_keeps_the_day_or_the_month_end():
    assert add_months(D(2026, 10, 1), 12) == D(2027, 10, 1)
    assert add_months(D(2025, 1, 31), 1) == D(2025, 2, 28)
    assert add_months(D(2024, 2, 29), 12) == D(2025, 2, 28)
    assert add_months(D(2025, 12, 15), 1) == D(2026, 1, 15)
