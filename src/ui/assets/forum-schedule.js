// Progressive enhancement for the Forum programme grid (`src/domains/forum/schedule.pages.tsx`):
// sessions can be dragged onto a grid cell (a room at a half hour of the shown day). A drop fills
// the page's hidden `#schedule-move` form with the same fields as a session's own slot form (day,
// start, duration, room) and submits it to that session's slot URL, so the server applies exactly
// the same checks and answers the same way (back to the grid, or the session's form with the
// messages next to its fields). Without this file every session is placed through its own form.
(() => {
  const form = document.getElementById("schedule-move");
  if (!(form instanceof HTMLFormElement)) return;
  const set = (name, value) => {
    const input = form.elements.namedItem(name);
    if (input instanceof HTMLInputElement) input.value = value;
  };
  let dragged = null;

  for (const card of document.querySelectorAll("[data-slot-action]")) {
    card.setAttribute("draggable", "true");
    card.addEventListener("dragstart", (event) => {
      dragged = card;
      card.classList.add("schedule-session--dragging");
      if (event.dataTransfer) {
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", card.dataset.slotAction || "");
      }
    });
    card.addEventListener("dragend", () => {
      card.classList.remove("schedule-session--dragging");
      dragged = null;
    });
  }

  for (const cell of document.querySelectorAll("td[data-room][data-start][data-day]")) {
    cell.addEventListener("dragover", (event) => {
      if (!dragged) return;
      event.preventDefault();
      cell.classList.add("schedule-drop");
    });
    cell.addEventListener("dragleave", () => cell.classList.remove("schedule-drop"));
    cell.addEventListener("drop", (event) => {
      event.preventDefault();
      cell.classList.remove("schedule-drop");
      if (!dragged) return;
      form.action = dragged.dataset.slotAction || "";
      set("day", cell.dataset.day || "");
      set("start", cell.dataset.start || "");
      set("duration", dragged.dataset.duration || "60");
      set("room", cell.dataset.room || "");
      form.submit();
    });
  }
})();
