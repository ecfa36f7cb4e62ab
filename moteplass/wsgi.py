import os
import sys

from django.core.wsgi import get_wsgi_application

from moteplass.config import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moteplass.settings")

try:
    application = get_wsgi_application()
except ConfigError as error:
    sys.stderr.write(f"Configuration error: {error}\n")
    sys.exit(2)
