from django.core.management.base import BaseCommand, CommandError

from wfh.presets import PRESETS, preset_load


class Command(BaseCommand):
    help = (
        "Muat program WFH siap pakai (mis. jabar-2025, jabar-2026, depok-2026). "
        "Aman dijalankan ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help=f"nama preset: {', '.join(sorted(PRESETS))}")

    def handle(self, *args, name, **options):
        try:
            counts = preset_load(name=name)
        except KeyError:
            raise CommandError(
                f"Preset {name!r} tidak dikenal. Pilihan: {', '.join(sorted(PRESETS))}."
            ) from None
        self.stdout.write(
            f"Preset {name}: {counts['created']} dibuat, {counts['updated']} diperbarui, "
            f"{counts['unchanged']} tidak berubah."
        )
