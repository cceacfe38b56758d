// The article body's editor: pell over the textarea, which keeps the HTML the server sanitises.
// Without script the textarea itself is the editor.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  if (!window.pell) return;
  document.querySelectorAll("textarea[data-editor=pell]").forEach((textarea) => {
    const frame = document.createElement("div");
    frame.className = "editor-frame";
    textarea.insertAdjacentElement("afterend", frame);
    const editor = window.pell.init({
      element: frame,
      onChange: (html) => { textarea.value = html; },
      defaultParagraphSeparator: "p",
      actions: ["bold", "italic", "underline", "heading2", "paragraph", "quote", "olist", "ulist", "link"],
    });
    editor.content.innerHTML = textarea.value;
    editor.content.setAttribute("role", "textbox");
    editor.content.setAttribute("aria-multiline", "true");
    if (textarea.labels && textarea.labels[0]) {
      textarea.labels[0].id = textarea.labels[0].id || `${textarea.id}_label`;
      editor.content.setAttribute("aria-labelledby", textarea.labels[0].id);
    }
    textarea.hidden = true;
    textarea.required = false; // the server checks the text; a hidden field cannot show a message
    textarea.dataset.editorReady = "true";
  });
});
