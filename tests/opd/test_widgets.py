"""The many-OPD picker: checkboxes marked with their OPD's kind, and the kinds to pick by."""

from django import forms

from opd.models import Opd, OpdKind
from opd.widgets import OpdPicker
from tests.factories import make_opd


class _Form(forms.Form):
    opds = forms.ModelMultipleChoiceField(queryset=Opd.objects.order_by("code"), widget=OpdPicker)


def test_every_checkbox_carries_its_kind_and_only_present_kinds_are_offered(world):
    make_opd("PKM-01", kind=OpdKind.PUSKESMAS)
    html = str(_Form(initial={"opds": [world.kominfo.pk]})["opds"])
    assert html.count('type="checkbox"') == Opd.objects.count()
    assert 'data-kind="puskesmas"' in html and f'data-kind="{world.kominfo.kind}"' in html
    assert f'value="{world.kominfo.pk}" checked' in html
    kinds = html.split('class="opd-picker-kind', 1)[1].split("</select>", 1)[0]
    assert '<option value="puskesmas">Puskesmas</option>' in kinds
    assert '<option value="rsud">' not in kinds  # no RSUD in the registry: not offered
    assert 'data-pick="all"' in html and 'data-pick="none"' in html
