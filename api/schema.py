"""drf-spectacular extensions: how API v1 authenticates, for the OpenAPI document."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "Token klien API dengan awalan `Token`, mis. `Token wfh_3q…`. Token dibuat BKPSDM "
                "dan hanya ditampilkan sekali."
            ),
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.SessionAuthentication"
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Sesi peramban setelah masuk ke aplikasi web (aturan peran yang sama).",
        }


PAGE_ERROR = {
    "description": (
        "Parameter salah, termasuk halaman yang tidak ada (`page` 0, bukan angka, atau melewati "
        "halaman terakhir); `errors` menyebut isiannya."
    ),
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def document_page_errors(result, generator, request, public):
    """Postprocessing hook: every paginated list answers 400 to a page that does not exist
    (api.pagination.ApiPagination), so every operation with a `page` parameter documents it,
    whichever decorator documented the rest."""
    if "Error" not in result.get("components", {}).get("schemas", {}):
        return result
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            names = {(p.get("in"), p.get("name")) for p in operation.get("parameters", [])}
            if ("query", "page") in names:
                operation["responses"].setdefault("400", PAGE_ERROR)
    return result


QUERY_ERROR = {
    "description": (
        "Parameter salah, termasuk karakter NUL (`%00`) pada parameter mana pun; `errors` menyebut "
        "parameternya."
    ),
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
TOO_LARGE = {
    "description": (
        "Isi permintaan lebih besar dari batas (REQUEST_BODY_MAX_MB, bawaan 50 MB); ditolak "
        "sebelum dibaca. `code` `request_too_large`."
    ),
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}
BAD_BODY = {
    "description": (
        "Isi bukan JSON yang bisa dipakai (termasuk JSON bersarang lebih dari 32 tingkat); `code` "
        "`parse_error`."
    ),
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def document_request_errors(result, generator, request, public):
    """Postprocessing hook: config.middleware.RequestLimitsMiddleware answers 400 to a NUL in any
    query parameter and 413 to a body over the limit, and api.parsers 400 to a body it cannot
    use, before any view runs: every operation documents the answers it can get."""
    if "Error" not in result.get("components", {}).get("schemas", {}):
        return result
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            if any(p.get("in") == "query" for p in operation.get("parameters", [])):
                operation["responses"].setdefault("400", QUERY_ERROR)
            if "requestBody" in operation:
                operation["responses"].setdefault("400", BAD_BODY)
                operation["responses"].setdefault("413", TOO_LARGE)
    return result
