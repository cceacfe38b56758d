import pytest

from ttdn.docgen.tests.support import require_tools


def test_require_tools_skips_when_a_tool_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TTDN_CI", raising=False)
    monkeypatch.setenv("PATH", "")

    with pytest.raises(pytest.skip.Exception, match="needs soffice"):
        require_tools("soffice")


def test_require_tools_fails_instead_of_skipping_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTDN_CI", "1")
    monkeypatch.setenv("PATH", "")

    with pytest.raises(pytest.fail.Exception, match="TTDN_CI=1 forbids skipping"):
        require_tools("soffice")
