"""For tests: press an export button and get the file, as a user does (the immediate task backend)."""

from django.http import HttpResponse
from django.urls import resolve, reverse


def fetched(client, url, params=None):
    """GET the export URL (a redirect to the status page), open the status page, download the file."""
    answer = client.get(url, params or {})
    assert answer.status_code == 302, answer.status_code
    target = resolve(answer["Location"].split("?")[0])
    assert target.view_name == "exports:detail", answer["Location"]
    assert client.get(answer["Location"]).status_code == 200
    answer = client.get(reverse("exports:download", args=[target.kwargs["pk"]]))
    if not answer.streaming:
        return answer
    # The download streams the file; the tests read it whole, as a browser saves it.
    whole = HttpResponse(b"".join(answer.streaming_content), status=answer.status_code)
    for header, value in answer.items():
        whole[header] = value
    return whole


def attachment_name(response):
    """The file name an answer offers, in either form the download writes (plain or RFC 5987 for Cyrillic)."""
    from urllib.parse import unquote

    disposition = response["Content-Disposition"]
    if "filename*=" in disposition:
        return unquote(disposition.split("filename*=", 1)[1].split("''", 1)[1])
    return disposition.split("filename=", 1)[1].strip('"')


def downloaded(page, press, artifact=None):
    """In Chromium: press a document's button, land on its status page, press «Скачать» once the worker built
    it; returns (bytes, suggested file name). `artifact`: a path for a screenshot of the status page."""
    from pathlib import Path

    press()
    button = page.get_by_role("button", name="Скачать")
    button.wait_for(timeout=15_000)  # the status block polls every 2 s
    assert "/exports/" in page.url, page.url
    if artifact:
        page.screenshot(path=str(artifact), full_page=True)
    with page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_bytes(), info.value.suggested_filename
