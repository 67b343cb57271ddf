from __future__ import annotations

import logging
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cchc.accounts.throttle import is_locked
from cchc.audit.log import Actor, client_ip, record

security_log = logging.getLogger("cchc.security")


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        "invalid_login": gettext_lazy(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": gettext_lazy("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request is not None else None
        if is_locked(username, ip):
            security_log.warning("sign-in locked: user=%s ip=%s", username[:150], ip)
            record(Actor(user=None, ip=ip, label=username[:150]), "auth.login_locked")
            raise forms.ValidationError(
                _(
                    "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ít phút "
                    "hoặc liên hệ quản trị hệ thống."
                ),
                code="locked",
            )
        return super().clean()


class CchcLoginView(LoginView):
    template_name = "accounts/login.html"
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True
