"""Page-number pagination of API v1 lists."""

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """?page=N&page_size=M (default 100, at most 1,000); lists have a stable order.

    A page that does not exist (0, past the last, not a number) answers 400 naming `page`, like
    any other bad parameter, rather than DRF's 404 (which would read as "no such resource").
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000

    def paginate_queryset(self, queryset, request, view=None):
        try:
            return super().paginate_queryset(queryset, request, view)
        except exceptions.NotFound as exc:
            raise exceptions.ValidationError(
                {self.page_query_param: [_("Halaman ini tidak ada.")]}
            ) from exc

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
                parameter["description"] = _(
                    "Banyak baris per halaman (bawaan %(default)s, paling banyak %(max)s)."
                ) % {"default": self.page_size, "max": self.max_page_size}
        return parameters
