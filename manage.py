#!/usr/bin/env python
"""Django's command-line utility for Møteplass."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moteplass.settings")
    from moteplass.config import ConfigError

    try:
        from django.core.management import execute_from_command_line

        execute_from_command_line(sys.argv)
    except ConfigError as error:
        sys.stderr.write(f"Configuration error: {error}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
