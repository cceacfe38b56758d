"""What every page a browser test visits must pass: axe-core finds no serious or critical
accessibility problem, the page does not scroll sideways at phone width, and every table cell
keeps its column's label.

axe-core is the npm registry's axe-core@4.14.1 (`npm pack axe-core@4.14.1`, whose tarball has the
registry's integrity sha512-FHfa+lmN…GtQ==), its axe.min.js kept unchanged in vendor/ so that no
test needs the network; its SHA-256 is checked before each use. It is evaluated through the
DevTools protocol, which the page's Content-Security-Policy does not govern, so the pages are
tested with their real CSP (an injected <script> tag would be refused)."""

import hashlib
import os
from functools import cache
from pathlib import Path

import pytest

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
PHONE = {"width": 390, "height": 844}


@cache
def axe_source() -> str:
    """axe.min.js, checked against its pinned digest. Missing: skip, or fail under TTDN_CI=1."""
    if not AXE.exists():
        reason = f"axe-core {AXE_VERSION} is missing at {AXE} (npm pack axe-core@{AXE_VERSION})"
        if os.environ.get("TTDN_CI") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    data = AXE.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert digest == AXE_SHA256, f"{AXE} is not axe-core {AXE_VERSION}: sha256 {digest}"
    return data.decode()


def axe_violations(page, *, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of WCAG 2.1 A/AA and its best practices on the page as it is now,
    those of the given impacts, one line per rule with the first elements it names."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(axe_source() + "\n;0")
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return sorted(
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in impacts
    )


OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const scrolls = (el) => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(el).overflowX);
  const inScrollBox = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (scrolls(up)) return true;
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const wide = [...document.body.querySelectorAll('*')].filter((el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 1 && !inScrollBox(el);
  });
  const outermost = wide.filter((el) => !wide.includes(el.parentElement));
  return outermost.slice(0, 5).map((el) => name(el) + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
}"""


def overflow(page) -> list[str]:
    """The outermost elements that make the page wider than its window (none when it is not);
    an element inside its own scroll box (a table that scrolls) does not count."""
    return page.evaluate(OVERFLOW)


UNLABELLED = """() => {
  const visible = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && getComputedStyle(el).clip !== 'rect(0px, 0px, 0px, 0px)';
  };
  const found = [];
  document.querySelectorAll('main table').forEach((table, index) => {
    const head = table.tHead;
    if (!head || visible(head) || !head.textContent.trim()) return;
    const labels = [...head.rows[head.rows.length - 1].cells].map((c) => c.textContent.trim());
    for (const body of table.tBodies) for (const row of body.rows) {
      [...row.cells].forEach((cell, column) => {
        const label = getComputedStyle(cell, '::before').content;
        const isRowHeader = cell.tagName === 'TH' && column === 0;
        const shown = label && label !== 'none' && label !== 'normal' && label !== '""';
        if (cell.colSpan === 1 && labels[column] && !isRowHeader && !shown && visible(cell)) {
          found.push(`table ${table.id || index + 1}, column "${labels[column]}"`);
        }
      });
    }
  });
  return [...new Set(found)];
}"""


def unlabelled_cells(page) -> list[str]:
    """Columns whose cells are shown without their header: the header row is hidden (a table
    shown as cards on a phone) and the cell does not repeat its column's label."""
    return page.evaluate(UNLABELLED)
