// One case: the challenge code, what the officers asked to fix, the booking of a live video
// survey (screens/live.js), the checklist with capture buttons, each uploaded item with the
// checks the applicant may see (so a bad photo can be re-shot at once, still on site), the upload
// queue's progress, submit / resubmit / withdraw, the officers' messages with replies, and the
// rating once the case is decided.

import { allPages, api, getItemTypes } from "../api.js";
import { annotatedImage, annotationLabels } from "../annotate.js";
import { h, icon, mount, nextId, safeUrl } from "../dom.js";
import * as feed from "../feed.js";
import { currentPosition } from "../geo.js";
import { errorText, formatDate, formatTime, joinList, pick, t } from "../i18n.js";
import { setTitle } from "../shell.js";
import * as queue from "../queue.js";
import * as session from "../session.js";
import { loading, section, statusBadge, toast } from "../ui.js";
import { liveSection } from "./live.js";

const EDITABLE = new Set(["draft", "rectification_requested"]);
const DECIDED = new Set(["approved", "rejected"]);
const CHECK_ICON = { pass: "check-pass", warn: "check-warn", fail: "check-fail", unknown: "check-unknown" };

export async function caseScreen(view, ctx, idText) {
  const caseId = Number(idText);
  const state = { case: null, evidence: { items: [], coverage: [] }, annotations: [], comments: [], rating: null,
    item: null, fresh: new Set(), lacking: new Set(), notes: new Map() };
  const boxes = {
    head: h("div"), rect: h("div"), code: h("div"), guide: h("div"), checklist: h("div", { class: "checklist" }),
    actions: h("div", { class: "actions" }), comments: h("div"), rating: h("div"),
  };
  const editable = () => EDITABLE.has(state.case.status);
  const title = (key) => {
    const req = state.case.checklist.find((r) => r.key === key);
    return req ? pick(req, "title") : key;
  };
  const live = liveSection(caseId, ctx);
  mount(view, loading());

  // ----- data -----
  async function loadCase() {
    const [item, evidence, annotations] = await Promise.all([
      api(`/cases/${caseId}`),
      api(`/cases/${caseId}/evidence`),
      api(`/cases/${caseId}/annotations`).then((b) => b.items || []).catch(() => []),
    ]);
    state.case = item;
    state.evidence = evidence;
    state.annotations = annotations.filter((a) => !a.deleted);
  }
  async function loadComments() {
    state.comments = await allPages(`/cases/${caseId}/comments`).catch(() => state.comments);
  }
  async function loadRating() {
    if (!DECIDED.has(state.case.status)) return;
    try {
      state.rating = await api(`/cases/${caseId}/rating`);
    } catch (error) {
      if (error.status !== 404) throw error;
      state.rating = null;
    }
  }
  async function loadItem() {
    const types = await getItemTypes().catch(() => []);
    state.item = types.find((x) => x.code === state.case.item_type.code)
      || (await api(`/item-types/${state.case.item_type.code}`).catch(() => null));
  }

  await loadCase();
  await Promise.all([loadComments(), loadRating(), loadItem(), live.load()]);
  if (!ctx.alive) return;
  setTitle(state.case.reference);
  mount(view, boxes.head, boxes.code, boxes.rect, live.element, boxes.guide, boxes.checklist, boxes.actions,
    boxes.comments, boxes.rating);
  renderAll();

  async function refresh({ comments = false } = {}) {
    try {
      await loadCase();
      if (comments) await loadComments();
      await loadRating();
    } catch {
      return; // offline: keep what is shown
    }
    if (!ctx.alive) return;
    renderAll({ comments });
  }

  function renderAll({ comments = true } = {}) {
    renderHead();
    renderCode();
    renderRectification();
    renderGuide();
    renderChecklist();
    renderActions();
    if (comments) renderComments();
    renderRating();
  }

  // ----- head, code, rectification, guide -----
  function renderHead() {
    const c = state.case;
    const decision = c.status === "approved" ? t("decision_approved") : c.status === "rejected" ? t("decision_rejected") : "";
    mount(boxes.head, section(null,
      h("div", { class: "row" }, h("h1", { class: "case-title" }, c.title), statusBadge(c.status)),
      h("p", { class: "muted" }, `${t("reference")} ${c.reference}`),
      h("p", null, pick(c.item_type, "name")),
      h("p", { class: "muted small" }, c.site.address ? `${c.site.name} · ${c.site.address}` : c.site.name),
      c.submitted_at && !DECIDED.has(c.status) && c.status !== "withdrawn"
        ? h("p", { class: "small" }, t("submitted_at", { time: formatTime(c.submitted_at) }),
          c.due_date ? ` · ${t("due_date", { date: formatDate(c.due_date) })}` : "") : null,
      decision ? h("p", { class: c.status === "approved" ? "ok-text strong" : "bad-text strong" }, decision,
        c.decided_at ? ` ${formatTime(c.decided_at)}` : "") : null));
  }

  function renderCode() {
    const code = state.case.challenge_code || "";
    mount(boxes.code, editable() ? h("section", { class: "card code-card", "aria-label": t("challenge_code") },
      h("p", { class: "code-label" }, t("challenge_code")),
      h("p", { class: "challenge", "aria-label": code.split("").join(" ") }, code),
      h("p", { class: "code-instruction" }, t("challenge_instruction"))) : null);
  }

  function renderRectification() {
    const rect = state.case.rectification;
    if (!rect || state.case.status !== "rectification_requested") {
      mount(boxes.rect);
      return;
    }
    mount(boxes.rect, h("section", { class: `card rect-card${rect.overdue ? " overdue" : ""}`, role: "region",
      "aria-label": t("rectification", { n: rect.round }) },
    h("h2", null, t("rectification", { n: rect.round })),
    rect.deadline ? h("p", { class: rect.overdue ? "bad-text strong" : "strong" },
      t("deadline", { date: formatDate(rect.deadline) }), rect.overdue ? ` · ${t("overdue")}` : "") : null,
    rect.reasons ? h("div", null, h("h3", null, t("reasons")), h("p", { class: "pre" }, rect.reasons)) : null,
    rect.requirements.length ? h("div", null, h("h3", null, t("redo_items")),
      h("ul", null, rect.requirements.map((key) => h("li", null,
        h("a", { href: `#/case/${caseId}`, onclick: (e) => { e.preventDefault(); jumpTo(key); } }, title(key)))))) : null));
  }

  function jumpTo(key) {
    const target = boxes.checklist.querySelector(`[data-req="${CSS.escape(key)}"]`);
    if (target) {
      target.scrollIntoView({ behavior: "smooth", block: "start" });
      target.focus({ preventScroll: true });
    }
  }

  function renderGuide() {
    const text = state.item ? pick(state.item, "guide") : "";
    mount(boxes.guide, text ? h("section", { class: "card" },
      h("details", { open: state.evidence.items.length === 0 }, h("summary", null, t("guide")),
        h("p", { class: "pre" }, text))) : null);
  }

  // ----- checklist -----
  function renderChecklist() {
    const redo = new Set(state.case.status === "rectification_requested" && state.case.rectification
      ? state.case.rectification.requirements : []);
    mount(boxes.checklist, h("h2", { class: "section-title" }, t("checklist")),
      state.case.checklist.map((req) => requirementCard(req, redo.has(req.key))));
  }

  function requirementCard(req, redo) {
    const coverage = state.evidence.coverage.find((c) => c.key === req.key) || { count: 0, min_count: req.min_count };
    const items = state.evidence.items.filter((e) => e.requirement_key === req.key);
    const current = items.filter((e) => e.superseded_by == null);
    const replaced = items.length - current.length;
    const kind = t(req.kind);
    const classes = ["card", "req", redo ? "redo" : "", state.lacking.has(req.key) ? "lacking" : "",
      coverage.satisfied ? "done" : ""];
    const jobsBox = h("div", { class: "jobs", dataset: { jobs: req.key } });
    renderJobs(jobsBox, req.key);
    const note = h("p", { class: "capture-note muted small", role: "status" }, state.notes.get(req.key) || "");
    return h("article", { class: classes, dataset: { req: req.key }, tabIndex: -1,
      "aria-label": pick(req, "title") },
    h("div", { class: "row top" },
      h("h3", null, icon(req.kind === "video" ? "video" : "camera", "kind"), pick(req, "title")),
      h("span", { class: coverage.satisfied ? "count ok" : "count" },
        t("have_count", { count: coverage.count, min: coverage.min_count ?? req.min_count }),
        coverage.satisfied ? icon("check-pass") : null)),
    h("p", { class: "chips" },
      redo ? h("span", { class: "chip bad" }, t("to_redo")) : null,
      !req.required ? h("span", { class: "chip" }, t("optional")) : null,
      h("span", { class: "chip" }, t("need_count", { n: req.min_count, kind: t(`unit_${req.kind}`) })),
      req.kind === "video" && req.min_duration_s ? h("span", { class: "chip" }, t("min_duration", { s: req.min_duration_s })) : null),
    pick(req, "guidance") ? h("p", { class: "guidance" }, pick(req, "guidance")) : null,
    samples(req),
    current.length ? h("ul", { class: "plain evidence-list" }, current.map((e) => evidenceItem(e, req))) : null,
    replaced ? h("p", { class: "muted small" }, `${t("superseded")} × ${replaced}`) : null,
    jobsBox,
    note,
    editable() ? captureControl(req, null, coverage.satisfied) : null);
  }

  function samples(req) {
    const urls = (req.sample_media || []).map(safeUrl).filter(Boolean);
    if (!urls.length) return null;
    return h("div", { class: "samples" }, h("p", { class: "muted small" }, t("sample")),
      h("div", { class: "sample-row" }, urls.map((url) => /\.(mp4|mov|webm)(\?|$)/i.test(url)
        ? h("video", { src: url, controls: true, preload: "none", playsInline: true, class: "sample" })
        : h("img", { src: url, alt: `${t("sample")}${pick(req, "title")}`, class: "sample", loading: "lazy" }))));
  }

  function evidenceItem(e, req) {
    const annotations = state.annotations.filter((a) => a.evidence_id === e.id);
    const thumb = e.urls && (e.urls.thumb_256 || e.urls.poster);
    const open = () => openViewer(e, req, annotations);
    const kindText = t(e.kind);
    return h("li", { class: state.fresh.has(e.id) ? "evidence fresh" : "evidence", dataset: { evidence: String(e.id) } },
      h("div", { class: "evidence-head" },
        thumb ? annotatedImage(thumb, annotations, { small: true, onOpen: open, alt: "",
          label: `${t("view_item", { kind: kindText })}：${pick(req, "title")}` })
          : h("button", { type: "button", class: "thumb-button placeholder", onclick: open }, kindText),
        h("div", { class: "evidence-meta" },
          state.fresh.has(e.id) ? h("p", { class: "chip ok" }, t("just_uploaded")) : null,
          h("p", { class: "muted small" }, formatTime(e.received_at),
            e.metadata && e.metadata.duration_s ? ` · ${Math.round(e.metadata.duration_s)} s` : ""),
          annotations.length ? h("p", { class: "bad-text small strong" }, t("annotations_n", { n: annotations.length })) : null,
          editable() ? captureControl(req, e) : null)),
      checksList(e.checks));
  }

  function checksList(checks) {
    if (!checks || !checks.length) return null;
    return h("ul", { class: "checks", "aria-label": t("checks") }, checks.map((check) => h("li", { class: `check ${check.status}` },
      h("img", { class: "icon", src: `/m/icons/${CHECK_ICON[check.status] || "check-unknown"}.svg`,
        alt: t(`check_${check.status}`) || check.status }),
      h("span", null, pick(check, "message") || check.name))));
  }

  // ----- capture -----
  function captureControl(req, replacing, another = false) {
    const id = nextId("cap");
    const action = replacing ? t("reshoot") : another ? t(`take_another_${req.kind}`)
      : req.kind === "video" ? t("take_video") : t("take_photo");
    // The camera opens from the file input (capture="environment": the back camera).
    const input = h("input", { id, type: "file", class: "visually-hidden",
      accept: req.kind === "video" ? "video/*" : "image/*", capture: "environment",
      "aria-label": replacing ? t("reshoot_label", { title: pick(req, "title") })
        : t("capture_label", { action, title: pick(req, "title") }),
      dataset: replacing ? { reshoot: String(replacing.id) } : { capture: req.key } });
    input.addEventListener("change", () => captured(input, req, replacing));
    const style = replacing ? "btn small capture reshoot" : another ? "btn capture" : "btn primary capture";
    return h("label", { class: style, htmlFor: id },
      icon(replacing ? "redo" : `${req.kind === "video" ? "video" : "camera"}${another ? "" : "-white"}`), action, input);
  }

  async function captured(input, req, replacing) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    const capturedAt = new Date().toISOString(); // the moment the camera handed the file back
    const looksVideo = file.type.startsWith("video/");
    const looksImage = file.type.startsWith("image/");
    if ((req.kind === "photo" && looksVideo) || (req.kind === "video" && looksImage)) {
      toast(t(`wrong_kind_${req.kind}`), "warn");
      return;
    }
    setNote(req.key, t("locating"));
    const position = await currentPosition();
    const meta = { captured_at: capturedAt, device_id: session.deviceId(), replaces: replacing ? replacing.id : null };
    if (position.error) {
      setNote(req.key, t("no_position", { why: t(`geo_${position.error}`) }));
    } else {
      Object.assign(meta, { lat: position.lat, lon: position.lon, accuracy: position.accuracy });
      setNote(req.key, t("position_ok", { m: Math.round(position.accuracy) }));
    }
    await queue.enqueue({ caseId, caseRef: state.case.reference, requirement: req.key, kind: req.kind, file, meta });
  }

  function setNote(key, text) {
    state.notes.set(key, text);
    const el = boxes.checklist.querySelector(`[data-req="${CSS.escape(key)}"] .capture-note`);
    if (el) el.textContent = text;
  }

  // ----- upload jobs -----
  function renderJobs(box, key) {
    mount(box, queue.jobsFor(caseId).filter((job) => job.requirement === key).map(jobView));
  }

  function jobView(job) {
    const pct = job.size ? Math.floor((100 * (job.sent || 0)) / job.size) : 0;
    const bar = h("progress", { max: job.size || 1, value: job.sent || 0, "aria-label": job.name });
    const failed = job.state === "failed";
    return h("div", { class: `job ${job.state}`, dataset: { job: job.id, state: job.state } },
      h("div", { class: "row" }, h("span", { class: "job-name small" }, job.name),
        h("span", { class: "small muted" }, sizeText(job.size))),
      failed ? null : bar,
      h("p", { class: failed ? "job-status bad-text" : "job-status small", role: failed ? "alert" : null },
        jobText(job, pct)),
      failed || job.state === "retrying" || job.state === "offline" ? h("div", { class: "row gap" },
        // Retrying helps after a network or server trouble; a refused file needs a new shot instead.
        !failed || retryable(job.error) ? h("button", { type: "button", class: "btn small",
          onclick: () => queue.retry(job.id) }, t("retry")) : null,
        h("button", { type: "button", class: "btn small ghost", onclick: () => queue.remove(job.id) }, t("remove"))) : null);
  }

  function jobText(job, pct) {
    let text;
    switch (job.state) {
      case "uploading": text = t("job_uploading", { pct }); break;
      case "finishing": text = t("job_finishing"); break;
      case "retrying": text = t("job_retrying", { s: Math.max(0, Math.ceil((job.retryAt - Date.now()) / 1000)) }); break;
      case "offline": text = t("job_offline"); break;
      case "failed":
        text = t("job_failed_why", {
          why: job.error && job.error.code === "file_lost" ? t("job_lost") : errorText(job.error) });
        break;
      default: text = queue.isPaused() ? t("job_paused") : t("job_queued");
    }
    return job.kept ? text : text + t("job_not_kept");
  }

  function updateProgress(job) {
    const el = boxes.checklist.querySelector(`[data-job="${job.id}"]`);
    if (!el) return;
    const bar = el.querySelector("progress");
    if (bar) bar.value = job.sent || 0;
    const pct = job.size ? Math.floor((100 * (job.sent || 0)) / job.size) : 0;
    el.querySelector(".job-status").textContent = jobText(job, pct);
  }

  function rerenderJobs(key) {
    const box = boxes.checklist.querySelector(`[data-jobs="${CSS.escape(key)}"]`);
    if (box) renderJobs(box, key);
  }

  ctx.onCleanup(queue.subscribe(({ type, job }) => {
    if (job && job.caseId !== caseId) return;
    if (type === "progress") return updateProgress(job);
    if (type === "done") {
      state.fresh.add(job.evidenceId);
      state.lacking.delete(job.requirement);
      state.notes.delete(job.requirement);
      refresh();
      return;
    }
    if (job) rerenderJobs(job.requirement);
    else state.case.checklist.forEach((req) => rerenderJobs(req.key));
  }));
  // The retry countdown.
  const ticker = setInterval(() => {
    for (const job of queue.jobsFor(caseId)) if (job.state === "retrying") updateProgress(job);
  }, 1000);
  ctx.onCleanup(() => clearInterval(ticker));
  // Officers act on the case: show it without a reload.
  ctx.onCleanup(feed.subscribe((fresh) => {
    if (fresh.some((event) => event.case_id === caseId)) refresh({ comments: true });
  }));

  // ----- submit, withdraw -----
  function renderActions() {
    const c = state.case;
    const message = h("p", { class: "error", role: "alert", hidden: true });
    const buttons = [];
    if (editable()) {
      const label = c.status === "rectification_requested" ? t("resubmit") : t("submit");
      const button = h("button", { type: "button", class: "btn primary block", dataset: { action: "submit" } }, label);
      button.addEventListener("click", () => submit(button, label, message));
      buttons.push(button);
    }
    if (c.status === "draft" || c.status === "submitted") {
      buttons.push(h("button", { type: "button", class: "btn ghost block", onclick: withdraw }, t("withdraw")));
    }
    mount(boxes.actions, buttons.length ? h("section", { class: "card" }, message, buttons) : null);
  }

  async function submit(button, label, message) {
    message.hidden = true;
    const pending = queue.pendingCount(caseId);
    if (pending) {
      message.textContent = t("uploads_pending", { n: pending });
      message.hidden = false;
      return;
    }
    button.disabled = true;
    button.textContent = t("submitting");
    try {
      await api(`/cases/${caseId}/submit`, { method: "POST", json: {} });
      state.lacking.clear();
      state.fresh.clear();
      toast(t("submitted_ok"), "ok");
      await refresh();
    } catch (error) {
      button.disabled = false;
      button.textContent = label;
      let text = errorText(error);
      const missing = (error.detail && error.detail.missing) || [];
      if (error.code === "checklist_incomplete" || error.code === "rectification_incomplete") {
        const keys = missing.map((m) => (typeof m === "string" ? m : m.key));
        state.lacking = new Set(keys);
        text = t("missing_n", { n: keys.length, list: joinList(keys.map(title)) });
        renderChecklist();
        if (keys.length) jumpTo(keys[0]);
      } else if (error.status === 409 && error.code !== "checklist_incomplete") {
        refresh();
      }
      message.textContent = text;
      message.hidden = false;
    }
  }

  async function withdraw() {
    if (!window.confirm(t("withdraw_confirm"))) return;
    try {
      await api(`/cases/${caseId}/withdraw`, { method: "POST", json: {} });
      toast(t("withdrawn_ok"));
      await refresh();
    } catch (error) {
      toast(errorText(error), "bad");
    }
  }

  // ----- comments -----
  function renderComments() {
    const comments = state.comments;
    const byParent = new Map();
    const ids = new Set(comments.map((c) => c.id));
    for (const comment of comments) {
      const parent = comment.parent_id && ids.has(comment.parent_id) ? comment.parent_id : null;
      if (!byParent.has(parent)) byParent.set(parent, []);
      byParent.get(parent).push(comment);
    }
    const thread = (parent, depth) => {
      const list = byParent.get(parent) || [];
      if (!list.length) return null;
      return h("ul", { class: depth ? "plain replies" : "plain comments" }, list.map((comment) =>
        h("li", null, commentView(comment), thread(comment.id, depth + 1))));
    };
    mount(boxes.comments, section(t("comments"),
      comments.length ? thread(null, 0) : h("p", { class: "muted" }, t("no_comments"))));
  }

  function commentView(comment) {
    const mine = comment.author_role === "applicant";
    const evidence = comment.evidence_id ? state.evidence.items.find((e) => e.id === comment.evidence_id) : null;
    const slot = h("div", { class: "reply-slot" });
    const who = mine ? t("role_applicant")
      : t("author_role", { name: comment.author.display_name, role: t(`role_${comment.author_role}`) });
    return h("article", { class: mine ? "comment mine" : "comment", dataset: { comment: String(comment.id) } },
      h("p", { class: "small muted" }, who, " · ", formatTime(comment.created_at)),
      evidence ? h("p", { class: "small muted" }, t("about_item", { title: title(evidence.requirement_key) })) : null,
      h("p", { class: "comment-body pre" }, comment.body),
      mine ? null : h("button", { type: "button", class: "btn small ghost",
        "aria-label": t("reply_to", { name: comment.author.display_name }),
        onclick: () => openReply(slot, comment) }, t("reply")),
      slot);
  }

  function openReply(slot, comment) {
    if (slot.firstChild) {
      slot.querySelector("textarea").focus();
      return;
    }
    const id = nextId("reply");
    const text = h("textarea", { id, rows: 3, maxLength: 5000, required: true, placeholder: t("reply_placeholder") });
    const message = h("p", { class: "error", role: "alert", hidden: true });
    const send = h("button", { type: "submit", class: "btn primary small" }, t("send"));
    const form = h("form", { class: "reply-form", onsubmit: async (event) => {
      event.preventDefault();
      const body = text.value.trim();
      if (!body) return text.focus();
      send.disabled = true;
      try {
        await api(`/cases/${caseId}/comments`, { method: "POST", json: { body, parent_id: comment.id } });
        toast(t("reply_sent"), "ok");
        await loadComments();
        if (ctx.alive) renderComments();
      } catch (error) {
        message.textContent = errorText(error);
        message.hidden = false;
        send.disabled = false;
      }
    } },
    h("label", { htmlFor: id, class: "visually-hidden" }, t("reply_to", { name: comment.author.display_name })),
    text, message,
    h("div", { class: "row gap" }, send,
      h("button", { type: "button", class: "btn small ghost", onclick: () => slot.replaceChildren() }, t("cancel"))));
    mount(slot, form);
    text.focus();
  }

  // ----- rating -----
  function renderRating() {
    if (!DECIDED.has(state.case.status)) {
      mount(boxes.rating);
      return;
    }
    if (state.rating) {
      mount(boxes.rating, section(t("rating"),
        h("p", { class: "stars", "aria-label": t("rating_done", { n: state.rating.score }) },
          "★".repeat(state.rating.score), h("span", { class: "dim" }, "★".repeat(5 - state.rating.score))),
        h("p", null, t("rating_done", { n: state.rating.score })),
        state.rating.comment ? h("p", { class: "pre muted" }, state.rating.comment) : null));
      return;
    }
    const name = nextId("score");
    const commentId = nextId("rating-comment");
    const message = h("p", { class: "error", role: "alert", hidden: true });
    const stars = [1, 2, 3, 4, 5].map((n) => {
      const id = `${name}-${n}`;
      return [h("input", { type: "radio", name, id, value: String(n), class: "star-input" }),
        h("label", { htmlFor: id, class: "star", title: t("star_n", { n }) }, "★",
          h("span", { class: "visually-hidden" }, t("star_n", { n })))];
    });
    const starRow = h("div", { class: "star-row" }, stars);
    // Light the stars up to the chosen one (a class rather than CSS :has, for older phone browsers).
    starRow.addEventListener("change", () => {
      const picked = Number((starRow.querySelector("input:checked") || {}).value || 0);
      starRow.querySelectorAll("label.star").forEach((label, i) => label.classList.toggle("on", i < picked));
    });
    const comment = h("textarea", { id: commentId, rows: 3, maxLength: 1000 });
    const send = h("button", { type: "submit", class: "btn primary block" }, t("rating_submit"));
    const form = h("form", { class: "rating-form", onsubmit: async (event) => {
      event.preventDefault();
      const picked = form.querySelector("input.star-input:checked");
      if (!picked) {
        message.textContent = t("rating_pick");
        message.hidden = false;
        return;
      }
      send.disabled = true;
      try {
        state.rating = await api(`/cases/${caseId}/rating`, { method: "POST",
          json: { score: Number(picked.value), comment: comment.value.trim() } });
        toast(t("rating_thanks"), "ok");
      } catch (error) {
        if (error.code === "already_rated") await loadRating();
        else {
          message.textContent = errorText(error);
          message.hidden = false;
          send.disabled = false;
          return;
        }
      }
      if (ctx.alive) renderRating();
    } },
    h("p", null, t("rating_intro")),
    h("fieldset", { class: "star-field" }, h("legend", null, t("rating_score")), starRow),
    h("label", { htmlFor: commentId }, t("rating_comment")), comment,
    message, send);
    mount(boxes.rating, section(t("rating"), form));
  }

  // ----- the viewer -----
  function openViewer(e, req, annotations) {
    const big = e.urls && (e.kind === "video" ? e.urls.poster : e.urls.thumb_1280 || e.urls.thumb_256);
    const close = () => dialog.close();
    const dialog = h("dialog", { class: "viewer", "aria-label": pick(req, "title") },
      h("div", { class: "row" }, h("h2", null, pick(req, "title")),
        h("button", { type: "button", class: "btn small", onclick: close }, t("close"))),
      e.kind === "video" && e.urls ? h("video", { src: e.urls.original, poster: e.urls.poster, controls: true,
        playsInline: true, preload: "metadata", class: "viewer-video" }) : null,
      big ? annotatedImage(big, annotations, { alt: pick(req, "title") }) : null,
      annotationLabels(annotations),
      checksList(e.checks));
    dialog.addEventListener("close", () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  }
}

function retryable(error) {
  return !error || [0, 408, 429, 500, 502, 503, 504, 507].includes(error.status);
}

function sizeText(bytes) {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}
