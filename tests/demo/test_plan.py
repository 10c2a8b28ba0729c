"""The demo city as a plan, before anything is written."""

from __future__ import annotations

from collections import Counter

from demo.plan import build_plan
from opd.models import OpdKind


def test_kelurahan_have_eight_to_fifteen_staff_at_the_default_headcount():
    plan = build_plan(employees=3000, seed=2025)
    per_opd = Counter(p.opd for p in plan.employees)
    sizes = [per_opd[o.code] for o in plan.opds if o.kind == OpdKind.KELURAHAN]
    assert len(sizes) == 56 and min(sizes) >= 8 and max(sizes) <= 15
    biggest = [code for code, _ in per_opd.most_common(8)]
    assert {"RSUD", "DISDIK", "SATPOLPP"} <= set(biggest)
    assert len(plan.employees) == 3000
