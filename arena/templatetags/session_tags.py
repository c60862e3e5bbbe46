"""The staff session's idle timeout, for the warning in base_facilitate.html."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def idle_seconds():
    return settings.STAFF_IDLE_SECONDS


@register.simple_tag
def idle_warning_seconds():
    return settings.STAFF_IDLE_WARNING_SECONDS
