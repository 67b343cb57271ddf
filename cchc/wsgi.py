import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings")
application = get_wsgi_application()

from cchc.checks import refuse_development_key  # noqa: E402  (needs the settings loaded)

refuse_development_key()
