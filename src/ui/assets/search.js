// Progressive enhancement for the search page (`search.pages.tsx`). Without this file the page is a
// plain GET form with submit buttons, and everything works. With it, ticking a filter, changing the
// order or a year, or submitting fetches the same page for the new URL and swaps the filters and
// results in place; the URL follows with history.pushState, and Back and Forward swap too. The
// count lives in a polite live region that stays in the page, so screen readers hear the new one.
(() => {
  const form = document.querySelector("form[data-auto-submit]");
  if (!(form instanceof HTMLFormElement) || !window.fetch || !window.DOMParser) return;

  /** Swapped whole; the ids are set by the page. */
  const REGIONS = ["search-facets", "search-results"];
  const STATUS = "search-status";
  /** Controls outside the regions whose value comes from the URL, refreshed from each response. */
  const SYNCED = ["search-q", "search-sort"];

  let controller = null;
  /** Path and query of what is on screen, so a hash-only history step does not refetch. */
  let shown = location.pathname + location.search;

  /** Relevance needs words; without them the page orders by newest (see `search.params.ts`). */
  const defaultSort = (q) => (q.trim() ? "relevance" : "newest");
  /** The words of the search on screen, to tell a chosen order from one that was only the default. */
  let shownQ = document.getElementById("search-q")?.value ?? "";

  /**
   * The form as a URL, without empty fields, so shared links stay short. An order that was only the
   * default for the words on screen is left to the server, so new words are ranked by relevance.
   */
  function formUrl() {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) {
      if (typeof value !== "string" || value.trim() === "") continue;
      if (name === "sort" && value === defaultSort(shownQ)) continue;
      params.append(name, value);
    }
    const query = params.toString();
    const action = new URL(form.action, location.href);
    return action.pathname + (query ? `?${query}` : "");
  }

  /** A link the page can follow in place: another search, same origin, plain left click. */
  function searchLink(event) {
    if (event.defaultPrevented || event.button !== 0) return null;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.target || link.hasAttribute("download")) return null;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname !== new URL(form.action, location.href).pathname)
      return null;
    return url.pathname + url.search;
  }

  /** Enough to find the focused control again in the new markup. */
  function focusKey() {
    const active = document.activeElement;
    if (
      !(active instanceof HTMLElement) ||
      !REGIONS.some((id) => document.getElementById(id)?.contains(active))
    )
      return null;
    return {
      id: active.id,
      name: active.getAttribute("name"),
      value: active instanceof HTMLInputElement ? active.value : null,
      type: active instanceof HTMLInputElement ? active.type : null,
      // What is being typed in a year box while the previous change loads must not be lost.
      typing:
        active instanceof HTMLInputElement && active.type === "text"
          ? { value: active.value, start: active.selectionStart, end: active.selectionEnd }
          : null,
    };
  }

  function refocus(key) {
    if (!key) return;
    let target = key.id ? document.getElementById(key.id) : null;
    if (!target && key.name && key.type === "checkbox") {
      target = form.querySelector(
        `input[type="checkbox"][name="${CSS.escape(key.name)}"][value="${CSS.escape(key.value ?? "")}"]`,
      );
    }
    // The control went away (a followed page or "remove" link): the results heading takes focus.
    if (!target) target = document.getElementById("results-title");
    if (key.typing && target instanceof HTMLInputElement && target.value !== key.typing.value) {
      target.value = key.typing.value;
      target.setSelectionRange(key.typing.start, key.typing.end);
    }
    target?.focus({ preventScroll: true });
    // A checkbox's own scroll box may have been rebuilt at the top; bring the control back into view.
    target?.scrollIntoView({ block: "nearest" });
  }

  /** Which filter groups the visitor opened or folded, by facet, to keep them so. */
  function openGroups() {
    const groups = new Map();
    for (const details of form.querySelectorAll("details[data-facet]"))
      groups.set(details.dataset.facet, details.open);
    return groups;
  }

  function setBusy(busy) {
    const results = document.getElementById("search-results");
    if (!results) return;
    if (busy) results.setAttribute("aria-busy", "true");
    else results.removeAttribute("aria-busy");
  }

  let pendingAnnouncement = 0;
  function announce(text) {
    const status = document.getElementById(STATUS);
    if (!status) return;
    clearTimeout(pendingAnnouncement);
    if (status.textContent === text) {
      // The same words again would not be read out; clear first so the new search is confirmed.
      status.textContent = "";
      pendingAnnouncement = setTimeout(() => {
        status.textContent = text;
      }, 150);
    } else {
      status.textContent = text;
    }
  }

  function swap(html, { scrollToResults }) {
    const next = new DOMParser().parseFromString(html, "text/html");
    const incoming = REGIONS.map((id) => next.getElementById(id));
    if (incoming.some((region) => !region) || REGIONS.some((id) => !document.getElementById(id)))
      return false;
    const focus = focusKey();
    const groups = openGroups();
    REGIONS.forEach((id, index) => {
      const region = incoming[index];
      document.getElementById(id)?.replaceWith(document.adoptNode(region));
    });
    for (const details of form.querySelectorAll("details[data-facet]")) {
      const open = groups.get(details.dataset.facet);
      // A group with a ticked value or a wrong year stays open whatever it was before.
      const needed = details.querySelector("input:checked, [aria-invalid='true']") !== null;
      if (open !== undefined) details.open = open || needed;
    }
    for (const id of SYNCED) {
      const current = document.getElementById(id);
      const fresh = next.getElementById(id);
      if (current && fresh && "value" in current && "value" in fresh && current.value !== fresh.value)
        current.value = fresh.value;
    }
    shownQ = next.getElementById("search-q")?.value ?? "";
    document.title = next.title;
    announce(next.getElementById(STATUS)?.textContent ?? "");
    refocus(focus);
    if (scrollToResults) {
      const column = document.getElementById(STATUS);
      if (column && column.getBoundingClientRect().top < 0) column.scrollIntoView({ block: "start" });
    }
    return true;
  }

  /**
   * Fetches the page for `url` and swaps it in. Any failure other than a 400 page (which explains
   * the bad input like any other page) falls back to loading the URL the ordinary way.
   */
  async function load(url, { push, scrollToResults = false }) {
    controller?.abort();
    const own = new AbortController();
    controller = own;
    setBusy(true);
    try {
      const response = await fetch(url, {
        signal: own.signal,
        headers: { accept: "text/html" },
        credentials: "same-origin",
      });
      if (!response.ok && response.status !== 400) throw new Error(`status ${response.status}`);
      const html = await response.text();
      if (own.signal.aborted) return;
      if (!swap(html, { scrollToResults })) throw new Error("unexpected page");
      if (push) history.pushState({ search: true }, "", url);
      shown = url;
    } catch (error) {
      if (own.signal.aborted || (error instanceof DOMException && error.name === "AbortError")) return;
      location.assign(url);
    } finally {
      if (controller === own) {
        controller = null;
        setBusy(false);
      }
    }
  }

  form.addEventListener("change", (event) => {
    const target = event.target;
    const isFilter =
      target instanceof HTMLInputElement && (target.type === "checkbox" || target.type === "text");
    const isOrder = target instanceof HTMLSelectElement && target.dataset.autoSubmit !== undefined;
    // The words are only searched on submit, never while typing.
    if (!(isFilter || isOrder) || target.name === "q") return;
    load(formUrl(), { push: true });
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load(formUrl(), { push: true });
  });

  form.addEventListener("click", (event) => {
    const url = searchLink(event);
    if (!url || !REGIONS.some((id) => document.getElementById(id)?.contains(event.target))) return;
    event.preventDefault();
    load(url, { push: true, scrollToResults: true });
  });

  // The first entry gets a state too, so going back to it is recognised as one of ours.
  history.replaceState({ search: true }, "", location.href);
  window.addEventListener("popstate", () => {
    const url = location.pathname + location.search;
    if (url === shown) return;
    load(url, { push: false });
  });
})();
