"""Who is acting: the user behind a request's token, passed from controllers into services."""

import msgspec

from shared.enums import Role


class CurrentUser(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    username: str
    display_name: str
    role: Role
    organisation: str = ""
    # The login session (a prefix of its token's digest), "" for actors without one (the CLI,
    # the system): what signed media links are bound to.
    session: str = ""
