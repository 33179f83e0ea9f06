"""``{% card article "grid" %}``: an article's card as a list shows it, stored when fresh
(``public.rendering``)."""

from django import template

from public import rendering

register = template.Library()


@register.simple_tag
def card(article, kind="list"):
    """The card of ``article`` for a list: ``list`` (with its lead), ``grid`` (a block of
    cards), ``compact`` (title and time) or ``lead`` (the front page's main story)."""
    return rendering.card_html(article, kind)
