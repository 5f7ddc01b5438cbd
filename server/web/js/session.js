// Who is signed in. The bearer token lives in sessionStorage (this tab only, gone when the tab
// closes; never a cookie, so no other site can make the browser send it). The device id is a
// random value kept in localStorage so the officer can tell which phone took a photo.

const TOKEN = "takan.token";
const USER = "takan.user";
const DEVICE = "takan.device";

let memory = { token: null, user: null }; // when sessionStorage is blocked

function read(key) {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function token() {
  return read(TOKEN) || memory.token;
}

export function user() {
  if (memory.user) return memory.user;
  const raw = read(USER);
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export function signIn(newToken, newUser) {
  memory = { token: newToken, user: newUser };
  try {
    sessionStorage.setItem(TOKEN, newToken);
    sessionStorage.setItem(USER, JSON.stringify(newUser));
  } catch {
    /* memory only */
  }
}

export function signOut() {
  memory = { token: null, user: null };
  try {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
  } catch {
    /* nothing kept */
  }
}

function randomId() {
  if (crypto.randomUUID) return crypto.randomUUID(); // secure contexts only
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function deviceId() {
  try {
    let id = localStorage.getItem(DEVICE);
    if (!id) {
      id = `web-${randomId()}`;
      localStorage.setItem(DEVICE, id);
    }
    return id;
  } catch {
    return "web-unknown";
  }
}
