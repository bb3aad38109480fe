from django.utils import timezone

from helprequests.models import Assignment, CloseReason, FollowUp, HelpRequest, Status, StatusChange


def erase_request_texts(sender, beneficiary, **kwargs):
    """Withdrawing consent erases what was written about the person in their requests (#11):
    the description, who reported and how they are related, closing and history notes, follow-up
    comments and helpers' refusal reasons. Numbers, needs, statuses and dates stay for the figures."""
    requests = HelpRequest.objects.filter(beneficiary=beneficiary)
    requests.update(description="", reporter_name="", reporter_phone="", reporter_relation="", close_text="")
    StatusChange.objects.filter(request__in=requests).update(note="")
    FollowUp.objects.filter(request__in=requests).update(comment="")
    Assignment.objects.filter(request__in=requests).update(decline_reason="")
    _close_open(requests)


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
