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
