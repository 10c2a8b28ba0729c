import hashlib
import json
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from opd.access import scope_for


@login_required
def home(request):
    """Send each role to the page where its work starts."""
    scope = scope_for(request.user)
    if scope.sees_registry:
        return redirect("dashboard:today")
    if scope.is_supervisor:
        return redirect("opd:employees")
    if scope.employee_id:
        return redirect("attendance:checkin")
    return redirect("opd:employees")


# -- the installable web app: manifest, icons, service worker ------------------------------------

# what the service worker keeps so that the app opens without a connection: the shell (styles,
# scripts, icons) and the employee's pages that answer "am I WFH tomorrow?" and take a check-in
SHELL_FILES = (
    "vendor/pico/pico.min.css",
    "css/app.css",
    "vendor/htmx/htmx.min.js",
    "js/nav.js",
    "js/app.js",
    "js/opd-picker.js",
    "js/checkin.js",
    "icons/icon-192.png",
    "icons/today.svg",
    "icons/calendar.svg",
    "icons/swap.svg",
    "icons/report.svg",
    "icons/profile.svg",
)
OFFLINE_PAGES = ("attendance:upcoming", "attendance:checkin")


def _static_bytes(name: str) -> bytes:
    path = finders.find(name)
    if path is None:  # collected only (no source tree): read the collected copy
        with staticfiles_storage.open(name) as fh:
            return fh.read()
    return Path(path).read_bytes()


def manifest(request):
    """/manifest.webmanifest: installs the app on a phone's home screen, opening the day."""
    body = {
        "name": "WFH-ASN",
        "short_name": "WFH-ASN",
        "description": str(_("Penjadwalan kerja dari rumah dan presensi ASN")),
        "lang": translation.get_language() or "id",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1d4f91",
        "icons": [
            {
                "src": static(f"icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in (192, 512)
        ],
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    return response


def favicon(request):
    response = HttpResponse(_static_bytes("icons/favicon.ico"), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response


def service_worker(request):
    """/sw.js at the root, so that its scope is the whole site. The shell's URLs (hashed in
    production) and the version, which changes with them, are set before the worker's code."""
    shell = [static(name) for name in SHELL_FILES]
    pages = [reverse(name) for name in OFFLINE_PAGES]
    code = _static_bytes("js/sw.js").decode()
    version = hashlib.sha256(json.dumps([shell, pages, code]).encode()).hexdigest()[:12]
    head = (
        f"self.WFH_VERSION = {json.dumps(version)};\n"
        f"self.WFH_SHELL = {json.dumps(shell)};\n"
        f"self.WFH_PAGES = {json.dumps(pages)};\n"
    )
    response = HttpResponse(head + code, content_type="application/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"  # the browser checks for a new worker on each visit
    response["Service-Worker-Allowed"] = "/"
    return response
