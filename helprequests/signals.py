from helprequests.models import Assignment, FollowUp, HelpRequest, StatusChange


def erase_request_texts(sender, beneficiary, **kwargs):
    """Withdrawing consent erases what was written about the person in their requests (#11):
    the description, who reported and how they are related, closing and history notes, follow-up
    comments and helpers' refusal reasons. Numbers, needs, statuses and dates stay for the figures."""
    requests = HelpRequest.objects.filter(beneficiary=beneficiary)
    requests.update(description="", reporter_name="", reporter_phone="", reporter_relation="", close_text="")
    StatusChange.objects.filter(request__in=requests).update(note="")
    FollowUp.objects.filter(request__in=requests).update(comment="")
    Assignment.objects.filter(request__in=requests).update(decline_reason="")
