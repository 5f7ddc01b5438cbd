// The case's live video survey (视频踏勘预约): the times the bureau offers, to pick one or ask for
// others; the booked time with a countdown, to reschedule or cancel with a reason; a cancelled
// or finished session. Times are shown in the bureau's time zone (the list says which), with the
// weekday. Updates itself when the feed brings news of the case's live sessions.

import { api } from "../api.js";
import { h, mount, nextId } from "../dom.js";
import * as feed from "../feed.js";
import { errorText, formatTime, lang, t } from "../i18n.js";
import { section, toast } from "../ui.js";

const MAX_MESSAGE = 1000;

/** The section's element, filled once the sessions are loaded (empty while there are none). */
export function liveSection(caseId, ctx) {
  const box = h("div", { class: "live-box" });
  // Forms left open and what was typed in them survive a redraw (news from the feed).
  const state = { list: null, forms: new Set(), drafts: new Map() };
  let countdown = null;

  async function load() {
    try {
      state.list = await api(`/cases/${caseId}/live-sessions`);
    } catch {
      return; // offline: keep what is shown
    }
    if (ctx.alive) render();
  }

  // ----- times -----
  const zone = () => (state.list && state.list.timezone) || undefined;
  const locale = () => (lang() === "zh" ? "zh-CN" : "en-GB");
  function dayText(value) {
    return new Intl.DateTimeFormat(locale(), { timeZone: zone(), month: lang() === "zh" ? "long" : "short",
      day: "numeric", weekday: "short" }).format(new Date(value));
  }
  function clockText(value) {
    return new Intl.DateTimeFormat(locale(), { timeZone: zone(), hour: "2-digit", minute: "2-digit",
      hourCycle: "h23" }).format(new Date(value));
  }
  const slotText = (slot) => `${dayText(slot.starts_at)} ${clockText(slot.starts_at)}–${clockText(slot.ends_at)}`;

  function untilText(ms) {
    const minutes = Math.floor(ms / 60_000);
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const parts = [];
    if (days) parts.push(t("live_days", { n: days }));
    if (days || hours) parts.push(t("live_hours", { n: hours }));
    parts.push(t("live_minutes", { n: minutes % 60 }));
    if (!days && !hours) parts.push(t("live_seconds", { n: Math.floor((ms % 60_000) / 1000) }));
    return parts.join(" ");
  }

  function liveError(error) {
    // The server says why in both languages: its Chinese sentence, or its English message.
    if (lang() === "en" && error && error.status >= 400 && error.message) return error.message;
    return errorText(error);
  }

  // ----- drawing -----
  function render() {
    clearInterval(countdown);
    countdown = null;
    const items = (state.list && state.list.items) || [];
    if (!items.length) {
      mount(box);
      return;
    }
    const [current, ...earlier] = items;
    mount(box, section(t("live_title"), sessionView(current),
      earlier.length ? h("details", { class: "live-earlier" }, h("summary", null, t("live_earlier")),
        h("ul", { class: "plain" }, earlier.map((s) => h("li", { class: "small muted" }, summaryText(s))))) : null));
  }

  function sessionView(session) {
    const view = h("div", { class: `live live-${session.state}`, dataset: { session: String(session.id) } });
    if (session.state === "offered") mount(view, offeredView(session));
    else if (session.state === "booked") mount(view, bookedView(session));
    else if (session.state === "cancelled") mount(view, cancelledView(session));
    else mount(view, h("p", { class: "strong" }, t(`live_state_${session.state}`)));
    return view;
  }

  function offeredView(session) {
    const open = session.slots.filter((s) => s.status === "open" && s.offer_no === session.offer_no
      && new Date(s.starts_at) > new Date());
    const name = nextId("live-slot");
    const message = h("p", { class: "error", role: "alert", hidden: true });
    const choices = open.map((slot) => {
      const id = `${name}-${slot.id}`;
      return h("div", { class: "live-slot" },
        h("input", { type: "radio", name, id, value: String(slot.id), class: "live-radio" }),
        h("label", { htmlFor: id, class: "live-slot-label" }, slotText(slot)));
    });
    const book = h("button", { type: "submit", class: "btn primary block", dataset: { action: "live-pick" } },
      t("live_pick"));
    const form = h("form", { class: "live-pick", onsubmit: async (event) => {
      event.preventDefault();
      const picked = form.querySelector("input.live-radio:checked");
      if (!picked) return showError(message, t("live_pick_first"));
      book.disabled = true;
      try {
        await send(session, "pick", { slot_id: Number(picked.value), version: session.version });
        toast(t("live_booked_ok"), "ok");
      } catch (error) {
        book.disabled = false;
        showError(message, liveError(error));
      }
    } },
    h("fieldset", { class: "live-slots" }, h("legend", null, t("live_offered_intro")), choices),
    message, book);
    const asked = session.other_times_requested;
    const last = session.history[session.history.length - 1];
    const moved = last && last.action === "rescheduled" && last.actor_role !== "applicant" ? last : null;
    return [
      moved ? h("p", { class: "live-moved pre" }, t("live_rescheduled_by_bureau", { reason: moved.message })) : null,
      session.note ? h("p", { class: "live-note pre" }, t("live_note", { note: session.note })) : null,
      open.length ? form : h("p", { class: "muted" }, t("live_no_open_slots")),
      asked ? h("p", { class: "live-asked small" }, t("live_other_times_pending", { message: asked.message })) : null,
      reasonForm(session, "alternatives", { open: t("live_other_times"), label: t("live_other_times_label"),
        placeholder: t("live_other_times_placeholder"), field: "message", done: t("live_other_times_sent") }),
      cancelForm(session),
    ];
  }

  function bookedView(session) {
    const slot = session.booked;
    const when = h("p", { class: "live-when strong" }, slotText(slot));
    const left = h("p", { class: "live-countdown", role: "timer", "aria-live": "off" });
    const tick = () => {
      const now = Date.now();
      const starts = new Date(slot.starts_at).getTime();
      const ends = new Date(slot.ends_at).getTime();
      if (now < starts) left.textContent = t("live_starts_in", { time: untilText(starts - now) });
      else if (now < ends) left.textContent = t("live_started");
      else left.textContent = t("live_time_passed");
    };
    tick();
    countdown = setInterval(tick, 1000);
    return [
      h("p", { class: "chip ok" }, t("live_booked")), when, left,
      session.note ? h("p", { class: "live-note pre" }, t("live_note", { note: session.note })) : null,
      h("p", { class: "small muted" }, t("live_booked_hint")),
      reasonForm(session, "reschedule", { open: t("live_reschedule"), label: t("live_reschedule_label"),
        placeholder: t("live_other_times_placeholder"), field: "reason", done: t("live_rescheduled_ok") }),
      cancelForm(session),
    ];
  }

  function cancelledView(session) {
    const c = session.cancellation || {};
    const who = c.by_role === "applicant" ? t("live_who_applicant") : t("live_who_bureau");
    return h("p", { class: "live-cancellation" },
      t("live_cancelled", { who, time: formatTime(c.at), reason: c.reason || "" }));
  }

  function summaryText(session) {
    const booked = session.booked || session.slots.filter((s) => s.status === "released").pop();
    const when = booked ? slotText(booked) : formatTime(session.created_at);
    return `${when} · ${t(`live_state_${session.state}`)}`;
  }

  // A button that opens a small form with one text (a reason or a message) and sends it.
  function reasonForm(session, action, words) {
    const key = `${session.id}:${action}`;
    const slot = h("div", { class: "live-form-slot" });
    const opener = h("button", { type: "button", class: "btn block", dataset: { action: `live-${action}` } },
      words.open);
    const openForm = () => {
      state.forms.add(key);
      const id = nextId("live-text");
      const text = h("textarea", { id, rows: 3, maxLength: MAX_MESSAGE, required: true,
        placeholder: words.placeholder, value: state.drafts.get(key) || "" });
      text.addEventListener("input", () => state.drafts.set(key, text.value));
      const message = h("p", { class: "error", role: "alert", hidden: true });
      const submit = h("button", { type: "submit", class: "btn primary" }, words.submit || t("send"));
      const form = h("form", { class: "live-form", onsubmit: async (event) => {
        event.preventDefault();
        const value = text.value.trim();
        if (!value) return text.focus();
        submit.disabled = true;
        try {
          state.forms.delete(key);
          await send(session, action, { [words.field]: value, version: session.version });
          state.drafts.delete(key);
          toast(words.done, "ok");
        } catch (error) {
          state.forms.add(key);
          submit.disabled = false;
          showError(message, liveError(error));
        }
      } },
      h("label", { htmlFor: id }, words.label), text, message,
      h("div", { class: "row gap" }, submit, h("button", { type: "button", class: "btn ghost",
        onclick: () => { state.forms.delete(key); mount(slot, opener); } }, words.dismiss || t("cancel"))));
      mount(slot, form);
      return text;
    };
    opener.addEventListener("click", () => openForm().focus());
    if (state.forms.has(key)) openForm();
    else mount(slot, opener);
    return slot;
  }

  function cancelForm(session) {
    return reasonForm(session, "cancel", { open: t("live_cancel"), label: t("live_cancel_label"),
      placeholder: "", field: "reason", done: t("live_cancelled_ok"), submit: t("live_cancel_confirm"),
      dismiss: t("live_keep") });
  }

  function showError(el, text) {
    el.textContent = text;
    el.hidden = false;
  }

  async function send(session, action, body) {
    try {
      await api(`/cases/${caseId}/live-sessions/${session.id}/${action}`, { method: "POST", json: body });
    } catch (error) {
      // The other side may have changed the booking meanwhile: show what it is now, and why
      // this was refused (the form it came from is redrawn away).
      if ([409, 412, 422].includes(error.status)) {
        await load();
        toast(liveError(error), "bad");
      }
      throw error;
    }
    await load();
  }

  ctx.onCleanup(feed.subscribe((fresh) => {
    if (fresh.some((event) => event.case_id === caseId && String(event.kind).startsWith("live."))) load();
  }));
  ctx.onCleanup(() => clearInterval(countdown));
  return { element: box, load };
}
