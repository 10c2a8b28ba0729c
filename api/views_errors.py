"""API v1's answer to a path it does not have: the one error body, not an HTML page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.views import APIView


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Any other path under /api/v1/: the error body, not an HTML page."""

    permission_classes: list = []
    throttle_classes: list = []

    def _not_found(self, request, *args, **kwargs):
        raise exceptions.NotFound(_("Alamat API ini tidak ada. Lihat /api/docs/."))

    get = post = put = patch = delete = head = options = _not_found
