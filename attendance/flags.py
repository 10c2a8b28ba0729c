"""Flagged events: the reason codes an event is flagged with, and their wording for reviewers.

Events store the codes and each code's values (AttendanceEvent.flags, flag_params), so the
reasons are worded in the reader's language when read (`flag_text`).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# flag codes, with the message shown to reviewers
OUTSIDE_GEOFENCE = "outside_geofence"
OUTSIDE_HOME = "outside_home"
NO_HOME = "no_home"
NO_LOCATION = "no_location"
DAY_OFF = "day_off"
FUTURE = "future"
TOO_OLD = "too_old"
IMPOSSIBLE_TRAVEL = "impossible_travel"
LOW_ACCURACY = "low_accuracy"
NO_CHECKIN = "no_checkin"  # a check-out with no check-in before it that day
# fake-GPS signs (attendance.integrity)
SHARED_POSITION = "shared_position"
SAME_POSITION_DAYS = "same_position_days"
ZERO_ACCURACY = "zero_accuracy"
MISSING_ACCURACY = "missing_accuracy"

# short names of the reasons, for the review queue's filter
REASON_LABELS = {
    OUTSIDE_GEOFENCE: gettext_lazy("Di luar radius kantor"),
    OUTSIDE_HOME: gettext_lazy("Di luar radius rumah"),
    NO_HOME: gettext_lazy("Lokasi rumah belum terdaftar"),
    NO_LOCATION: gettext_lazy("Tanpa lokasi"),
    DAY_OFF: gettext_lazy("Hari libur"),
    FUTURE: gettext_lazy("Waktu di masa depan"),
    TOO_OLD: gettext_lazy("Terlalu lama"),
    IMPOSSIBLE_TRAVEL: gettext_lazy("Perpindahan mustahil"),
    LOW_ACCURACY: gettext_lazy("Akurasi buruk"),
    NO_CHECKIN: gettext_lazy("Pulang tanpa masuk"),
    SHARED_POSITION: gettext_lazy("Titik sama dengan pegawai lain"),
    SAME_POSITION_DAYS: gettext_lazy("Titik sama berhari-hari"),
    ZERO_ACCURACY: gettext_lazy("Akurasi 0 m"),
    MISSING_ACCURACY: gettext_lazy("Tanpa akurasi"),
}


def flag_text(code: str, **kw) -> str:
    texts = {
        OUTSIDE_GEOFENCE: _("Di luar radius kantor pada hari WFO (%(distance)s m dari kantor)."),
        OUTSIDE_HOME: _("Di luar radius rumah pada hari WFH (%(distance)s m dari rumah)."),
        NO_HOME: _("Lokasi rumah pegawai belum terdaftar, padahal OPD mewajibkan radius rumah."),
        NO_LOCATION: _("Presensi tanpa lokasi, padahal hari ini lokasinya diperiksa."),
        DAY_OFF: _("Presensi pada hari libur (%(name)s)."),
        FUTURE: _("Waktu presensi di masa depan."),
        TOO_OLD: _("Waktu presensi lebih dari %(days)s hari yang lalu."),
        IMPOSSIBLE_TRAVEL: _(
            "Perpindahan mustahil dari presensi sebelumnya (%(speed)s km/jam, batas %(limit)s)."
        ),
        LOW_ACCURACY: _(
            "Akurasi lokasi buruk (%(accuracy)s m, batas %(limit)s m): jarak tidak dapat dinilai."
        ),
        NO_CHECKIN: _("Presensi pulang tanpa presensi masuk pada hari itu."),
        SHARED_POSITION: _(
            "Koordinat sama persis (5 desimal) dengan presensi pegawai lain pada hari yang sama."
        ),
        SAME_POSITION_DAYS: _("Koordinat sama persis pada %(days)s hari yang berbeda."),
        ZERO_ACCURACY: _("Akurasi lokasi tepat 0 m, tidak pernah diberikan oleh GPS sungguhan."),
        MISSING_ACCURACY: _(
            "Presensi tanpa akurasi lokasi, padahal presensi sebelumnya menyertakannya."
        ),
    }
    if code == DAY_OFF and not kw.get("name"):
        kw = {**kw, "name": _("akhir pekan")}  # stored without a name: worded when read
    return texts[code] % kw if kw else texts[code]
