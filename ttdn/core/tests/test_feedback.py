import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import translation

from ttdn.core.feedback import attempt, errors_of
from ttdn.core.states import InvalidTransition


@pytest.fixture
def request_():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def shown(request):
    return [(m.level_tag, str(m)) for m in get_messages(request)]


def refuse(error):
    raise error


def test_attempt_shows_the_success_message_and_passes_the_arguments(request_):
    seen = []

    done = attempt(request_, "Saved.", lambda *a, **k: seen.append((a, k)), 1, by="x")

    assert done is True
    assert seen == [((1,), {"by": "x"})]
    assert shown(request_) == [("success", "Saved.")]


def test_attempt_words_a_callable_success_message_after_the_service_ran(request_):
    state = {"version": 1}

    attempt(request_, lambda: f"Version {state['version']}.", state.update, version=2)

    assert shown(request_) == [("success", "Version 2.")]


def test_attempt_shows_each_reason_of_a_refusal_and_no_success(request_):
    error = ValidationError(["First reason.", "Second reason."])

    done = attempt(request_, "Saved.", refuse, error)

    assert done is False
    assert shown(request_) == [("error", "First reason."), ("error", "Second reason.")]


def test_attempt_shows_an_invalid_transition_as_its_message(request_):
    attempt(request_, "Saved.", refuse, InvalidTransition("Already decided."))

    assert shown(request_) == [("error", "Already decided.")]


def test_errors_of_a_bare_permission_denied_says_the_person_may_not():
    with translation.override("en"):
        assert errors_of(PermissionDenied()) == ["You may not do this."]
    assert errors_of(PermissionDenied("Locked.")) == ["Locked."]
