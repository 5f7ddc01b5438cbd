// The applicant's notification feed (GET /events?after=N), polled for the badge on the bell.

import { api } from "./api.js";

const POLL_MS = 20_000;
const KEEP = 100;
const bus = new EventTarget();
let items = [];
let after = 0;
let userId = null;
let timer = null;
let polling = false;

const seenKey = () => `takan.seen.${userId}`;

export function subscribe(fn) {
  const handler = (event) => fn(event.detail);
  bus.addEventListener("feed", handler);
  return () => bus.removeEventListener("feed", handler);
}

export function start(id) {
  stop();
  userId = id;
  items = [];
  after = 0;
  poll();
  timer = setInterval(poll, POLL_MS);
}

export function stop() {
  clearInterval(timer);
  timer = null;
  userId = null;
}

export async function poll() {
  if (polling || userId == null) return;
  polling = true;
  const fresh = [];
  try {
    for (let page = 0; page < 10; page += 1) {
      const body = await api("/events", { query: { after, limit: 100 } });
      fresh.push(...body.items);
      after = body.next_after;
      if (body.items.length < 100) break;
    }
  } catch {
    /* offline or signed out: try again at the next tick */
  } finally {
    polling = false;
  }
  if (fresh.length) {
    items = [...items, ...fresh].slice(-KEEP);
    bus.dispatchEvent(new CustomEvent("feed", { detail: fresh }));
  }
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") poll();
});

export function all() {
  return [...items].reverse(); // newest first
}

function seen() {
  try {
    return Number(localStorage.getItem(seenKey()) || 0);
  } catch {
    return 0;
  }
}

export function unread() {
  const last = seen();
  return items.filter((item) => item.id > last).length;
}

export function markRead() {
  const last = items.length ? items[items.length - 1].id : 0;
  try {
    localStorage.setItem(seenKey(), String(Math.max(last, seen())));
  } catch {
    /* the badge comes back after a reload */
  }
  bus.dispatchEvent(new CustomEvent("feed", { detail: [] }));
}
