/**
 * Pasted HTML, reduced before the editor parses it: the editor's schema keeps only what it knows,
 * but parsing can create elements (an <img> starts loading, its onerror is attempted). So the
 * clipboard is read in an inert document first and everything active is removed.
 */
import { isAllowedLinkHref } from "#shared/rich-text-schema.ts";

const REMOVED_ELEMENTS =
  "script, style, iframe, frame, object, embed, img, picture, video, audio, source, svg, math, link, meta, base, form, input, button, textarea, select, template";

/**
 * Renames event-handler attributes inside tags before any parser sees them: Chrome reports (and
 * blocks, under our CSP) an inline handler as soon as a parser meets one, even in an inert document.
 * Text between tags is untouched; the DOM pass below removes whatever this pass misses.
 */
function defuseHandlers(html: string): string {
  return html.replace(/<[^>]*>/g, (tag) => tag.replace(/([\s/])on([\w-]+)\s*=/gi, "$1data-removed-on$2="));
}

export function sanitizePastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(defuseHandlers(html), "text/html");
  for (const element of doc.body.querySelectorAll(REMOVED_ELEMENTS)) element.remove();
  for (const element of doc.body.querySelectorAll("*")) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith("on") || name.startsWith("data-removed-on") || name === "style" || name === "srcdoc" || name === "formaction")
        element.removeAttribute(attribute.name);
    }
    if (element.hasAttribute("href") && !isAllowedLinkHref(element.getAttribute("href"))) element.removeAttribute("href");
  }
  return doc.body.innerHTML;
}
