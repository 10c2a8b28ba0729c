from rest_framework.pagination import PageNumberPagination


class ApiPagination(PageNumberPagination):
    """?page=N&page_size=M (default 100, at most 1,000); lists have a stable order."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
