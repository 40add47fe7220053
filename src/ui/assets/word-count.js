// Progressive enhancement for the prize submission form (`submission-form.pages.tsx`): keeps the
// "Words: N (150–200)" line under the short description current while typing. The server renders
// the same line and applies the same rule, so the form works without this file. The line is a
// polite live region, updated after a pause in typing so screen readers are not flooded.
// Words are counted exactly as `countWords` in `submission-rules.ts` counts them.
(() => {
  const TOKEN = /\S+/gu;
  const WORDLIKE = /[\p{L}\p{N}]/u;
  const countWords = (text) => (text.match(TOKEN) || []).filter((token) => WORDLIKE.test(token)).length;

  for (const output of document.querySelectorAll("[data-for][data-template]")) {
    const field = document.getElementById(output.dataset.for);
    if (!(field instanceof HTMLTextAreaElement)) continue;
    const min = Number(output.dataset.min);
    const max = Number(output.dataset.max);
    const numbers = new Intl.NumberFormat(output.dataset.lang || document.documentElement.lang);
    let timer = 0;
    const update = () => {
      const count = countWords(field.value);
      output.textContent = output.dataset.template.replace("{count}", numbers.format(count));
      output.classList.toggle("word-count--outside", count < min || count > max);
    };
    field.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(update, 400);
    });
  }
})();
