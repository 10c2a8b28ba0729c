#!/usr/bin/env python
"""Django's command-line utility for WFH-ASN."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # manage.py is the developer's tool: without a SECRET_KEY it runs in DEBUG mode (with the
    # development key) instead of refusing to start. A deployment sets SECRET_KEY, so its
    # commands keep DEBUG off unless DEBUG says otherwise; the web server (wsgi.py) never does this.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
