// Small behaviours, kept out of the templates so the Content-Security-Policy forbids inline script.
"use strict";
// The navigation is open by default (it works without script); on a phone it starts folded.
document.addEventListener("DOMContentLoaded", () => {
  if (!window.matchMedia("(min-width: 900px)").matches) {
    document.querySelectorAll("details.menu[open]").forEach((menu) => { menu.open = false; });
  }
});
document.addEventListener("change", (event) => {
  const select = event.target.closest("select[data-autosubmit]");
  if (select && select.form) select.form.requestSubmit();
});
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) event.preventDefault();
});

// Tables on a phone: a table with column headers becomes cards under 640 px (app.css); each cell
// carries its column's header as data-label so it keeps its label. A cell spanning several
// columns (a "nothing yet" row) and a column with an empty header get none. `.table-scroll`
// keeps a table whole, scrolling in its own box.
function labelTables(root) {
  root.querySelectorAll("table.table:not(.table-scroll)").forEach((table) => {
    const headerRow = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    if (!headerRow) return;
    const labels = [];
    for (const cell of headerRow.cells) {
      const text = cell.textContent.replace(/\s+/g, " ").trim();
      for (let i = 0; i < cell.colSpan; i += 1) labels.push(text);
    }
    for (const body of [...table.tBodies, table.tFoot].filter(Boolean)) {
      for (const row of body.rows) {
        let column = 0;
        for (const cell of row.cells) {
          const label = labels[column];
          const isRowHeader = cell.tagName === "TH" && column === 0;
          if (cell.colSpan === 1 && label && !isRowHeader && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", label);
          }
          column += cell.colSpan;
        }
      }
    }
    table.classList.add("table-cards");
  });
}

// A list of check boxes gets "Select all" and "Clear" buttons; without script they are absent,
// and the boxes still work one by one.
function addSelectAll(root) {
  root.querySelectorAll("[data-select-all]:not([data-select-all-ready])").forEach((group) => {
    group.setAttribute("data-select-all-ready", "");
    const boxes = () => group.querySelectorAll("input[type=checkbox]");
    const bar = document.createElement("div");
    bar.className = "select-all";
    for (const [text, checked] of [[group.dataset.selectAll, true], [group.dataset.clearAll, false]]) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "button-small button-secondary";
      button.textContent = text;
      button.addEventListener("click", () => {
        boxes().forEach((box) => {
          if (!box.disabled && box.checked !== checked) {
            box.checked = checked;
            box.dispatchEvent(new Event("change", { bubbles: true }));
          }
        });
      });
      bar.append(button);
    }
    const legend = group.querySelector("legend");
    if (legend) legend.after(bar); else group.prepend(bar);
  });
}

// A box that scrolls sideways (a wide table) can be scrolled from the keyboard: it takes focus,
// named after its table's caption.
function focusScrollBoxes(root) {
  root.querySelectorAll(".scroll, table.table").forEach((box) => {
    const scrolls = box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible";
    if (scrolls && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
      box.setAttribute("data-scroll-focus", "");
      const caption = box.querySelector("caption");
      if (caption && box.tagName !== "TABLE") {
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", caption.textContent.replace(/\s+/g, " ").trim());
      }
    } else if (!scrolls && box.hasAttribute("data-scroll-focus")) {
      box.removeAttribute("tabindex");
      box.removeAttribute("data-scroll-focus");
    }
  });
}

function enhance(root) {
  labelTables(root);
  addSelectAll(root);
  focusScrollBoxes(root);
}
document.addEventListener("DOMContentLoaded", () => enhance(document));
document.addEventListener("htmx:load", () => enhance(document));
let resizing = null;
window.addEventListener("resize", () => {
  clearTimeout(resizing);
  resizing = setTimeout(() => focusScrollBoxes(document), 200);
});

// After a failed submit, the error summary takes the focus so that screen readers read it first.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
});
