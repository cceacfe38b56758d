from types import SimpleNamespace

from ttdn.core.enums import JobOutcome
from ttdn.core.models import max_length_of, step_in_order


def rows(*orders):
    return [SimpleNamespace(pk=n, order=order) for n, order in enumerate(orders, start=1)]


def test_max_length_of_fits_the_longest_value():
    assert max_length_of(JobOutcome) == len("running")


def test_step_in_order_swaps_with_the_neighbour_and_returns_the_renumbered_rows():
    items = rows(1, 2, 3)

    changed = step_in_order(items, items[2], -1)

    assert [(i.pk, i.order) for i in items] == [(1, 1), (3, 2), (2, 3)]
    assert sorted(i.pk for i in changed) == [2, 3]


def test_step_in_order_closes_gaps_from_the_start_given():
    items = rows(0, 5, 9)

    changed = step_in_order(items, items[0], 1, start=0)

    assert [(i.pk, i.order) for i in items] == [(2, 0), (1, 1), (3, 2)]
    assert sorted(i.pk for i in changed) == [1, 2, 3]


def test_step_in_order_at_an_end_moves_nothing():
    items = rows(1, 2)

    assert step_in_order(items, items[0], -1) is None
    assert [(i.pk, i.order) for i in items] == [(1, 1), (2, 2)]
