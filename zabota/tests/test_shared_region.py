"""The test Region is built once per module (conftest.py): what one test changes never reaches the next."""

from people.models import Beneficiary
from territories.models import Territory

BUILDS = set()


def test_it_lets_a_test_change_the_region_rows_objects_and_files(region):
    region.person_a.full_name = "Изменено в первом тесте"
    region.person_a.save()
    Territory.objects.filter(pk=region.b.pk).update(name="Переименован")
    region.users["coordinator"].first_name = "Изменено"
    name, storage = region.media_a.file.name, region.media_a.file.storage
    region.media_a.file.delete(save=False)
    assert not storage.exists(name)


def test_the_next_test_gets_the_region_as_built(region):
    assert region.person_a.full_name == "Иванова Анна Петровна"
    assert Beneficiary.objects.get(pk=region.person_a.pk).full_name == "Иванова Анна Петровна"
    assert Territory.objects.get(pk=region.b.pk).name == "Район Б"
    assert region.users["coordinator"].first_name == ""
    with region.media_a.file.open("rb") as f:
        assert f.read() == b"\xff\xd8\xff\xe0fakejpeg"


def test_it_builds_the_region_once_for_the_module(region):
    """The tests of a module share one build: the request's received_at is the same to the microsecond."""
    BUILDS.add(region.request_a.received_at)
    assert len(BUILDS) == 1


def test_it_builds_the_region_once_for_the_module_again(region):
    BUILDS.add(region.request_a.received_at)
    assert len(BUILDS) == 1
