"""`{{ object|masked:"phone" }}`: a personal number of a record as its field masks it (chenggu_lawyers/crypto.py)."""

from django import template

register = template.Library()


@register.filter
def masked(obj, field_name: str) -> str:
    return obj._meta.get_field(field_name).masked(getattr(obj, field_name))
