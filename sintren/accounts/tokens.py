"""Password-reset links (ACC-10): single-use, valid 24 hours, void after any password change.

The link's token is Django's password-reset token (an HMAC over the user's id, password
hash, last login and a timestamp), so it voids itself as soon as the password changes,
whether through the link or otherwise. The user is named by ``urlsafe_base64`` of the
primary key only: no NIK or name ever appears in the URL.
"""

from __future__ import annotations

import enum
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

RESET_TTL_HOURS = 24
_SEPARATOR = "."


class TokenStatus(enum.Enum):
    """The outcome of checking a reset link."""

    VALID = "valid"
    EXPIRED = "expired"
    INVALID = "invalid"  # tampered, foreign, already used, or voided by a password change


class ResetPasswordTokenGenerator(PasswordResetTokenGenerator):
    """Django's reset token with its own salt and a 24-hour lifetime."""

    key_salt = "sintren.accounts.tokens.ResetPasswordTokenGenerator"
    timeout_seconds = RESET_TTL_HOURS * 3600

    def status(self, user: Any, token: str) -> TokenStatus:
        """Tell a valid token from an expired one and from one that never matched."""
        if user is None or not isinstance(token, str) or token.count("-") != 1:
            return TokenStatus.INVALID
        ts_b36 = token.split("-", 1)[0]
        try:
            ts = base36_to_int(ts_b36)
        except ValueError:
            return TokenStatus.INVALID
        secrets = [self.secret, *self.secret_fallbacks]
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in secrets
        ):
            return TokenStatus.INVALID
        if self._num_seconds(self._now()) - ts > self.timeout_seconds:
            return TokenStatus.EXPIRED
        return TokenStatus.VALID

    def check_token(self, user: Any, token: str | None) -> bool:
        """Whether the token is valid now (also enforces the 24-hour lifetime)."""
        return token is not None and self.status(user, token) is TokenStatus.VALID


reset_token_generator = ResetPasswordTokenGenerator()


def reset_link_token(user: Any) -> str:
    """The opaque path segment of a reset link for ``user``: ``<uid>.<token>``."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{uid}{_SEPARATOR}{reset_token_generator.make_token(user)}"


def reset_link_user(value: str) -> tuple[Any | None, str]:
    """Split a link segment into (the applicant user it names or ``None``, the token)."""
    uid, _, token = str(value).partition(_SEPARATOR)
    try:
        pk = int(urlsafe_base64_decode(uid).decode("ascii"))
    except (ValueError, UnicodeDecodeError, OverflowError):
        return None, token
    user_model = get_user_model()
    user = (
        user_model.objects.filter(pk=pk, role=user_model.Role.PEMOHON, is_active=True)
        .select_related("pemohon")
        .first()
    )
    return user, token


def reset_link_status(value: str) -> tuple[Any | None, str, TokenStatus]:
    """The user named by a link segment, its token, and whether the link may be used.

    Only an active applicant's link is valid; anything else is ``INVALID`` with no user.
    """
    user, token = reset_link_user(value)
    if user is None:
        return None, token, TokenStatus.INVALID
    status = reset_token_generator.status(user, token)
    pemohon = getattr(user, "pemohon", None)
    if status is TokenStatus.INVALID or pemohon is None or not pemohon.is_aktif:
        return None, token, TokenStatus.INVALID
    return user, token, status
