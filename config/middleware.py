from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the user chose another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC or a
    phone set to English would open in English; here only the language cookie that the switch
    (set_language) writes counts, and everyone else gets LANGUAGE_CODE.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
