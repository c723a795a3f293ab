#!/usr/bin/env python
"""Django's manage.py for developers; ``fazhi`` is the same entry for everyone else."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
