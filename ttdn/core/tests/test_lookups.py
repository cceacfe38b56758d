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
def test_under_orders_the_subtree_parent_first_whatever_the_engine():
    """PostgreSQL's locale collation ignores "/": "/1/19/" and "/11/9/" would compare equal
    there, and "/1/19/" would fall outside the range of "/1/". The path columns compare
    bytewise on every engine."""
    for n, path in enumerate(["/11/9/", "/1/19/", "/1/", "/1/2/"]):
        unit = UnitFactory(code=f"B{n}")
        Unit.objects.filter(pk=unit.pk).update(path=path)

    found = Unit.objects.filter(path__under="/1/").order_by("path").values_list("path", flat=True)

    assert list(found) == ["/1/", "/1/19/", "/1/2/"]


def test_under_refuses_a_path_without_its_closing_slash():
    with pytest.raises(ValueError, match="ends with"):
        str(Unit.objects.filter(path__under="/1/5").query)
