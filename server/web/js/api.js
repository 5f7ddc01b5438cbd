// The JSON API under /api/v1 with the bearer token. Every failure becomes an ApiError carrying
// the server's one error body {code, message, detail}; status 0 means the network failed.

import * as session from "./session.js";

export const API = "/api/v1";

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = (body && body.code) || (status === 0 ? "network" : "http_error");
    this.detail = (body && typeof body.detail === "object" && body.detail) || {};
  }
}

/** Listeners for "the token is no longer good" (the app shows the login screen). */
const unauthorized = new Set();
export function onUnauthorized(fn) {
  unauthorized.add(fn);
}

export function authHeaders(extra = {}) {
  const headers = { ...extra };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

export async function errorFromResponse(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    /* not JSON */
  }
  return new ApiError(response.status, body);
}

export function signalUnauthorized(error) {
  for (const fn of unauthorized) fn(error);
}

/** api("/cases", {method: "POST", json: {...}}) -> parsed JSON (or null for an empty answer). */
export async function api(path, { method = "GET", json, query, signal } = {}) {
  let url = API + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value != null) params.set(key, value);
    url += `?${params}`;
  }
  const headers = authHeaders({ Accept: "application/json" });
  if (json !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(url, {
      method, headers, signal, body: json === undefined ? undefined : JSON.stringify(json), cache: "no-store",
      credentials: "omit", // the API works by the bearer token only
    });
  } catch (exc) {
    if (exc && exc.name === "AbortError") throw exc;
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    const error = await errorFromResponse(response);
    if (response.status === 401 && path !== "/auth/login") signalUnauthorized(error);
    throw error;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** All pages of a cursor-paginated list. */
export async function allPages(path, query = {}) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 20; page += 1) {
    const body = await api(path, { query: { ...query, limit: 200, cursor } });
    items.push(...(body.items || []));
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  return items;
}

// Item types change rarely: one fetch per page load.
let itemTypes = null;
export async function getItemTypes() {
  if (!itemTypes) {
    itemTypes = api("/item-types").then((body) => body.items || []).catch((exc) => {
      itemTypes = null;
      throw exc;
    });
  }
  return itemTypes;
}
