// Progressive enhancement for the Forum door check-in page (`checkin.pages.tsx`). Without it the
// page's form checks one badge in online. With it:
// - every scan gets an id made here (crypto.randomUUID) and joins a queue kept in localStorage,
//   so nothing is lost when the venue's network drops or the page is reloaded;
// - the queue is sent to the sync API in batches whenever the phone is online (on each scan, on
//   the `online` event and every 15 s); the server stores each scan id once, so a batch sent
//   again after a lost answer is counted once, and scans leave the queue only when answered;
// - the camera reads QR codes where the browser has BarcodeDetector (the text field stays);
// - a service worker (/forum/checkin-sw.js) keeps this page and its assets, so it loads again
//   with no connection after the first visit.
(() => {
  const root = document.getElementById("checkin");
  const form = document.getElementById("checkin-form");
  if (!root || !(form instanceof HTMLFormElement)) return;
  const data = root.dataset;
  const QUEUE = `wsis-forum-checkin:${data.year}`;
  const list = document.getElementById("checkin-results");
  const status = document.getElementById("checkin-status");
  const input = form.elements.namedItem("token");
  const times = new Intl.DateTimeFormat(data.lang, {
    timeZone: data.timeZone,
    dateStyle: "medium",
    timeStyle: "short",
  });
  let syncing = false;

  const load = () => {
    try {
      const queue = JSON.parse(localStorage.getItem(QUEUE) || "[]");
      return Array.isArray(queue) ? queue : [];
    } catch {
      return [];
    }
  };
  const save = (queue) => localStorage.setItem(QUEUE, JSON.stringify(queue));
  const newId = () =>
    crypto.randomUUID
      ? crypto.randomUUID()
      : Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
          byte.toString(16).padStart(2, "0"),
        ).join("");
  const fill = (template, values) =>
    (template || "").replace(/\{(\w+)\}/g, (_, name) =>
      values[name] === undefined ? "" : String(values[name]),
    );

  function showStatus() {
    const count = load().length;
    const template = navigator.onLine ? data.labelQueued : data.labelOffline;
    status.textContent = count > 0 || !navigator.onLine ? fill(template, { count }) : data.labelSynced;
  }

  function show(result) {
    const key = `label${result.result
      .split("_")
      .map((part) => part[0].toUpperCase() + part.slice(1))
      .join("")}`;
    const item = document.createElement("li");
    item.className = result.result === "admitted" ? "checkin-ok" : "checkin-refused";
    const at = result.checkedInAt ? times.format(new Date(result.checkedInAt)) : "";
    item.textContent = fill(data[key], {
      name: result.name || "",
      organisation: result.organisation || "",
      at,
    });
    if (result.duplicate) item.textContent += ` ${data.labelDuplicate}`;
    list.prepend(item);
  }

  async function sync() {
    if (syncing || !navigator.onLine) return showStatus();
    const queue = load();
    if (queue.length === 0) return showStatus();
    syncing = true;
    try {
      const response = await fetch(data.syncUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ scans: queue.slice(0, 200) }),
      });
      if (response.status === 401 || response.status === 403) {
        status.textContent = data.labelSignin;
        return;
      }
      if (!response.ok) return;
      const body = await response.json();
      const answered = new Set(body.results.map((result) => result.scanId));
      save(load().filter((scan) => !answered.has(scan.scanId)));
      for (const result of body.results) show(result);
    } catch {
      // Offline or the venue's Wi-Fi dropped mid-request: the scans stay queued for the next try.
    } finally {
      syncing = false;
      showStatus();
    }
    if (load().length > 0 && navigator.onLine) setTimeout(sync, 500);
  }

  function enqueue(token) {
    const value = token.trim();
    if (!value) return;
    const queue = load();
    queue.push({ scanId: newId(), token: value.slice(0, 200), scannedAt: new Date().toISOString() });
    save(queue);
    showStatus();
    sync();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    enqueue(input.value);
    input.value = "";
    input.focus();
  });
  window.addEventListener("online", sync);
  window.addEventListener("offline", showStatus);
  setInterval(sync, 15000);
  sync();

  const camera = document.getElementById("checkin-camera");
  const video = document.getElementById("checkin-video");
  if ("BarcodeDetector" in window && navigator.mediaDevices && camera && video) {
    camera.hidden = false;
    let last = "";
    let lastAt = 0;
    camera.addEventListener("click", async () => {
      try {
        const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        video.srcObject = stream;
        video.hidden = false;
        await video.play();
        const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        const look = async () => {
          try {
            for (const code of await detector.detect(video)) {
              // The same badge stays in front of the camera for a while: one scan per 3 seconds.
              if (code.rawValue === last && Date.now() - lastAt < 3000) continue;
              last = code.rawValue;
              lastAt = Date.now();
              enqueue(code.rawValue);
            }
          } catch {
            // A frame the detector could not read; the next one may.
          }
          requestAnimationFrame(look);
        };
        look();
      } catch {
        camera.hidden = true;
      }
    });
  }

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker
      .register(data.sw, { scope: "/forum/" })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        // The worker starts after this page and its assets were fetched: hand it their URLs to keep.
        const urls = [location.pathname];
        for (const element of document.querySelectorAll("link[rel=stylesheet], link[rel=icon], script[src]"))
          urls.push(element.getAttribute("href") || element.getAttribute("src"));
        registration.active?.postMessage({ keep: urls });
      })
      .catch(() => {});
  }
})();
