// My cases: status, and for the ones still being put together what is missing (from the
// evidence coverage) and how the uploads stand.

import { allPages, api } from "../api.js";
import { h, icon, mount } from "../dom.js";
import { formatDate, joinList, pick, t } from "../i18n.js";
import { setTitle, signOut } from "../shell.js";
import * as queue from "../queue.js";
import * as session from "../session.js";
import { loading, statusBadge } from "../ui.js";

const EDITABLE = new Set(["draft", "rectification_requested"]);

export async function casesScreen(view, ctx) {
  setTitle(t("my_cases"));
  const list = h("div", { class: "case-list" }, loading());
  const me = session.user();
  mount(view,
    h("a", { class: "btn primary block", href: "#/new" }, icon("plus"), t("new_case")),
    list,
    h("div", { class: "account" },
      h("p", { class: "muted" }, t("signed_in_as", { name: me ? me.display_name : "" })),
      h("button", { type: "button", class: "btn ghost", onclick: () => signOut() }, t("logout"))));

  const cases = await allPages("/cases");
  if (!ctx.alive) return;
  if (!cases.length) {
    mount(list, h("p", { class: "empty" }, t("no_cases")));
    return;
  }
  const cards = new Map(cases.map((item) => [item.id, caseCard(item)]));
  mount(list, h("ul", { class: "plain" }, [...cards.values()].map((card) => h("li", null, card.el))));
  ctx.onCleanup(queue.subscribe(({ type }) => {
    if (type !== "progress") cards.forEach((card) => card.showUploads());
  }));
  // What is missing: only for cases that can still take evidence.
  await Promise.all(cases.filter((item) => EDITABLE.has(item.status)).map(async (item) => {
    try {
      const evidence = await api(`/cases/${item.id}/evidence`);
      if (ctx.alive) cards.get(item.id).showCoverage(evidence.coverage);
    } catch {
      /* the card stays without it */
    }
  }));
}

function caseCard(item) {
  const missing = h("p", { class: "missing" });
  const uploads = h("p", { class: "uploads" });
  const rect = item.status === "rectification_requested" ? item.rectification : null;
  const titles = new Map(item.checklist.map((r) => [r.key, pick(r, "title")]));
  const el = h("a", { class: "case-card", href: `#/case/${item.id}` },
    h("div", { class: "row" }, h("strong", { class: "case-title" }, item.title), statusBadge(item.status)),
    h("p", { class: "muted small" }, `${item.reference} · ${pick(item.item_type, "name")}`),
    h("p", { class: "muted small" }, item.site.name),
    rect ? h("p", { class: rect.overdue ? "warn-text strong" : "warn-text" },
      t("redo_n", { list: joinList(rect.requirements.map((key) => titles.get(key) || key)) }), " · ",
      t("deadline", { date: formatDate(rect.deadline) }), rect.overdue ? ` · ${t("overdue")}` : "") : null,
    missing, uploads);
  function showCoverage(coverage) {
    if (rect) return; // what counts is the re-shoot the officers asked for (shown above)
    const lacking = coverage.filter((c) => c.required && !c.satisfied);
    if (!lacking.length) {
      missing.textContent = t("all_present");
      missing.className = "ok-text";
      return;
    }
    const names = lacking.map((c) => pick(c, "title"));
    const shown = names.length > 3 ? [...names.slice(0, 3), "…"] : names;
    missing.textContent = t("missing_n", { n: lacking.length, list: joinList(shown) });
    missing.className = "missing";
  }
  function showUploads() {
    const jobs = queue.jobsFor(item.id);
    const failed = jobs.filter((job) => job.state === "failed").length;
    const pending = jobs.length - failed;
    uploads.replaceChildren();
    if (pending) uploads.append(h("span", { class: "chip" }, t("uploading_n", { n: pending })));
    if (failed) uploads.append(h("span", { class: "chip bad" }, t("failed_n", { n: failed })));
  }
  showUploads();
  return { el, showCoverage, showUploads };
}
