"""How long the officer had each evidence item open, for POST /evidence/{id}/views (no Qt).

The server refuses a signature until every current item was opened, and auditors look for
"approved in seconds": so the app reports every time an item was on screen and for how long -
when the officer moves to another item, when the case window closes, and every `flush_after_s`
during a long look (each report is a span; the server adds them up).

Reports that could not be sent (the server was away) wait in a `ViewOutbox` and go with the next
successful call.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from reviewer_app.core.api import ApiClient, ClientError

FLUSH_AFTER_S = 60.0
MAX_SPAN_MS = 24 * 3600 * 1000


@dataclass(frozen=True, slots=True)
class ViewReport:
    evidence_id: int
    duration_ms: int
    opened_at: datetime  # UTC, when this span began


class ViewTracker:
    """The item on screen now and since when. `clock` is monotonic seconds (durations), `wall`
    the UTC time (opened_at); both can be replaced in tests."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic,
                 wall: Callable[[], datetime] = lambda: datetime.now(UTC), flush_after_s: float = FLUSH_AFTER_S):
        self._clock = clock
        self._wall = wall
        self.flush_after_s = flush_after_s
        self._current: int | None = None
        self._since: float = 0.0
        self._opened_at: datetime | None = None

    @property
    def current(self) -> int | None:
        return self._current

    def elapsed_s(self) -> float:
        return self._clock() - self._since if self._current is not None else 0.0

    def open(self, evidence_id: int) -> ViewReport | None:
        """The officer now looks at `evidence_id`; returns the report of the item before (if any).
        Opening the item already open changes nothing."""
        if evidence_id == self._current:
            return None
        report = self.close()
        self._current = evidence_id
        self._since = self._clock()
        self._opened_at = self._wall()
        return report

    def close(self) -> ViewReport | None:
        """Nothing on screen any more (window closed, app hidden); returns the last span."""
        if self._current is None:
            return None
        report = self._span()
        self._current = None
        self._opened_at = None
        return report

    def checkpoint(self) -> ViewReport | None:
        """Report the span so far and keep counting (before signing: the item on screen counts)."""
        if self._current is None:
            return None
        report = self._span()
        self._since = self._clock()
        self._opened_at = self._wall()
        return report

    def tick(self) -> ViewReport | None:
        """Call now and then: after `flush_after_s` on one item, report that span and start a new
        one, so a long look is on the server even if the app is killed."""
        if self._current is None or self.elapsed_s() < self.flush_after_s:
            return None
        report = self._span()
        self._since = self._clock()
        self._opened_at = self._wall()
        return report

    def _span(self) -> ViewReport:
        duration = max(0, min(MAX_SPAN_MS, round((self._clock() - self._since) * 1000)))
        opened = self._opened_at or self._wall() - timedelta(milliseconds=duration)
        return ViewReport(evidence_id=self._current, duration_ms=duration, opened_at=opened)


class ViewOutbox:
    """Reports waiting to be sent, oldest first."""

    def __init__(self) -> None:
        self._reports: list[ViewReport] = []

    def add(self, report: ViewReport | None) -> None:
        if report is not None:
            self._reports.append(report)

    def take(self) -> list[ViewReport]:
        reports, self._reports = self._reports, []
        return reports

    def put_back(self, reports: Iterable[ViewReport]) -> None:
        self._reports[:0] = list(reports)

    def __len__(self) -> int:
        return len(self._reports)

    def pending_ids(self) -> set[int]:
        return {r.evidence_id for r in self._reports}


@dataclass
class SendResult:
    sent: list[ViewReport]
    unsent: list[ViewReport]
    error: Exception | None = None


def send_reports(api: ApiClient, reports: Iterable[ViewReport]) -> SendResult:
    """POST each report in order; stop at the first failure (the rest stay unsent)."""
    reports = list(reports)
    sent: list[ViewReport] = []
    for i, report in enumerate(reports):
        try:
            api.record_view(report.evidence_id, report.duration_ms, report.opened_at)
        except ClientError as exc:
            return SendResult(sent=sent, unsent=reports[i:], error=exc)
        sent.append(report)
    return SendResult(sent=sent, unsent=[])
