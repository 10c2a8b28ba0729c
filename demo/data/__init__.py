"""Pure data tables of the demo city: its OPDs and units, regions and people's names."""
