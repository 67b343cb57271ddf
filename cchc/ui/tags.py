"""The components' template tags, available in every template (settings: ``builtins``).

- ``{% status_badge "task" task.status %}``: the status as a badge (cchc/ui/statuses.py).
- ``{% field form.name %}``: one form field with its label, help and errors
  (components/field.html), the one field template every form uses.
- ``{% crumbs "Label" url "Label" url … "Current page" %}``: the breadcrumbs.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.forms import BoundField
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cchc.audit import events
from cchc.ui.statuses import badge

register = template.Library()


@register.inclusion_tag("components/badge.html")
def status_badge(workflow: str, status: str | None) -> dict[str, Any]:
    found = badge(workflow, status)
    return {"label": found.label, "tone": found.tone}


@register.inclusion_tag("components/field.html")
def field(bound: BoundField, wide: bool = False) -> dict[str, Any]:
    return {"field": bound, "wide": wide}


@register.inclusion_tag("components/crumbs.html")
def crumbs(*parts: Any) -> dict[str, Any]:
    """Label, address pairs, then the current page's label (not a link)."""
    *links, current = parts
    pairs = [(links[i], links[i + 1]) for i in range(0, len(links) - 1, 2)]
    return {"links": pairs, "current": current}


# The main menu: (permission that shows it, URL name, label), in order.
MAIN_NAV = [
    ("use_app", "home:index", _("Trang chủ")),
    ("view_tasks", "tasks:task_list", _("Nhiệm vụ")),
    ("view_reports", "reporting:period_list", _("Báo cáo")),
    ("view_scoring", "scoring:par_home", _("Chỉ số CCHC")),
    ("view_synthesis", "reporting:reporting_summary", _("Tổng hợp")),
    ("view_documents", "documents:document_list", _("Sổ văn bản")),
    ("view_units", "orgs:unit_tree", _("Đơn vị")),
    ("view_audit", "audit:audit_log", _("Nhật ký")),
    ("use_admin", "admin:index", _("Quản trị")),
]


@register.inclusion_tag("components/main_nav.html", takes_context=True)
def main_nav(context: template.Context) -> dict[str, Any]:
    """The modules the user's roles open, the current one marked."""
    can = context.get("can") or {}
    path = context["request"].path
    items = []
    for perm, name, label in MAIN_NAV:
        if not can.get(perm):
            continue
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        items.append({"url": url, "label": label, "current": current})
    return {"items": items}


@register.filter
def actor_words(who: Any) -> str:
    """Who acted, in words: a user as themself, a server command or scheduled job (a label
    such as "lệnh load_demo") as "Hệ thống (…)"."""
    return events.actor_label(who) if isinstance(who, str) else str(who)
