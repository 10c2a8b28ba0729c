"""The many-OPD picker: checkboxes in a scrolling box with a filter field, "all", "none" and "by
kind" buttons and a count (static/js/opd-picker.js). Without JavaScript the list still scrolls and
every checkbox works. Every form that picks OPDs from the registry uses it."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from opd.models import OpdKind


class OpdPicker(forms.CheckboxSelectMultiple):
    template_name = "opd/_opd_picker.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        option["kind"] = getattr(instance, "kind", "")
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        kinds_present = {
            option["kind"]
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
        }
        context["widget"]["kinds"] = [
            (kind, label) for kind, label in OpdKind.choices if kind in kinds_present
        ]
        return context

    def _render(self, template_name, context, renderer=None):
        # the project's templates (the default form renderer reads only Django's own)
        return mark_safe(render_to_string(template_name, context))  # noqa: S308 -- a template
