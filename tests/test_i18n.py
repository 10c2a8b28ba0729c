"""The English translation: the switch in the header turns the UI English, and the committed
catalogue (locale/en/LC_MESSAGES/django.po and its compiled django.mo) is complete and in step.

The .mo is committed so that a machine without GNU gettext gets English too; these tests catch a
.po edited without recompiling, and strings added without a translation (run `make messages`).
"""

from __future__ import annotations

import gettext
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = LC_MESSAGES / "django.po"
MO = LC_MESSAGES / "django.mo"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(text: str) -> str:
    body = text.strip()
    assert body.startswith('"') and body.endswith('"'), text
    return re.sub(r"\\(.)", lambda m: ESCAPES[m.group(1)], body[1:-1])


def read_po(path: Path) -> list[dict]:
    """The entries of a .po file: flags, msgctxt, msgid, msgid_plural and msgstr / msgstr[n]."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry: dict = {"flags": set(), "fields": {}}
        key = None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
            elif line.startswith("#~"):
                key = None  # an obsolete entry: not part of the catalogue
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if key is not None:
                    entry["fields"][key] += _unquote(line)
            else:
                key, rest = line.split(" ", 1)
                entry["fields"][key] = _unquote(rest)
        if "msgid" in entry["fields"]:
            entries.append(entry)
    return entries


def translations(entry: dict) -> list[tuple[str, str]]:
    """(source, translation) pairs of an entry: one, or one per plural form."""
    f = entry["fields"]
    if "msgid_plural" in f:
        forms = sorted(k for k in f if k.startswith("msgstr["))
        return [(f["msgid"] if k == "msgstr[0]" else f["msgid_plural"], f[k]) for k in forms]
    return [(f["msgid"], f["msgstr"])]


@pytest.fixture(scope="module")
def entries():
    found = read_po(PO)
    assert found and found[0]["fields"]["msgid"] == "", "the .po starts with its header"
    return found[1:]


def test_choosing_english_shows_the_pages_in_english(client, world):
    client.force_login(world.hr)
    resp = client.post(reverse("set_language"), {"language": "en", "next": "/opd/"})
    assert resp.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    body = client.get("/opd/").content.decode()
    assert '<html lang="en">' in body
    assert "<h1>OPD list</h1>" in body
    assert "Daftar OPD" not in body
    assert "Department (Dinas)" in body  # a model choice, translated in Python (gettext_lazy)
    assert ">Log out<" in body


def test_without_a_choice_the_pages_are_indonesian(client, world):
    client.force_login(world.hr)
    body = client.get("/opd/").content.decode()
    assert '<html lang="id">' in body
    assert "<h1>Daftar OPD</h1>" in body
    assert "OPD list" not in body


def test_every_entry_is_translated_and_none_is_fuzzy(entries):
    assert len(entries) > 100
    untranslated = [e["fields"]["msgid"] for e in entries if not all(t for _, t in translations(e))]
    fuzzy = [e["fields"]["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == [], "run `make messages` and translate these in locale/en"
    assert fuzzy == [], "check these translations and remove their fuzzy flag"
    header = read_po(PO)[0]
    assert "fuzzy" not in header["flags"], "a fuzzy header makes msgfmt skip the whole catalogue"


def test_translations_keep_the_placeholders_of_their_source(entries):
    wrong = [
        (source, text)
        for e in entries
        for source, text in translations(e)
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert wrong == []


def test_the_committed_mo_is_compiled_from_the_po(entries):
    """The .mo holds exactly the .po's translations: recompile with `make messages` when not."""
    with MO.open("rb") as f:
        catalog = dict(gettext.GNUTranslations(f)._catalog)
    catalog.pop("", None)
    expected = {}
    for e in entries:
        f = e["fields"]
        msgid = f["msgid"] if "msgctxt" not in f else f["msgctxt"] + "\x04" + f["msgid"]
        if "msgid_plural" in f:
            for k in f:
                if k.startswith("msgstr["):
                    expected[(msgid, int(k[7:-1]))] = f[k]
        else:
            expected[msgid] = f["msgstr"]
    assert catalog == expected


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
def test_msgfmt_accepts_the_po(tmp_path):
    out = tmp_path / "django.mo"
    done = subprocess.run(  # noqa: S603
        ["msgfmt", "--check-format", "--check-header", "-o", str(out), str(PO)],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
