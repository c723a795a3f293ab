"""The request type of a view behind ``login_required``."""

from __future__ import annotations

from django.http import HttpRequest

from .models import User


class AuthenticatedRequest(HttpRequest):
    """A request whose user is signed in: what ``login_required`` guarantees to the view.

    Only an annotation (Django never builds one): it tells the type checker that
    ``request.user`` is a :class:`User`, not ``AnonymousUser``, so services that take
    ``actor: User`` accept it.
    """

    user: User
