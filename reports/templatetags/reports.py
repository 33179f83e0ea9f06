"""Filters the report tables use: cells as the CSV writes them, and the period's query."""

from decimal import Decimal

from django import template
from django.utils.http import urlencode

from reports.tables import cell_text

register = template.Library()


@register.filter
def cell(value) -> str:
    return cell_text(value)


@register.filter
def is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


@register.filter
def urlencode_dict(query: dict) -> str:
    return urlencode(query)
