from django.db import models


class OutgoingMail(models.Model):
    """A message waiting to be delivered: a failed send stays here and is retried by `periodic`."""

    created_at = models.DateTimeField("создано", auto_now_add=True)
    subject = models.CharField("тема", max_length=300)
    body = models.TextField("текст")
    from_email = models.CharField("от кого", max_length=254)
    to = models.JSONField("кому", default=list)
    attempts = models.PositiveSmallIntegerField("попыток", default=0)
    next_try_at = models.DateTimeField("следующая попытка", null=True, blank=True, db_index=True)
    last_error = models.CharField("ошибка", max_length=500, blank=True)
    sent_at = models.DateTimeField("отправлено", null=True, blank=True, db_index=True)
    # The person the message is about (a text to relatives names them): erased with the person's data.
    beneficiary = models.ForeignKey(
        "people.Beneficiary", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="о ком"
    )

    PERSON_LOOKUP = "beneficiary"
    PERSONAL_FIELDS = {"subject": "anonymized", "body": "anonymized", "to": "blank"}

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "письмо в очереди"
        verbose_name_plural = "очередь писем"

    def __str__(self):
        return f"{self.subject} → {len(self.to)} адрес(ов)"
