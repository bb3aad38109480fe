"""For tests: press an export button and get the file, as a user does (the immediate task backend)."""

from django.urls import resolve, reverse


def fetched(client, url, params=None):
    """GET the export URL (a redirect to the status page), open the status page, download the file."""
    answer = client.get(url, params or {})
    assert answer.status_code == 302, answer.status_code
    target = resolve(answer["Location"].split("?")[0])
    assert target.view_name == "exports:detail", answer["Location"]
    assert client.get(answer["Location"]).status_code == 200
    return client.get(reverse("exports:download", args=[target.kwargs["pk"]]))
