"""The reads of the practices library (#10): anonymous visitors see published cards only."""

from django.contrib.auth.models import AnonymousUser

from practices import selectors


def test_it_shows_anonymous_visitors_only_published_practices(region):
    anon = AnonymousUser()
    assert region.practice in selectors.visible(anon)
    assert region.practice_draft not in selectors.visible(anon)
    assert selectors.practice(anon, region.practice_draft.pk) is None
    assert selectors.practice(anon, region.practice.pk) == region.practice
    assert region.practice_draft not in selectors.library(anon)
    assert selectors.photo(anon, region.practice_photo.pk) == region.practice_photo


def test_it_shows_editors_drafts_but_keeps_the_library_published(region):
    editor = region.users["coordinator"]
    assert selectors.practice(editor, region.practice_draft.pk) == region.practice_draft
    assert region.practice_draft in selectors.manage_list(editor, state="draft")
    assert region.practice_draft not in selectors.manage_list(editor, state="published")
    assert region.practice_draft not in selectors.library(editor)
    assert region.practice_draft not in selectors.api_list(editor)


def test_it_returns_nothing_without_a_user(region):
    assert not selectors.visible(None).exists()
    assert not selectors.library(None).exists()
    assert selectors.practice(None, region.practice.pk) is None
    assert selectors.photo(None, region.practice_photo.pk) is None
    assert not selectors.choices(None).exists()
