import pytest

from ttdn.org.models import Unit
from ttdn.org.tests.factories import UnitFactory

PATHS = ["/1/", "/1/5/", "/1/5/7/", "/1/5/7/12/", "/1/50/", "/1/6/", "/2/5/"]


@pytest.mark.django_db
def test_under_finds_the_subtree_and_nothing_beside_it():
    for n, path in enumerate(PATHS):
        unit = UnitFactory(code=f"P{n}")
        Unit.objects.filter(pk=unit.pk).update(path=path)

    found = Unit.objects.filter(path__under="/1/5/").order_by("path").values_list("path", flat=True)

    assert list(found) == ["/1/5/", "/1/5/7/", "/1/5/7/12/"]


@pytest.mark.django_db
def test_under_takes_like_wildcards_literally():
    unit = UnitFactory(code="W")
    Unit.objects.filter(pk=unit.pk).update(path="/1/5x/")

    assert not Unit.objects.filter(path__under="/1/5_/").exists()


def test_under_refuses_a_path_without_its_closing_slash():
    with pytest.raises(ValueError, match="ends with"):
        str(Unit.objects.filter(path__under="/1/5").query)
