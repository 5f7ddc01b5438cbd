// A few promises over IndexedDB: the upload queue's records ("jobs", small, rewritten after
// every chunk) and the captured files themselves ("blobs", written once), kept apart so saving
// an offset never copies a video.

const NAME = "takan-mobile";
const VERSION = 1;
export const JOBS = "jobs";
export const BLOBS = "blobs";

let opening = null;

function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      if (!("indexedDB" in self)) {
        reject(new Error("IndexedDB is not available"));
        return;
      }
      const request = indexedDB.open(NAME, VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(JOBS)) db.createObjectStore(JOBS, { keyPath: "id" });
        if (!db.objectStoreNames.contains(BLOBS)) db.createObjectStore(BLOBS, { keyPath: "id" });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      request.onblocked = () => reject(new Error("IndexedDB is blocked by another tab"));
    }).catch((exc) => {
      opening = null;
      throw exc;
    });
  }
  return opening;
}

async function run(store, mode, action) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(store, mode);
    let result;
    const request = action(tx.objectStore(store));
    if (request) request.onsuccess = () => { result = request.result; };
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
  });
}

export const put = (store, value) => run(store, "readwrite", (os) => os.put(value));
export const get = (store, key) => run(store, "readonly", (os) => os.get(key));
export const all = (store) => run(store, "readonly", (os) => os.getAll());
export const del = (store, key) => run(store, "readwrite", (os) => os.delete(key));
