from django.conf import settings

# Each language is named in itself, so a reader finds their own whatever the page's language.
LANGUAGE_SWITCHER = [("nb", "Bokmål"), ("nn", "Nynorsk"), ("en", "English")]


def site(request):
    return {
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "LANGUAGE_SWITCHER": LANGUAGE_SWITCHER,
        "DEBUG": settings.DEBUG,
    }
