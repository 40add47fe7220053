// Progressive enhancement for the search page: filters apply as they are ticked. Without this
// file the page is a plain GET form with a submit button, and everything still works.
(() => {
  const form = document.querySelector("form[data-auto-submit]");
  if (!form) return;
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && target.type === "checkbox") form.requestSubmit();
    if (target instanceof HTMLSelectElement && target.dataset.autoSubmit !== undefined) form.requestSubmit();
  });
})();
