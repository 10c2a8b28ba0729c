"""The demo's made-up people: NIPs unique by construction."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from demo.people import NipMaker
from opd.nip import parse_nip


def test_nip_serials_count_up_per_prefix_and_move_on_when_a_prefix_is_full():
    nips = NipMaker(random.Random(0))
    birth = dt.date(1990, 5, 17)
    made = [nips.pns(birth, "P", age_range=(25, 25))[0] for _ in range(15_000)]
    assert len(set(made)) == len(made)
    for nip in made[::250]:
        info = parse_nip(nip)
        assert info.asn_type == "PNS" and info.gender == "P"
    serials = Counter(nip[:14] for nip in made)
    assert max(serials.values()) == 999  # a full prefix (one birth date, one CPNS month)...
    assert any(nip.startswith("19900518") for nip in made)  # ...moves on to the next day
