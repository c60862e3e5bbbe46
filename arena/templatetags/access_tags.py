"""Lets a template ask the request's `perms` about one object: `{% if perms|can_edit:measure %}`.

The decision itself stays in `arena.access.Perms`; this only forwards the argument, which a
template cannot pass to a method.
"""

from django import template

register = template.Library()


@register.filter
def can_edit(perms, measure):
    return perms.can_edit(measure)
