"""The monitoring registers as one workbook with Vietnamese headers: mentions (as filtered on
the desk), cases and press requests, each only as far as the person may see them. Journalists'
names and contacts are personal data, so every export is audited."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from ttdn.core import access, audit, spreadsheets
from ttdn.core.enums import AuditAction
from ttdn.core.spreadsheets import Column, Table
from ttdn.monitoring import queries
from ttdn.monitoring.models import Case, PressRequest

MAX_MENTIONS = 10_000  # the newest; a longer stream is narrowed with the desk's filters


def _yes(value: bool | None) -> str:
    return "" if value is None else ("Có" if value else "Không")


MENTIONS = (
    Column("Phát hiện lúc", lambda m: m.created_at, 17),
    Column("Đơn vị", lambda m: m.unit.name, 30),
    Column("Theo dõi", lambda m: m.watch.name, 24),
    Column("Nguồn tin", lambda m: m.item.source.name, 24),
    Column("Tiêu đề", lambda m: m.item.title, 50),
    Column("Địa chỉ", lambda m: m.item.url, 40),
    Column("Ngôn ngữ", lambda m: m.item.language, 10),
    Column("Sắc thái", lambda m: str(m.get_tone_display()), 12),
    Column("Đăng lúc", lambda m: m.item.published_at, 17),
    Column("Số câu chuyện", lambda m: m.item.story_id, 12),
)
CASES = (
    Column("Vụ việc", lambda c: c.title, 50),
    Column("Đơn vị", lambda c: c.unit.name, 30),
    Column("Mức độ", lambda c: str(c.get_severity_display()), 12),
    Column("Trạng thái", lambda c: str(c.get_status_display()), 14),
    Column("Mở lúc", lambda c: c.created_at, 17),
    Column("Hạn trả lời", lambda c: c.deadline, 17),
    Column("Hình thức trả lời", lambda c: str(c.get_response_kind_display()), 24),
    Column("Trả lời lúc", lambda c: c.responded_at, 17),
    Column("Trả lời đúng hạn", lambda c: _yes(c.responded_on_time if c.responded_at else None), 12),
    Column("Nơi đăng trả lời", lambda c: c.response_url, 40),
    Column("Lý do không xử lý", lambda c: c.dismiss_reason, 30),
    Column("Đóng lúc", lambda c: c.closed_at, 17),
)
PRESS_REQUESTS = (
    Column("Nhà báo", lambda r: r.journalist, 24),
    Column("Cơ quan báo chí", lambda r: r.outlet, 24),
    Column("Liên hệ", lambda r: r.contact, 24),
    Column("Câu hỏi", lambda r: r.question, 50),
    Column("Hạn trả lời", lambda r: r.deadline, 17),
    Column("Trạng thái", lambda r: str(r.get_status_display()), 14),
    Column("Trả lời lúc", lambda r: r.answered_at, 17),
    Column("Nội dung trả lời", lambda r: r.answer, 50),
    Column("Đơn vị", lambda r: r.unit.name, 30),
)


def export(user: Any, **filters: Any) -> bytes:
    """The registers the person may see as .xlsx (the mentions filtered as on the desk, the
    newest MAX_MENTIONS); the export is audited with its row counts."""
    mentions = list(queries.stream(user, **filters)[:MAX_MENTIONS])
    cases = list(
        Case.objects.visible_to(user).select_related("unit").order_by("-created_at", "-pk")
    )
    requests = list(
        PressRequest.objects.visible_to(user).select_related("unit").order_by("-deadline", "-pk")
    )
    with translation.override("vi"):
        content = spreadsheets.workbook(
            Table("Tin bài", MENTIONS, mentions),
            Table("Vụ việc", CASES, cases),
            Table("Yêu cầu báo chí", PRESS_REQUESTS, requests),
        )
    found = access.memberships(user)
    audit.record(
        AuditAction.EXPORT,
        by=user,
        unit_id=found[0].unit_id if found else None,
        object_repr="Theo dõi báo chí",
        changes={"mentions": len(mentions), "cases": len(cases), "press requests": len(requests)},
    )
    return content
