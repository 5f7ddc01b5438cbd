// The phone's position at the moment of capture (WGS-84 from the browser, with its accuracy).

/** {lat, lon, accuracy} or {error: "denied"|"unavailable"|"timeout"|"unsupported"}; never rejects. */
export function currentPosition({ timeout = 12_000 } = {}) {
  return new Promise((resolve) => {
    if (!("geolocation" in navigator)) {
      resolve({ error: "unsupported" });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({
        lat: position.coords.latitude,
        lon: position.coords.longitude,
        accuracy: position.coords.accuracy,
      }),
      (error) => resolve({ error: { 1: "denied", 2: "unavailable", 3: "timeout" }[error.code] || "unavailable" }),
      // A fix at most a few seconds old: the position is where the photo was taken.
      { enableHighAccuracy: true, timeout, maximumAge: 5_000 },
    );
  });
}
