/**
 * docsync.css inside someone else's page (a notebook): the page-wide rules of a served
 * page must not restyle JupyterLab. `scopeSelector` rewrites one selector of docsync.css
 * for a scope element (the output, which holds the banner, the views' root and the toasts)
 * and the root element inside it; `scopedCss` applies it to a parsed stylesheet. Pure but
 * for `scopedCss`, which reads CSSOM rule objects (the browser parses the CSS).
 */

/** Split a selector list at its top-level commas (not those inside parentheses or brackets). */
export function splitSelectors(text) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[") depth += 1;
    else if (c === ")" || c === "]") depth -= 1;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter(Boolean);
}

/**
 * One selector of docsync.css for use inside `scope` (whose views render into `root`), or
 * null to drop it:
 *   `:root...`         -> `scope...`     (the custom properties and theme live on the scope)
 *   `#docsync-root...` -> `root...`      (the element the views render into)
 *   `body`, `html ...` -> dropped        (the page is not ours)
 *   anything else that does not name a docsync class -> `scope selector`
 */
export function scopeSelector(selector, { scope, root }) {
  const s = selector.trim();
  if (/^(html|body)(?![\w-])/.test(s)) return null;
  if (s.startsWith(":root")) return scope + s.slice(":root".length);
  if (s.includes("#docsync-root")) return s.replaceAll("#docsync-root", root);
  if (!/docsync/.test(s)) return `${scope} ${s}`;
  return s;
}

/** The text of CSSOM `rules` (a parsed docsync.css) rewritten by `scopeSelector`. */
export function scopedCss(rules, where) {
  const out = [];
  for (const rule of rules) {
    if (typeof rule.selectorText === "string") {
      const selectors = splitSelectors(rule.selectorText)
        .map((s) => scopeSelector(s, where))
        .filter((s) => s !== null);
      if (selectors.length === 0) continue;
      rule.selectorText = selectors.join(", ");
      out.push(rule.cssText);
    } else if (rule.cssRules && typeof rule.conditionText === "string") {
      const kind = /^@[\w-]+/.exec(rule.cssText)?.[0] ?? "@media"; // @media, @supports, @container
      out.push(`${kind} ${rule.conditionText}{${scopedCss(rule.cssRules, where)}}`);
    } else {
      out.push(rule.cssText);
    }
  }
  return out.join("\n");
}
