"""The page's look and its one script: the sources panel beside the answer, [n] that scrolls to its source."""
from __future__ import annotations

__all__ = ["CSS", "HEAD"]

CSS = """
.gradio-container { max-width: 1280px !important; }
#sources-panel .sources { max-height: 72vh; overflow-y: auto; padding-right: .25rem; }
#sources-panel .sources.empty, #sources-panel .none { color: var(--body-text-color-subdued); }
#sources-panel .src { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: .5rem .75rem;
  margin-bottom: .75rem; scroll-margin-top: .5rem; transition: box-shadow .3s; }
#sources-panel .src.flash { box-shadow: 0 0 0 3px var(--color-accent); }
#sources-panel h4 { margin: 0 0 .25rem; font-size: 1rem; }
#sources-panel .meta, .answer-meta, #chat .meta, #chat .notice { font-size: .85rem; color: var(--body-text-color-subdued); margin: .25rem 0; }
#sources-panel .said { margin: .25rem 0; }
.passage { margin: .25rem 0 0; padding-left: .6rem; border-left: 3px solid var(--border-color-primary);
  overflow-wrap: anywhere; line-height: 1.5; }
mark.quote { background: #fde68a; color: #111; padding: 0 .1em; border-radius: 2px; }
.speaker { font-weight: 600; text-decoration: underline; text-decoration-style: dotted; }
.cue { font-style: italic; color: #9a3412; }
#chat .cite { color: var(--color-accent); cursor: pointer; font-weight: 600; white-space: nowrap; }
#chat .cite:hover { text-decoration: underline; }
#chat .unverified { background: #fee2e2; color: #111; }
#chat .refusal { font-style: italic; }
.examples-row button { white-space: normal !important; text-align: left; }
.statements .st { border-bottom: 1px solid var(--border-color-primary); padding: .5rem 0; }
.statements h4 { margin: 0; font-size: .95rem; }
.table-note, .library-report { overflow-wrap: anywhere; }
#chat, #sources-panel, .statements { overflow-wrap: anywhere; }
#speakers-table, #quotes-table, #library-table { --font-mono: var(--font); }
#speakers-table [role=gridcell], #library-table [role=gridcell] { cursor: pointer; }
@media (max-width: 640px) {
  #sources-panel .sources { max-height: none; }
  #chat { height: 60vh !important; }
  #header h1 { font-size: 1.5rem; }
}
"""

HEAD = """<script>
(function () {
  function show(id, tries) {
    var el = document.getElementById(id);
    if (el) {
      el.scrollIntoView({block: "start", behavior: "smooth"});
      el.classList.add("flash");
      setTimeout(function () { el.classList.remove("flash"); }, 1600);
    } else if (tries < 60) {
      setTimeout(function () { show(id, tries + 1); }, 100);
    }
  }
  document.addEventListener("click", function (e) {
    var cite = e.target && e.target.closest ? e.target.closest(".cite") : null;
    if (!cite) return;
    var answer = cite.closest(".answer");
    var turn = answer ? /\\bt-(\\d+)\\b/.exec(answer.className) : null;
    var n = (cite.textContent || "").replace(/\\D/g, "");
    if (turn && n) show("src-" + turn[1] + "-" + n, 0);
  });
})();
</script>"""
