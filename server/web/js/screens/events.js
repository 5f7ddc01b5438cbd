// Notifications (信息推送): what happened to my cases, newest first; opening this marks them read.

import { h, mount } from "../dom.js";
import * as feed from "../feed.js";
import { formatTime, lang, t } from "../i18n.js";
import { setTitle } from "../shell.js";

export async function eventsScreen(view, ctx) {
  setTitle(t("events_title"));
  const list = h("div");
  mount(view, list);
  function render() {
    const items = feed.all();
    mount(list, items.length
      ? h("ul", { class: "plain events" }, items.map((event) => {
        const payload = event.payload || {};
        const text = (lang() === "zh" ? payload.message_zh : payload.message_en) || payload.message_zh || event.kind;
        const body = [h("p", null, text), h("p", { class: "muted small" }, formatTime(event.created_at))];
        return h("li", null, event.case_id
          ? h("a", { class: "event", href: `#/case/${event.case_id}` }, body)
          : h("div", { class: "event" }, body));
      }))
      : h("p", { class: "empty" }, t("no_events")));
  }
  render();
  await feed.poll();
  if (!ctx.alive) return;
  render();
  feed.markRead();
  ctx.onCleanup(feed.subscribe((fresh) => {
    if (fresh.length) {
      render();
      feed.markRead();
    }
  }));
}
