// Finds the article on a page: the container (an <article>, <main>, or the densest block of <p>
// paragraphs) and its text blocks, minus navigation, ads, asides, comments and footers.
// A classic content script (injected by the popup before content.js): it defines AAArticle in the
// extension's isolated world, which the page cannot see.

globalThis.AAArticle ??= (() => {
  // The article's text lives in these; a block nested in another block is read by the inner one.
  const BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, dd, dt";
  const NOISE_TAGS = new Set(["NAV", "ASIDE", "FOOTER", "FORM", "BUTTON", "DIALOG", "MENU", "FIGURE", "INS", "TEMPLATE", "NOSCRIPT"]);
  const NOISE_ROLES = new Set(["navigation", "complementary", "contentinfo", "banner", "search", "dialog", "alertdialog", "menu", "menubar", "form"]);
  // Words of class names and ids that mark page furniture rather than the story.
  const NOISE_WORDS = new Set([
    "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adsbygoogle", "sponsor", "sponsored", "promo",
    "promoted", "banner", "comment", "comments", "disqus", "related", "recommended", "share", "sharing", "social",
    "newsletter", "subscribe", "signup", "sidebar", "footer", "nav", "navbar", "navigation", "menu", "breadcrumb",
    "breadcrumbs", "cookie", "cookies", "consent", "popup", "modal", "outbrain", "taboola", "paywall",
  ]);
  const MIN_PARAGRAPH = 20; // characters: shorter <p>s are bylines, captions, buttons
  const MIN_ARTICLE = 200; // characters of paragraphs an <article>/<main> needs to count as the story

  const words = (el) => `${typeof el.className === "string" ? el.className : ""} ${el.id}`.toLowerCase().split(/[^a-z0-9]+/);

  /** Whether `el`, or an ancestor up to (not including) `stop`, is furniture or hidden. */
  function noisy(el, stop, useWords) {
    for (let node = el; node && node !== stop && node.nodeType === 1; node = node.parentElement) {
      if (NOISE_TAGS.has(node.tagName) || node.hidden || node.getAttribute("aria-hidden") === "true") return true;
      if (NOISE_ROLES.has(node.getAttribute("role"))) return true;
      if (useWords && words(node).some((w) => NOISE_WORDS.has(w))) return true;
    }
    return false;
  }

  const visible = (el) => el.getClientRects().length > 0;
  const length = (el) => el.textContent.trim().length;

  function find(doc, useWords) {
    const body = doc.body;
    const paragraphs = [...body.querySelectorAll("p")].filter((p) => length(p) >= MIN_PARAGRAPH && visible(p) && !noisy(p, body, useWords));
    if (paragraphs.length === 0) return null;
    const score = (el) => paragraphs.reduce((n, p) => n + (el.contains(p) ? length(p) : 0), 0);

    // An <article>/<main> holding most paragraph text; the innermost one when they nest (main > article).
    const candidates = [...body.querySelectorAll("article, main, [role=main], [itemprop=articleBody]")]
      .filter((el) => !noisy(el, body, useWords))
      .map((el) => ({ el, score: score(el) }));
    const best = Math.max(0, ...candidates.map((c) => c.score));
    let container = null;
    if (best >= MIN_ARTICLE) {
      const good = candidates.filter((c) => c.score >= 0.85 * best);
      container = good.find((c) => !good.some((o) => o !== c && c.el.contains(o.el)))?.el ?? null;
    }
    if (!container) {
      // No semantic container: the parent holding the most paragraph text.
      const byParent = new Map();
      for (const p of paragraphs) byParent.set(p.parentElement, (byParent.get(p.parentElement) ?? 0) + length(p));
      container = [...byParent].sort((a, b) => b[1] - a[1])[0][0];
    }
    const blocks = [...container.querySelectorAll(BLOCKS)].filter(
      (b) => !b.querySelector(BLOCKS) && length(b) > 0 && visible(b) && !noisy(b, container, useWords),
    );
    return blocks.length ? { container, blocks } : null;
  }

  /**
   * `{ container, blocks }` or null. Class names are a guess: when they would hide everything
   * (a layout class such as "with-sidebar" on a wrapper), tags and roles alone decide.
   */
  function findArticle(doc = document) {
    if (!doc.body) return null;
    return find(doc, true) ?? find(doc, false);
  }

  return { findArticle };
})();
