"""Accent-insensitive search over a model's stored ``search_text`` (see ``text.index_text``)."""

from __future__ import annotations

from django.db.models import Q

from cchc.lib.text import search_tokens


def search_filter(query: str, field: str = "search_text") -> Q:
    """Every word of ``query`` must start a word of the indexed text; empty matches all."""
    condition = Q()
    for token in search_tokens(query):
        condition &= Q(**{f"{field}__contains": f" {token}"})
    return condition
