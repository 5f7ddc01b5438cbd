// A small tus 1.0 client (https://tus.io/protocols/resumable-upload): creation, HEAD for the
// offset, PATCH of one chunk with an optional sha1 Upload-Checksum, status and termination.
// XMLHttpRequest rather than fetch because only XHR reports upload progress. The queue
// (queue.js) decides when to call what; this module only speaks the protocol.
//
// Proxies and firewalls of some government networks and mobile carriers pass only GET and POST
// and answer 405 to a PATCH (or DELETE, HEAD) themselves. Then the request is sent again as
// POST with X-HTTP-Method-Override naming the method (tus Core), and so is every later request
// of that method in this tab's session: the server has these routes, so a 405 comes from in front.

import { API, ApiError, authHeaders, signalUnauthorized } from "./api.js";

const VERSION = { "Tus-Resumable": "1.0.0" };
const CHUNK_TIMEOUT_MS = 120_000; // one chunk over a very slow link; a stalled one is retried
const OVERRIDABLE = new Set(["PATCH", "DELETE", "HEAD"]);
const OVERRIDE_KEY = "takan.tus.override"; // sessionStorage: the methods sent as overrides
const overriding = new Set(savedOverrides());

function savedOverrides() {
  try {
    return JSON.parse(sessionStorage.getItem(OVERRIDE_KEY) || "[]");
  } catch {
    return [];
  }
}

function rememberOverride(method) {
  overriding.add(method);
  try {
    sessionStorage.setItem(OVERRIDE_KEY, JSON.stringify([...overriding]));
  } catch {
    /* this page only */
  }
}

function asOverride(request) {
  return { ...request, method: "POST", headers: { ...request.headers, "X-HTTP-Method-Override": request.method } };
}

/** send(), falling back to the method override when something in front refuses the method. */
async function sendTus(request) {
  if (!OVERRIDABLE.has(request.method)) return send(request);
  if (overriding.has(request.method)) return send(asOverride(request));
  const xhr = await send(request);
  if (xhr.status !== 405) return xhr;
  rememberOverride(request.method);
  return send(asOverride(request));
}

function base64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Upload-Metadata: `key base64(utf-8 value)` pairs; empty values are left out. */
export function encodeMetadata(meta) {
  return Object.entries(meta)
    .filter(([, value]) => value != null && value !== "")
    .map(([key, value]) => `${key} ${base64(new TextEncoder().encode(String(value)))}`)
    .join(",");
}

/** sha1 of a chunk as base64, or null where crypto.subtle is missing (plain-http pages). */
export async function sha1Base64(blob) {
  if (!(self.crypto && crypto.subtle)) return null;
  const digest = await crypto.subtle.digest("SHA-1", await blob.arrayBuffer());
  return base64(new Uint8Array(digest));
}

function send({ method, url, headers = {}, body = null, onProgress, signal, timeout = 30_000 }) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) {
      reject(new DOMException("aborted", "AbortError"));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open(method, url);
    xhr.timeout = timeout;
    for (const [name, value] of Object.entries({ ...VERSION, ...authHeaders(headers) })) {
      xhr.setRequestHeader(name, value);
    }
    if (onProgress && xhr.upload) xhr.upload.onprogress = (event) => onProgress(event.loaded);
    const stop = () => xhr.abort();
    if (signal) signal.addEventListener("abort", stop, { once: true });
    const done = () => signal && signal.removeEventListener("abort", stop);
    xhr.onload = () => {
      done();
      resolve(xhr);
    };
    xhr.onerror = xhr.ontimeout = () => {
      done();
      reject(new ApiError(0, null)); // the network, not the server
    };
    xhr.onabort = () => {
      done();
      reject(new DOMException("aborted", "AbortError"));
    };
    xhr.send(body);
  });
}

function failure(xhr) {
  let body = null;
  try {
    body = JSON.parse(xhr.responseText);
  } catch {
    /* HEAD answers have no body */
  }
  const error = new ApiError(xhr.status, body);
  if (xhr.status === 401) signalUnauthorized(error);
  return error;
}

/** POST: a new upload; returns its URL (the Location header is relative to the API). */
export async function create(length, metadata, signal) {
  const xhr = await send({
    method: "POST", url: `${API}/uploads`, signal,
    headers: { "Upload-Length": String(length), "Upload-Metadata": encodeMetadata(metadata) },
  });
  if (xhr.status !== 201) throw failure(xhr);
  const location = xhr.getResponseHeader("Location");
  return new URL(location, new URL(`${API}/uploads`, window.location.href)).pathname;
}

/** HEAD: how many bytes the server holds. */
export async function offset(url, signal) {
  const xhr = await sendTus({ method: "HEAD", url, signal });
  if (xhr.status !== 200) throw failure(xhr);
  return Number(xhr.getResponseHeader("Upload-Offset"));
}

/** PATCH one chunk at `at`; returns the new offset and, for the last chunk, the evidence id. */
export async function patch(url, at, chunk, checksum, onProgress, signal) {
  const headers = { "Content-Type": "application/offset+octet-stream", "Upload-Offset": String(at) };
  if (checksum) headers["Upload-Checksum"] = `sha1 ${checksum}`;
  const xhr = await sendTus({ method: "PATCH", url, headers, body: chunk, onProgress, signal, timeout: CHUNK_TIMEOUT_MS });
  if (xhr.status !== 204 && xhr.status !== 200) throw failure(xhr);
  const evidence = xhr.getResponseHeader("Takan-Evidence-Id");
  return { offset: Number(xhr.getResponseHeader("Upload-Offset")), evidenceId: evidence ? Number(evidence) : null };
}

/** GET: {state, evidence_id, error} once all bytes are there. */
export async function status(url, signal) {
  const xhr = await send({ method: "GET", url, signal, headers: { Accept: "application/json" } });
  if (xhr.status !== 200) throw failure(xhr);
  return JSON.parse(xhr.responseText);
}

/** DELETE: abandon an upload (best effort). */
export async function terminate(url) {
  try {
    await sendTus({ method: "DELETE", url });
  } catch {
    /* the server expires it anyway */
  }
}
