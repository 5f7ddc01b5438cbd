// Small shared widgets: status badges, the toast line, loading and error text.

import { h } from "./dom.js";
import { errorText, t } from "./i18n.js";

let toastTimer = null;

/** A short message in the page's live region (read out by screen readers). */
export function toast(text, kind = "info") {
  const el = document.getElementById("toast");
  if (!el) return;
  el.textContent = text;
  el.className = `toast ${kind}`;
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, 5000);
}

export function statusBadge(status) {
  return h("span", { class: `badge st-${status}` }, t(`status_${status}`));
}

export function loading() {
  return h("p", { class: "muted loading", role: "status" }, t("loading"));
}

export function errorBox(error) {
  return h("p", { class: "error", role: "alert" }, errorText(error));
}

/** A titled block of the page. */
export function section(title, ...children) {
  return h("section", { class: "card" }, title ? h("h2", null, title) : null, ...children);
}
