"""The request being served, so model signals can tell who changed what and from where."""

from contextvars import ContextVar

current_request = ContextVar("current_request", default=None)


acting_user = ContextVar("acting_user", default=None)


class acting_as:
    """Background work done on someone's behalf is logged under their name."""

    def __init__(self, user):
        self.user = user

    def __enter__(self):
        self.token = acting_user.set(self.user)

    def __exit__(self, *exc):
        acting_user.reset(self.token)
