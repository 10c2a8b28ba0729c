"""python manage.py create_api_client NAME --scopes org:read,schedule:read [--opd CODE ...]

Prints the token once; only its hash is stored. Exit status 1 with a message naming the unknown
scope or OPD code, or a name already taken."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services
from api.models import Scope


class Command(BaseCommand):
    help = "Create an API client and print its token once."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Name of the client system, e.g. 'TPP payroll'.")
        parser.add_argument(
            "--scopes",
            required=True,
            help=f"Comma-separated scopes: {', '.join(Scope.values)}.",
        )
        parser.add_argument(
            "--opd",
            action="append",
            default=[],
            metavar="CODE",
            help="Restrict the client to this OPD (repeat for more). Default: every OPD.",
        )

    def handle(self, *args, name, scopes, opd, **options):
        codes = [c for value in opd for c in value.split(",")]
        try:
            services.parse_scopes(scopes)  # before any database work: name the bad scope first
            opds = services.opds_by_code(codes)
            client, token = services.api_client_create(name=name, scopes=scopes, opds=opds)
        except ValidationError as exc:
            messages = [m for ms in exc.message_dict.values() for m in ms]
            raise CommandError(" ".join(messages)) from None
        where = ", ".join(sorted(o.code for o in opds)) if opds else "all OPDs"
        self.stdout.write(f"client {client.name} (id {client.pk}, prefix {client.token_prefix})")
        self.stdout.write(f"scopes {', '.join(client.scopes)}; {where}")
        self.stdout.write("token (shown once, store it now):")
        self.stdout.write(token)
