from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from wfh.management.commands._options import date_arg
from wfh.models import Roster
from wfh.rosters import publication


class Command(BaseCommand):
    help = "Terbitkan jadwal (seperti tombol Terbitkan milik BKPSDM)."

    def add_arguments(self, parser):
        parser.add_argument("roster_id", type=int)
        parser.add_argument("--from", dest="from_date", default=None, metavar="YYYY-MM-DD")

    def handle(self, *args, roster_id, from_date, **options):
        roster = Roster.objects.filter(pk=roster_id).first()
        if roster is None:
            raise CommandError(f"Jadwal {roster_id} tidak ditemukan.")
        start = date_arg("--from", from_date)
        try:
            rows = publication.roster_publish(roster=roster, from_date=start)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"Jadwal {roster} diterbitkan: {rows} baris."))
