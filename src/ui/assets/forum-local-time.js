// Progressive enhancement for the WSIS Forum's programme, session and agenda pages: after each
// venue time (`<time datetime>` inside a `[data-local-times]` box) it adds the same instant in the
// browser's own time zone, read with Intl. The server already writes venue times with their zone,
// and any zone a visitor picks with `?tz=` (then this script does nothing), so pages work without it.
(() => {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {
    return;
  }
  const lang = document.documentElement.lang || "en";
  for (const box of document.querySelectorAll("[data-local-times]")) {
    if (!zone || box.dataset.visitorZone || zone === box.dataset.venueZone) continue;
    let format;
    try {
      format = new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, {
        timeZone: zone,
        weekday: "short",
        day: "numeric",
        month: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
      });
    } catch {
      return;
    }
    const label = box.dataset.localLabel || "{time}";
    for (const time of box.querySelectorAll("time[datetime]")) {
      const instant = new Date(time.getAttribute("datetime") || "");
      if (Number.isNaN(instant.getTime())) continue;
      const note = document.createElement("span");
      note.className = "muted";
      note.textContent = ` · ${label.replace("{time}", format.format(instant))}`;
      time.after(note);
    }
  }
})();
