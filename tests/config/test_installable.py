"""The installable web app: the manifest, its PNG icons, /favicon.ico and the service worker at
/sw.js, which knows the shell to keep and the employee's offline pages."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest
from django.templatetags.static import static
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_manifest_names_the_app_and_its_icons(client):
    resp = client.get("/manifest.webmanifest")
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/manifest+json"
    body = json.loads(resp.content)
    assert body["name"] == "WFH-ASN" and body["display"] == "standalone"
    assert body["start_url"] == "/" and body["scope"] == "/"
    sizes = {icon["sizes"]: icon["src"] for icon in body["icons"]}
    assert sizes == {
        "192x192": static("icons/icon-192.png"),
        "512x512": static("icons/icon-512.png"),
    }


@pytest.mark.parametrize("size", [192, 512])
def test_the_icons_are_pngs_of_their_size(size):
    data = (ROOT / "static" / "icons" / f"icon-{size}.png").read_bytes()
    assert png_size(data) == (size, size)


def test_the_favicon_is_an_icon_not_a_404(client):
    resp = client.get("/favicon.ico")
    assert resp.status_code == 200 and resp["Content-Type"] == "image/x-icon"
    data = resp.content
    assert data[:4] == b"\x00\x00\x01\x00"  # ICO header, one image
    assert png_size(data[22:]) == (32, 32)


def test_the_service_worker_is_served_at_the_root_with_the_shell_and_pages(client):
    resp = client.get("/sw.js")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/javascript")
    assert resp["Service-Worker-Allowed"] == "/"
    code = resp.content.decode()
    shell = json.loads(code.split("self.WFH_SHELL = ", 1)[1].split(";\n", 1)[0])
    pages = json.loads(code.split("self.WFH_PAGES = ", 1)[1].split(";\n", 1)[0])
    assert static("css/app.css") in shell and static("js/checkin.js") in shell
    assert pages == [reverse("attendance:upcoming"), reverse("attendance:checkin")]
    assert 'addEventListener("fetch"' in code


@pytest.mark.django_db
def test_pages_link_the_manifest_and_register_the_worker_only_when_logged_in(client, world):
    html = client.get(reverse("login")).content.decode()
    assert 'rel="manifest" href="/manifest.webmanifest"' in html
    assert "data-signed-out" in html and 'data-sw="' not in html
    client.force_login(world.pegawai_user)
    html = client.get(reverse("attendance:checkin")).content.decode()
    assert 'data-sw="/sw.js"' in html
