// Create a case: the item (with its guide), the site from the list, a name, and the item's
// own fields with their types and limits (checked here, and again by the server).

import { allPages, api, getItemTypes } from "../api.js";
import { h, mount, nextId } from "../dom.js";
import { errorText, pick, t } from "../i18n.js";
import { setTitle } from "../shell.js";
import { loading } from "../ui.js";

export async function newCaseScreen(view, ctx) {
  setTitle(t("new_case_title"));
  mount(view, loading());
  const [items, sites] = await Promise.all([getItemTypes(), allPages("/sites")]);
  if (!ctx.alive) return;

  const itemId = nextId("item");
  const siteId = nextId("site");
  const titleId = nextId("title");
  const itemSelect = h("select", { id: itemId, required: true },
    h("option", { value: "" }, t("choose")),
    items.map((item) => h("option", { value: item.code }, pick(item, "name"))));
  const siteSelect = h("select", { id: siteId, required: true },
    h("option", { value: "" }, t("choose")),
    sites.map((site) => h("option", { value: String(site.id) }, site.address ? `${site.name}（${site.address}）` : site.name)));
  const title = h("input", { id: titleId, required: true, maxLength: 200, placeholder: t("case_title_hint") });
  const guide = h("div", { class: "guide" });
  const fieldsBox = h("div", { class: "fields" });
  const message = h("p", { class: "error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "btn primary block" }, t("create"));
  let inputs = [];

  function showItem() {
    const item = items.find((candidate) => candidate.code === itemSelect.value);
    guide.replaceChildren();
    inputs = [];
    fieldsBox.replaceChildren();
    if (!item) return;
    const text = pick(item, "guide");
    if (text) guide.append(h("details", { open: true }, h("summary", null, t("guide")), h("p", { class: "pre" }, text)));
    for (const field of item.fields) {
      const id = nextId("field");
      const isInt = field.type === "int";
      const input = h("input", {
        id, name: field.key, required: field.required, type: isInt ? "number" : "text",
        inputMode: isInt ? "numeric" : null, step: isInt ? "1" : null, maxLength: isInt ? null : 200,
      });
      if (isInt && field.min != null) input.min = String(field.min);
      if (isInt && field.max != null) input.max = String(field.max);
      const hint = limitHint(field);
      inputs.push({ field, input });
      fieldsBox.append(
        h("label", { htmlFor: id }, pick(field, "label"), field.required ? h("span", { class: "reqmark" }, t("required_mark")) : null),
        input);
      if (hint) fieldsBox.append(h("p", { class: "hint" }, hint));
    }
  }
  itemSelect.addEventListener("change", showItem);

  function collect() {
    const values = {};
    for (const { field, input } of inputs) {
      const label = pick(field, "label");
      const raw = input.value.trim();
      if (!raw) {
        if (field.required) return { error: t("field_required", { label }), input };
        continue;
      }
      if (field.type === "int") {
        if (!/^-?\d+$/.test(raw)) return { error: t("field_int", { label }), input };
        const value = Number(raw);
        if ((field.min != null && value < field.min) || (field.max != null && value > field.max)) {
          return { error: t("field_range", { label, min: field.min ?? "−∞", max: field.max ?? "∞" }), input };
        }
        values[field.key] = value;
      } else {
        values[field.key] = raw;
      }
    }
    return { values };
  }

  async function submit(event) {
    event.preventDefault();
    message.hidden = true;
    const fail = (text, input) => {
      message.textContent = text;
      message.hidden = false;
      if (input) input.focus();
    };
    if (!itemSelect.value) return fail(t("field_required", { label: t("item_type") }), itemSelect);
    if (!siteSelect.value) return fail(t("field_required", { label: t("site") }), siteSelect);
    if (!title.value.trim()) return fail(t("field_required", { label: t("case_title") }), title);
    const { values, error, input } = collect();
    if (error) return fail(error, input);
    button.disabled = true;
    button.textContent = t("creating");
    try {
      const created = await api("/cases", { method: "POST", json: {
        item_type: itemSelect.value, site_id: Number(siteSelect.value), title: title.value.trim(), fields: values,
      } });
      location.hash = `#/case/${created.id}`;
    } catch (exc) {
      fail(errorText(exc));
    } finally {
      button.disabled = false;
      button.textContent = t("create");
    }
  }

  mount(view, h("form", { class: "card form", onsubmit: submit, novalidate: true },
    h("label", { htmlFor: itemId }, t("item_type"), h("span", { class: "reqmark" }, t("required_mark"))), itemSelect,
    guide,
    h("label", { htmlFor: siteId }, t("site"), h("span", { class: "reqmark" }, t("required_mark"))),
    sites.length ? siteSelect : h("p", { class: "warn-text" }, t("no_sites")),
    h("label", { htmlFor: titleId }, t("case_title"), h("span", { class: "reqmark" }, t("required_mark"))), title,
    fieldsBox,
    message,
    button));
  if (items.length === 1) {
    itemSelect.value = items[0].code;
    showItem();
  }
}

function limitHint(field) {
  if (field.type !== "int") return "";
  if (field.min != null && field.max != null) return t("range", { min: field.min, max: field.max });
  if (field.min != null) return t("at_least", { min: field.min });
  if (field.max != null) return t("at_most", { max: field.max });
  return "";
}
