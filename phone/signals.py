from phone.models import Identification


def move_identifications(sender, keep, drop, **kwargs):
    """Two records of one person merged: the identifications go to the kept record."""
    Identification.objects.filter(beneficiary=drop).update(beneficiary=keep)
