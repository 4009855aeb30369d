/**
 * The page's only script: copy buttons for replay commands. The clipboard API where the page may
 * use it, else selecting the text and `execCommand("copy")` (pages opened from file:// in some
 * browsers, or a clipboard that has not answered within a second), else leaving the text selected
 * for Ctrl+C. Never throws.
 */
export const COPY_SCRIPT = `
document.addEventListener("click", function (event) {
  var target = event.target;
  var button = target && target.closest ? target.closest("button[data-copy]") : null;
  if (!button) return;
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source) return;
  var text = source.textContent || "";
  function show(label) {
    button.textContent = label;
    window.setTimeout(function () { button.textContent = "Copy"; }, 1600);
  }
  function selectAndCopy() {
    var range = document.createRange();
    range.selectNodeContents(source);
    var selection = window.getSelection();
    if (selection) { selection.removeAllRanges(); selection.addRange(range); }
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (ignored) { copied = false; }
    show(copied ? "Copied" : "Press Ctrl+C");
  }
  if (navigator.clipboard && window.isSecureContext) {
    // A browser may leave the promise pending (a permission prompt it cannot show): after a
    // second, select the text instead, so the button always answers; only the first answer counts.
    var answered = false;
    var answer = function (action) {
      return function () {
        if (answered) return;
        answered = true;
        window.clearTimeout(fallback);
        action();
      };
    };
    var fallback = window.setTimeout(answer(selectAndCopy), 1000);
    navigator.clipboard.writeText(text).then(answer(function () { show("Copied"); }), answer(selectAndCopy));
  } else {
    selectAndCopy();
  }
});
`;
