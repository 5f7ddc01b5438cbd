"""Parameter types shared by the controllers (Litestar's explicit style: every parameter says
where it comes from, and the limits that keep bad input a 400 instead of a 500)."""

from typing import Annotated

from litestar.params import PathParameter, QueryParameter

MAX_ID = 2**62

IdPath = Annotated[int, PathParameter(ge=1, le=MAX_ID)]
Limit = Annotated[int, QueryParameter(ge=1, le=200, description="page size")]
Cursor = Annotated[str | None, QueryParameter(max_length=1000, description="next_cursor of the previous page")]
SearchText = Annotated[str | None, QueryParameter(max_length=200, description="text to search for")]
OptionalId = Annotated[int | None, QueryParameter(ge=1, le=MAX_ID)]
