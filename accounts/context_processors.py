from django.urls import reverse

from .navigation import nav_items_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {
        "nav_items": [
            {"label": item.label, "url": reverse(item.url_name), "icon": item.icon} for item in nav_items_for(user)
        ]
    }
