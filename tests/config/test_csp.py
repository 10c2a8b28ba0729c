"""A Content Security Policy on every page (django-csp), and templates that keep to it: no inline
<script>, no on...= handler, no style= attribute, no <style> element (issue 14 point 14). The scan
covers every template, so a page added later holds to the rule too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *sorted(ROOT.glob("*/templates"))]

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)
HANDLER = re.compile(r"<[a-z][^>]*?\s(on[a-z]+)\s*=", re.I | re.S)
STYLE_ATTR = re.compile(r"<[a-z][^>]*?\sstyle\s*=", re.I | re.S)
STYLE_TAG = re.compile(r"<style\b", re.I)
JS_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", re.I)
HX_ON = re.compile(r"\shx-on[:-]", re.I)  # htmx evaluates these as code


def _templates():
    for folder in TEMPLATE_DIRS:
        yield from sorted(folder.rglob("*.html"))


def _problems(text: str) -> list[str]:
    found = []
    for match in SCRIPT_TAG.finditer(text):
        attributes = match.group(1)
        if not re.search(r"\ssrc\s*=", attributes) and "application/json" not in attributes:
            found.append(f"inline <script> at offset {match.start()}")
    found += [f"{m.group(1)}= handler" for m in HANDLER.finditer(text)]
    found += ["style= attribute" for _ in STYLE_ATTR.finditer(text)]
    found += ["<style> element" for _ in STYLE_TAG.finditer(text)]
    found += ["javascript: URL" for _ in JS_URL.finditer(text)]
    found += ["hx-on attribute" for _ in HX_ON.finditer(text)]
    return found


def test_the_scan_finds_what_the_policy_forbids():
    assert _problems('<script>alert(1)</script><a onclick="x()">') == [
        "inline <script> at offset 0",
        "onclick= handler",
    ]
    assert _problems('<div\n  class="a" style="color:red">') == ["style= attribute"]
    assert _problems("<style>p{}</style>") == ["<style> element"]
    assert _problems('<a href="javascript:void(0)">') == ["javascript: URL"]
    assert _problems('<button hx-on:click="go()">') == ["hx-on attribute"]
    assert _problems('<script src="/static/js/app.js" defer></script>') == []
    assert _problems('<form data-confirm="Hapus?" class="inline-form">') == []


def test_no_template_holds_inline_script_handlers_or_styles():
    templates = list(_templates())
    assert len(templates) > 50
    problems = {
        str(path.relative_to(ROOT)): found
        for path in templates
        if (found := _problems(path.read_text(encoding="utf-8")))
    }
    assert problems == {}, "move scripts to static/js/ and styles to static/css/"


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in header.split(";")
        if part.strip()
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "url"),
    [
        (None, "login"),
        ("hr", "dashboard:today"),
        ("hr", "wfh:schedule"),
        ("pegawai_user", "attendance:checkin"),
    ],
)
def test_pages_carry_a_policy_without_inline_script_or_style(client, world, who, url):
    if who:
        client.force_login(getattr(world, who))
    response = client.get(reverse(url))
    assert response.status_code == 200
    policy = _policy(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'" and policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_htmx_is_told_not_to_inject_its_indicator_styles(client, world):
    client.force_login(world.hr)
    body = client.get(reverse("wfh:schedule")).content.decode()
    assert '"includeIndicatorStyles": false' in body
    css = (ROOT / "static" / "css" / "app.css").read_text()
    assert ".htmx-indicator" in css and ".htmx-request" in css
