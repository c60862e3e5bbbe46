"""`{{ day|date_say:"weekday" }}`: the dates of arena/dates.py in templates."""

from django import template

from arena import dates

register = template.Library()


@register.filter
def date_say(value, kind):
    return dates.date_say(value, kind)
