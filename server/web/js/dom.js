// Building DOM safely. Everything shown from the server goes through text nodes (textContent),
// never innerHTML, so a name or a comment such as `<img src=x onerror=...>` stays text.

const SVG_NS = "http://www.w3.org/2000/svg";
const URL_ATTRS = new Set(["href", "src", "poster", "action"]);
const PROPS = new Set(["value", "checked", "disabled", "hidden", "required", "selected", "multiple", "open",
  "readOnly", "min", "max", "maxLength", "minLength", "step", "type", "name", "id", "htmlFor", "placeholder",
  "autocomplete", "inputMode", "accept", "tabIndex", "controls", "muted", "playsInline", "preload", "rows"]);

/** A URL we are willing to put in src/href: same-origin paths, http(s), or blob: for local previews. */
export function safeUrl(value) {
  if (value == null) return null;
  const text = String(value).trim();
  if (text.startsWith("#") || (text.startsWith("/") && !text.startsWith("//"))) return text;
  try {
    const url = new URL(text, location.href);
    if (["http:", "https:", "blob:"].includes(url.protocol)) return url.href;
  } catch {
    /* not a URL */
  }
  return null;
}

function setAttrs(el, attrs, isSvg) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key.startsWith("on")) {
      if (typeof value === "function") el.addEventListener(key.slice(2).toLowerCase(), value);
      continue; // never a string handler
    }
    if (key === "class") {
      el.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    } else if (key === "style") {
      Object.assign(el.style, value); // CSSOM only (the page's CSP forbids style attributes)
    } else if (key === "dataset") {
      Object.assign(el.dataset, value);
    } else if (URL_ATTRS.has(key)) {
      const url = safeUrl(value);
      if (url) el.setAttribute(key, url);
    } else if (!isSvg && PROPS.has(key)) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? "" : String(value));
    }
  }
}

function append(el, children) {
  for (const child of children) {
    if (child == null || child === false || child === true) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.appendChild(child);
    else el.appendChild(document.createTextNode(String(child)));
  }
}

/** h("button", {class: "btn", onclick: go}, "text", child, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs, false);
  append(el, children);
  return el;
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs, true);
  append(el, children);
  return el;
}

/** Replace an element's children. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
/** A unique id for label/input pairs. */
export function nextId(prefix = "f") {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** An icon from /m/icons (decorative: the text next to it carries the meaning). */
export function icon(name, extra = "") {
  return h("img", { class: `icon ${extra}`.trim(), src: `/m/icons/${name}.svg`, alt: "", "aria-hidden": "true" });
}
