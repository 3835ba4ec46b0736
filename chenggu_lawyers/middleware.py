class ChineseFirstMiddleware:
    """Serve Simplified Chinese unless the user chose another language in the portal.

    Browsers on county PCs often send an English Accept-Language; the portal's language is a choice made
    with its own switch (stored in the language cookie), not a guess from the browser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
