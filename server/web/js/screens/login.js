// Sign in with username and password (POST /auth/login). Only applicants use this page.

import { api } from "../api.js";
import { h, mount, nextId } from "../dom.js";
import { errorText, t } from "../i18n.js";
import { setTitle, startSession } from "../shell.js";
import * as session from "../session.js";

export async function loginScreen(view) {
  setTitle(t("app_title"));
  const userId = nextId("user");
  const passId = nextId("pass");
  const message = h("p", { class: "error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "btn primary block" }, t("login"));
  const username = h("input", { id: userId, name: "username", autocomplete: "username", required: true,
    maxLength: 64, autocapitalize: "none", spellcheck: "false" });
  const password = h("input", { id: passId, name: "password", type: "password", autocomplete: "current-password",
    required: true, maxLength: 256 });

  async function submit(event) {
    event.preventDefault();
    message.hidden = true;
    button.disabled = true;
    button.textContent = t("logging_in");
    try {
      const body = await api("/auth/login", { method: "POST",
        json: { username: username.value.trim(), password: password.value } });
      if (body.user.role !== "applicant") {
        await fetch("/api/v1/auth/logout", { method: "POST", headers: { Authorization: `Bearer ${body.token}` } })
          .catch(() => {});
        throw Object.assign(new Error("not an applicant"), { status: 403, code: "not_applicant" });
      }
      session.signIn(body.token, body.user);
      startSession(body.user);
      location.hash = "#/";
    } catch (error) {
      message.textContent = loginError(error);
      message.hidden = false;
      password.value = "";
      password.focus();
    } finally {
      button.disabled = false;
      button.textContent = t("login");
    }
  }

  mount(view,
    h("form", { class: "card login", onsubmit: submit, novalidate: false },
      h("h1", null, t("login_title")),
      h("p", { class: "muted" }, t("login_intro")),
      h("label", { htmlFor: userId }, t("username")), username,
      h("label", { htmlFor: passId }, t("password")), password,
      message,
      button));
  username.focus();
}

function loginError(error) {
  if (error.code === "bad_credentials") return t("bad_credentials");
  if (error.code === "login_locked") return t("login_locked", { s: error.detail.retry_after_s ?? "" });
  if (error.code === "account_disabled") return t("account_disabled");
  if (error.code === "not_applicant") return t("not_applicant");
  return errorText(error);
}
