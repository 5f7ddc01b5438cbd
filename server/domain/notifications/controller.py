"""HTTP for the notification feed: by cursor, and as a server-sent-event stream."""

from collections.abc import AsyncIterator
from typing import Annotated

import msgspec
from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter
from litestar.response import ServerSentEvent, ServerSentEventMessage

from server.domain.accounts.service import AccountsService
from server.domain.notifications.service import SIGNED_OUT, NotificationsService
from server.http import Limit
from server.identity import CurrentUser
from server.security import ANYONE
from server.shutdown import until_shutdown
from shared.models import EventList

After = Annotated[int | None, QueryParameter(ge=0, le=2**62, description="the last event id you have")]


class NotificationsController(Controller):
    path = "/api/v1/events"
    tags = ["notifications"]

    @get("/", guards=[ANYONE], summary="My feed since `after` (信息推送)")
    async def feed(self, notifications: NamedDependency[NotificationsService],
                   current_user: NamedDependency[CurrentUser], after: After = None, limit: Limit = 100) -> EventList:
        return await notifications.feed(current_user, after or 0, limit)

    @get("/stream", guards=[ANYONE], summary="My feed as server-sent events (resumes from Last-Event-ID or "
                                             "`after`; without either, from now)")
    async def stream(self, request: Request, notifications: NamedDependency[NotificationsService],
                     accounts: NamedDependency[AccountsService], current_user: NamedDependency[CurrentUser],
                     after: After = None,
                     seconds: Annotated[int, QueryParameter(ge=0, le=3600, description="close after this long; "
                                                            "reconnect with Last-Event-ID")] = 600) -> ServerSentEvent:
        last = request.headers.get("last-event-id", "")
        start = int(last) if last.isdecimal() and len(last) < 19 else after
        if start is None:
            start = await notifications.latest(current_user)

        token = request.auth

        async def signed_in() -> bool:
            return await accounts.authenticate(token) is not None

        async def messages() -> AsyncIterator[ServerSentEventMessage]:
            # ends when the server is stopping, not at its graceful timeout: the client reconnects
            # with Last-Event-ID to the server that comes back
            async for item in until_shutdown(notifications.stream(current_user, start, seconds, signed_in),
                                             getattr(request.app.state, "shutdown", None)):
                if item is None:
                    yield ServerSentEventMessage(comment="keep-alive")
                elif item is SIGNED_OUT:
                    yield ServerSentEventMessage(event="signed_out", data='{"code": "invalid_token"}')
                else:
                    yield ServerSentEventMessage(data=msgspec.json.encode(item).decode(), event=item.kind, id=item.id)

        return ServerSentEvent(messages(), retry_duration=3000)
