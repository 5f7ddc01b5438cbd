// The upload queue. Each captured file becomes a job; jobs run one at a time (a weak network
// does better with one stream than with several), each in 1 MiB tus chunks.
//
// Kept in IndexedDB: the job record (case, requirement, capture metadata, the tus URL and the
// last offset the server confirmed) and, separately, the file itself. Closing or reloading the
// page loses nothing: on the next start the jobs are read back, the server is asked for its
// offset (HEAD) and the upload continues from there.
//
// Failures: a dropped network, a timeout, a busy upload or a server restart are retried with
// exponential back-off (1 s doubling to 30 s, with jitter; at once when the browser says it is
// online again). An expired or vanished upload starts again from zero. A refusal (too large,
// wrong type, case not editable, storage full) fails the job with the server's own words.

import * as idb from "./idb.js";
import * as tus from "./tus.js";

export const CHUNK_BYTES = 1024 * 1024;
const MAX_DELAY_MS = 30_000;
const RUNNABLE = new Set(["queued", "uploading", "finishing", "retrying", "offline"]);

const bus = new EventTarget();
const jobs = new Map(); // id -> job record (what IndexedDB holds, without the file)
const unsaved = new Map(); // files the browser would not store (quota): this page only
let owner = null; // the signed-in user's id: only their jobs run
let paused = false; // the token went bad: wait for a new sign-in
let pumping = false;
let active = null; // {job, controller} of the transfer under way
let wake = null; // ends the current back-off wait early

/** fn({type: "change"|"progress"|"done"|"removed"|"loaded", job}); returns an unsubscribe. */
export function subscribe(fn) {
  const handler = (event) => fn(event.detail);
  bus.addEventListener("queue", handler);
  return () => bus.removeEventListener("queue", handler);
}

function emit(type, job) {
  bus.dispatchEvent(new CustomEvent("queue", { detail: { type, job } }));
}

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function save(job) {
  if (!job.kept) return;
  try {
    await idb.put(idb.JOBS, { ...job });
  } catch (exc) {
    console.warn("could not save upload job", exc);
  }
}

async function forget(job) {
  jobs.delete(job.id);
  unsaved.delete(job.id);
  try {
    await idb.del(idb.JOBS, job.id);
    await idb.del(idb.BLOBS, job.id);
  } catch {
    /* nothing stored */
  }
}

/** Start (or restart after a new sign-in) the queue for this user: read back saved jobs. */
export async function start(userId) {
  owner = userId;
  paused = false;
  try {
    for (const job of await idb.all(idb.JOBS)) {
      if (!jobs.has(job.id)) {
        if (RUNNABLE.has(job.state)) job.state = "queued"; // it was under way when the page closed
        jobs.set(job.id, job);
      }
    }
  } catch (exc) {
    console.warn("upload queue: IndexedDB unavailable, uploads last only while the page is open", exc);
  }
  emit("loaded", null);
  pump();
}

/** Signed out: stop uploading (the jobs stay for the next sign-in of their owner). */
export function stop() {
  owner = null;
  if (active) active.controller.abort();
}

/** The token was refused: hold the queue until the user signs in again. */
export function pause() {
  paused = true;
  emit("change", null);
}

export function isPaused() {
  return paused;
}

export function jobsFor(caseId) {
  return [...jobs.values()]
    .filter((job) => job.owner === owner && (caseId == null || job.caseId === caseId))
    .sort((a, b) => a.createdAt - b.createdAt);
}

export function pendingCount(caseId) {
  return jobsFor(caseId).filter((job) => RUNNABLE.has(job.state)).length;
}

/** Add a captured file. meta: lat, lon, accuracy, captured_at, device_id, replaces. */
export async function enqueue({ caseId, caseRef, requirement, kind, file, meta }) {
  const job = {
    id: newId(), owner, caseId, caseRef, requirement, kind,
    name: file.name || `${requirement}.${kind === "video" ? "mp4" : "jpg"}`,
    size: file.size, type: file.type, meta, url: null, offset: 0, sent: 0,
    state: "queued", error: null, evidenceId: null, retryAt: null, createdAt: Date.now(), kept: true,
  };
  try {
    await idb.put(idb.BLOBS, { id: job.id, blob: file });
    await idb.put(idb.JOBS, { ...job });
  } catch (exc) {
    console.warn("upload queue: file not stored, it uploads only while the page is open", exc);
    job.kept = false;
    unsaved.set(job.id, file);
  }
  jobs.set(job.id, job);
  emit("change", job);
  pump();
  return job;
}

export async function retry(id) {
  const job = jobs.get(id);
  if (!job) return;
  if (job.state === "failed") {
    job.state = "queued";
    job.error = null;
    await save(job);
    emit("change", job);
  }
  nudge();
  pump();
}

export async function remove(id) {
  const job = jobs.get(id);
  if (!job) return;
  if (active && active.job.id === id) active.controller.abort();
  if (job.url && job.state !== "done") tus.terminate(job.url);
  await forget(job);
  emit("removed", job);
  pump();
}

/** End a back-off wait now (the network is back, or the user tapped retry). */
export function nudge() {
  if (wake) wake();
}

window.addEventListener("online", () => {
  nudge();
  pump();
});
window.addEventListener("offline", () => emit("change", null));

// ----- the worker -------------------------------------------------------------------------

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    // One uploader across the tabs of this browser (Web Locks where available): a second tab
    // waits instead of sending the same chunks twice.
    if (navigator.locks) await navigator.locks.request("takan-upload-queue", drain);
    else await drain();
  } finally {
    pumping = false;
  }
}

async function drain() {
  for (;;) {
    if (paused || owner == null) return;
    const job = jobsFor(null).find((candidate) => RUNNABLE.has(candidate.state));
    if (!job) return;
    if (!(await stillQueued(job))) continue;
    await runJob(job);
  }
}

/** Another tab may have finished or removed the job meanwhile: IndexedDB has the last word. */
async function stillQueued(job) {
  if (!job.kept) return true;
  try {
    const stored = await idb.get(idb.JOBS, job.id);
    if (stored) {
      Object.assign(job, stored, { state: RUNNABLE.has(stored.state) ? job.state : stored.state });
      if (RUNNABLE.has(job.state)) return true;
      emit("change", job);
      return false;
    }
  } catch {
    return true; // IndexedDB broke down: go on with what this page knows
  }
  jobs.delete(job.id);
  emit("removed", job);
  return false;
}

function delayFor(failures) {
  const base = Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

function waitFor(ms) {
  return new Promise((resolve) => {
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      if (wake === finish) wake = null;
      resolve();
    }
    wake = finish;
  });
}

/** What to do about an error: "auth", "restart", "again", "later" or "fatal". */
function classify(error) {
  if (error.status === 0) return "later";
  if (error.status === 401) return "auth";
  if ((error.status === 404 || error.status === 410) && String(error.code).startsWith("upload_")) return "restart";
  if (error.status === 409 && error.code === "offset_mismatch") return "again";
  if (error.status === 409 && error.code === "upload_busy") return "later";
  if (error.status === 460) return "again"; // a chunk damaged on the way: send it again
  if ([408, 429, 500, 502, 503, 504].includes(error.status)) return "later";
  return "fatal";
}

function plainError(error) {
  return { status: error.status, code: error.code, message: error.message, detail: error.detail || {} };
}

async function runJob(job) {
  const progress = { failures: 0 };
  while (jobs.has(job.id) && job.owner === owner && !paused) {
    const controller = new AbortController();
    active = { job, controller };
    try {
      await transfer(job, controller.signal, progress);
      return;
    } catch (error) {
      if (error.name === "AbortError") return; // removed, or signed out
      const verdict = error.status === undefined ? "fatal" : classify(error);
      if (verdict === "auth") {
        job.state = "queued";
        pause();
        return;
      }
      if (verdict === "restart") {
        job.url = null;
        job.offset = job.sent = 0;
        await save(job);
        continue;
      }
      if (verdict === "fatal") {
        job.state = "failed";
        job.error = error.status === undefined
          ? { status: -1, code: error.lost ? "file_lost" : "local", message: String(error.message), detail: {} }
          : plainError(error);
        await save(job);
        emit("change", job);
        return;
      }
      progress.failures += 1;
      if (verdict === "again" && progress.failures < 5) continue;
      // Offline: wait for the "online" event (or re-check after a while: onLine can be wrong).
      const offline = navigator.onLine === false;
      const delay = offline ? MAX_DELAY_MS * 2 : delayFor(progress.failures);
      job.state = offline ? "offline" : "retrying";
      job.retryAt = Date.now() + delay;
      job.error = plainError(error);
      await save(job);
      emit("change", job);
      await waitFor(delay);
    } finally {
      if (active && active.job === job) active = null;
    }
  }
}

async function blobOf(job) {
  if (unsaved.has(job.id)) return unsaved.get(job.id);
  try {
    const record = await idb.get(idb.BLOBS, job.id);
    return record ? record.blob : null;
  } catch {
    return null;
  }
}

class LostFile extends Error {
  constructor() {
    super("the file is no longer stored in the browser");
    this.lost = true;
  }
}

async function transfer(job, signal, progress) {
  const blob = await blobOf(job);
  if (!blob) throw new LostFile();
  job.state = "uploading";
  job.error = null;
  emit("change", job);
  if (!job.url) {
    job.url = await tus.create(job.size, {
      case_id: job.caseId, requirement: job.requirement, filename: job.name, ...job.meta,
    }, signal);
    job.offset = 0;
    await save(job); // from now on a reload resumes this upload instead of starting another
  } else {
    job.offset = await tus.offset(job.url, signal); // resume where the server is
  }
  job.sent = job.offset;
  emit("progress", job);
  while (job.offset < job.size) {
    const end = Math.min(job.size, job.offset + CHUNK_BYTES);
    const chunk = blob.slice(job.offset, end);
    const checksum = await tus.sha1Base64(chunk);
    const start = job.offset;
    const answer = await tus.patch(job.url, start, chunk, checksum, (loaded) => {
      job.sent = start + loaded;
      if (job.sent >= job.size && job.state !== "finishing") {
        job.state = "finishing"; // the server now checks the file: that takes a moment
        emit("change", job);
      }
      emit("progress", job);
    }, signal);
    job.offset = job.sent = answer.offset;
    progress.failures = 0;
    await save(job);
    emit("progress", job);
    if (answer.evidenceId) return finish(job, answer.evidenceId);
  }
  // All bytes are on the server (say the page closed while it was checking them): ask how it ended.
  job.state = "finishing";
  emit("change", job);
  for (let i = 0; i < 120; i += 1) {
    const status = await tus.status(job.url, signal);
    if (status.state === "complete") return finish(job, status.evidence_id);
    if (status.state === "failed") {
      const body = status.error || {};
      const error = new Error(body.message || "upload failed");
      Object.assign(error, { status: (body.detail && body.detail.status) || 422, code: body.code, detail: body.detail });
      throw error;
    }
    if (status.state !== "receiving") {
      throw Object.assign(new Error("upload gone"), { status: 410, code: "upload_expired" });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw Object.assign(new Error("still checking"), { status: 503, code: "still_finishing" });
}

async function finish(job, evidenceId) {
  job.state = "done";
  job.evidenceId = evidenceId;
  await forget(job);
  emit("done", job);
}
