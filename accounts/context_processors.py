from django.urls import reverse

from .navigation import SEARCH_BOX, nav_items_for, user_menu_items_for


def navigation(request):
    """The menu of the user's role: single links, and dropdowns for items that share a group."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "held_at_gate", False):
        # Held at the two-factor or password page (accounts/middleware.py): no menu leads anywhere yet.
        return {"nav_items": [], "nav_entries": [], "user_menu_items": [], "search_url": None}
    items = [
        {"label": item.label, "url": reverse(item.url_name), "icon": item.icon, "group": item.group}
        for item in nav_items_for(user)
    ]
    entries = []
    for item in items:
        if item["group"] is None:
            entries.append({"item": item})
        elif entries and entries[-1].get("group") == item["group"]:
            entries[-1]["items"].append(item)
        else:
            entries.append({"group": item["group"], "items": [item]})
    user_menu = [
        {"label": item.label, "url": reverse(item.url_name), "icon": item.icon} for item in user_menu_items_for(user)
    ]
    search_url = reverse(SEARCH_BOX.url_name) if user.role in SEARCH_BOX.roles else None
    return {"nav_items": items, "nav_entries": entries, "user_menu_items": user_menu, "search_url": search_url}
