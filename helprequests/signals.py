from django.utils import timezone

from helprequests.models import CloseReason, HelpRequest, Status, StatusChange


def close_open_requests(sender, beneficiary, **kwargs):
    """After the person's texts were erased (core.personal), their open requests end with the reason."""
    _close_open(HelpRequest.objects.filter(beneficiary=beneficiary))


def _close_open(requests):
    """Open requests end with the reason: nobody works on the person's data any more. Not through
    request_close: that would tell the helper and the relatives about a person who asked to be forgotten."""
    from people.services import WITHDRAWAL_REASON

    now = timezone.now()
    for request in requests.exclude(status=Status.CLOSED):
        request.status = Status.CLOSED
        request.closed_at = now
        request.close_reason = CloseReason.OTHER
        request.close_text = WITHDRAWAL_REASON
        request.save(update_fields=["status", "closed_at", "close_reason", "close_text"])
        StatusChange.objects.create(request=request, status=Status.CLOSED, note=WITHDRAWAL_REASON, at=now)
