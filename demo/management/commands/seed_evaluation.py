from django.core.management.base import BaseCommand

from demo.evaluation import evaluation_seed


class Command(BaseCommand):
    help = "Isi data demo kajian (biaya, layanan, e-Kinerja, kesiapan) untuk Oktober–Desember 2025."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2025)

    def handle(self, *args, seed: int, **options):
        result = evaluation_seed(seed=seed)
        self.stdout.write(
            f"biaya {result.costs}, layanan {result.services}, e-Kinerja {result.targets}, "
            f"kesiapan {result.readiness}; bulan kosong: {', '.join(result.missing_months) or '-'}"
        )
