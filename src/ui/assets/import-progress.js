// Progressive enhancement for an import job's page (`import-report.pages.tsx`) while its dry run or
// commit (and the search for duplicates after it) runs. Without this file the page says so and
// offers a Refresh link. With it, the job is read from the API every two seconds: the progress bar
// and its text follow, and when the job's state changes the page reloads to show the results (and
// the commit button).
(() => {
  const section = document.querySelector("[data-import-job]");
  if (!section || !window.fetch) return;
  const id = section.getAttribute("data-import-job");
  const shown = section.getAttribute("data-import-state");
  const bar = document.getElementById("import-progress");
  const done = document.getElementById("progress-done");
  const numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);

  async function poll() {
    try {
      const response = await fetch(`/api/v1/imports/${id}`, { headers: { accept: "application/json" } });
      if (response.ok) {
        const job = await response.json();
        if (`${job.status}:${job.followUps.pending}` !== shown) {
          location.reload();
          return;
        }
        const count = job.status === "committed" ? job.followUps.done : job.rowsDone;
        if (bar) bar.setAttribute("value", String(count));
        if (done) done.textContent = numbers.format(count);
      }
    } catch {
      // Offline for a moment: the next round tries again.
    }
    setTimeout(poll, 2000);
  }
  setTimeout(poll, 2000);
})();
