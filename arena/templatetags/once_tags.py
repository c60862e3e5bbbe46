"""`{% op_field %}`: the one-time token of a staff form (arena/once.py, decision 66)."""

import uuid

from django import template
from django.utils.html import format_html

from arena.once import FIELD

register = template.Library()


@register.simple_tag
def op_field():
    """A hidden input with a fresh op: the same form sent twice sends the same one, and a page
    loaded again renders a new one (a new click is a new action)."""
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, uuid.uuid4())
