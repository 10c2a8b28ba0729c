"""The demo city (modelled on Kota Bekasi) and `manage.py seed_demo`, which fills every app."""
