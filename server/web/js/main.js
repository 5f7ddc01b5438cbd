// The applicant's mobile page: the shell (header, network banner, toast), a tiny hash router
// and the session start/stop. Screens live in screens/*.js; each gets a fresh container and a
// context whose `alive` turns false once the user has moved on.

import { api, onUnauthorized } from "./api.js";
import { h, mount } from "./dom.js";
import * as feed from "./feed.js";
import { lang, setLang, t } from "./i18n.js";
import * as queue from "./queue.js";
import * as session from "./session.js";
import { errorBox } from "./ui.js";
import { signOut, startSession } from "./shell.js";
import { caseScreen } from "./screens/case.js";
import { casesScreen } from "./screens/cases.js";
import { eventsScreen } from "./screens/events.js";
import { loginScreen } from "./screens/login.js";
import { newCaseScreen } from "./screens/newcase.js";

const ROUTES = [
  { name: "login", pattern: /^#\/login$/, screen: loginScreen },
  { name: "new", pattern: /^#\/new$/, screen: newCaseScreen },
  { name: "case", pattern: /^#\/case\/(\d+)$/, screen: caseScreen },
  { name: "events", pattern: /^#\/events$/, screen: eventsScreen },
  { name: "cases", pattern: /^(#\/?)?$/, screen: casesScreen },
];

const $ = (id) => document.getElementById(id);
let current = null;

function route() {
  const hash = location.hash;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(hash);
    if (match) return { ...candidate, args: match.slice(1) };
  }
  return { ...ROUTES[ROUTES.length - 1], args: [] };
}

function updateChrome(name) {
  const signedIn = Boolean(session.token());
  $("back").hidden = !signedIn || name === "cases" || name === "login";
  $("back").setAttribute("aria-label", t("back"));
  $("back-text").textContent = t("back");
  $("bell").hidden = !signedIn;
  $("lang").textContent = t("lang_switch");
  $("lang").setAttribute("aria-label", t("lang_switch_label"));
  $("net-text").textContent = t("offline_banner");
  $("net").hidden = navigator.onLine !== false;
  updateBadge();
}

function updateBadge() {
  const count = session.token() ? feed.unread() : 0;
  $("bell-count").textContent = count > 99 ? "99+" : String(count);
  $("bell-count").hidden = count === 0;
  $("bell").setAttribute("aria-label", count ? t("notifications_n", { n: count }) : t("notifications"));
}

async function render() {
  if (current) for (const fn of current.cleanups) fn();
  const target = route();
  if (target.name !== "login" && !session.token()) {
    location.replace("#/login");
    return;
  }
  if (target.name === "login" && session.token()) {
    location.replace("#/");
    return;
  }
  const view = h("div", { class: "view" });
  const ctx = {
    cleanups: [],
    onCleanup(fn) { this.cleanups.push(fn); },
    get alive() { return current === ctx; },
  };
  current = ctx;
  mount($("main"), view);
  updateChrome(target.name);
  window.scrollTo(0, 0);
  try {
    await target.screen(view, ctx, ...target.args);
  } catch (error) {
    if (ctx.alive) mount(view, errorBox(error));
  }
}

onUnauthorized(() => {
  if (!session.token()) return;
  queue.pause();
  signOut({ expired: true });
});

async function boot() {
  setLang(lang());
  $("lang").addEventListener("click", () => {
    setLang(lang() === "zh" ? "en" : "zh");
    $("toast").hidden = true; // it was in the other language
    render();
  });
  $("back").addEventListener("click", () => { location.hash = "#/"; });
  $("bell").addEventListener("click", () => { location.hash = "#/events"; });
  window.addEventListener("hashchange", render);
  window.addEventListener("online", () => { $("net").hidden = true; });
  window.addEventListener("offline", () => { $("net").hidden = false; });
  feed.subscribe(updateBadge);
  if (session.token()) {
    try {
      const me = await api("/me");
      session.signIn(session.token(), me);
      startSession(me);
    } catch (error) {
      if (error.status === 401) session.signOut();
      else if (session.user()) startSession(session.user()); // offline: keep going with what we know
    }
  }
  await render();
}

boot();
