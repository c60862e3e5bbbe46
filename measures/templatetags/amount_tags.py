"""`{{ amount|kroner }}` → "2 000 000 kr": one way to write an amount on every page and in
every export (`measures.summaries.measure.format_amount`)."""

from django import template

from measures.summaries.measure import format_amount

register = template.Library()


@register.filter
def kroner(amount):
    return "" if amount in (None, "") else format_amount(amount)
