// What every screen may ask of the page around it: its title, and starting or ending the
// applicant's session. main.js routes and draws the chrome; screens import from here, never from
// main.js, so the page's modules form no cycle.
import { api } from "./api.js";
import * as feed from "./feed.js";
import { t } from "./i18n.js";
import * as queue from "./queue.js";
import * as session from "./session.js";
import { toast } from "./ui.js";

export function setTitle(text) {
  document.getElementById("title").textContent = text;
  document.title = `${text} · ${t("app_title")}`;
}

/** Called after a successful login and at start-up with a saved token. */
export function startSession(user) {
  queue.start(user.id);
  feed.start(user.id);
}

export async function signOut({ expired = false } = {}) {
  if (!expired) api("/auth/logout", { method: "POST" }).catch(() => {});
  session.signOut();
  queue.stop();
  feed.stop();
  if (expired) toast(t("session_expired"), "warn");
  // main.js draws the login screen on hashchange (also when already there).
  if (location.hash === "#/login") window.dispatchEvent(new HashChangeEvent("hashchange"));
  else location.hash = "#/login";
}
