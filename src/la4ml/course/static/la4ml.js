/* la4ml site script (loaded on every page, no dependencies).
 *
 * Search snippets: Sphinx's searchtools.js cuts each result's snippet from the text of the page's
 * [role="main"] element. In the book theme that element also holds the article's header bar (the
 * theme switcher "System Settings / Light / Dark", the buttons, the table of contents), so every
 * snippet began with that text. Here the snippet is taken from the article alone.
 */
(function () {
  "use strict";

  const NOISE = [
    ".bd-header-article", ".header-article-items", ".theme-switch-button", ".dropdown-menu",
    ".bd-sidebar-secondary", ".prev-next-area", ".bd-footer-article", ".bd-footer-content",
    ".headerlink", "script", "style", "noscript", ".la4ml-widget"
  ];

  function articleText(htmlString, anchor) {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    for (const sel of NOISE) doc.querySelectorAll(sel).forEach((el) => el.remove());
    const root = doc.querySelector('[role="main"] article') || doc.querySelector('[role="main"]') || doc.body;
    let text = root ? root.textContent : "";
    if (anchor && root) {
      let hit = null;
      try { hit = root.querySelector(anchor); } catch (e) { hit = null; }
      if (hit) text = hit.textContent;
    }
    // One space for each run of white space, so that the snippet around the word found is text.
    return text.replace(/\s+/g, " ").trim();
  }

  function patchSearch() {
    // searchtools.js declares `const Search` at the top level of a classic script: visible here
    // by name (not as window.Search) on the pages that load it.
    if (typeof Search === "undefined" || !Search || typeof Search.htmlToText !== "function") return;
    if (Search.htmlToText.la4ml) return;
    const patched = (htmlString, anchor) => articleText(htmlString, anchor);
    patched.la4ml = true;
    Search.htmlToText = patched;
  }

  patchSearch();
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", patchSearch);
})();
