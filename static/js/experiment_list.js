// The experiment list's filters: behind "Filtrér" on a phone (results first), open on a
// wide screen, where the summary is hidden and the selects line up beside the search box.
document.addEventListener("DOMContentLoaded", () => {
  const wide = window.matchMedia("(min-width: 768px)");
  for (const details of document.querySelectorAll("details[data-open-wide]")) {
    const apply = () => { if (wide.matches) details.open = true; };
    apply();
    wide.addEventListener("change", apply);
  }
});

// htmx swaps only the results; they carry each filter option's label with its new count
// ("Relationsbaseret ledelse (12)"), put into the selects here without replacing them, so
// the select in use keeps its focus.
document.addEventListener("htmx:afterSwap", (event) => {
  const data = document.getElementById("filter-option-labels");
  if (!data || event.detail.target.id !== "experiment-results") return;
  for (const [selectId, labels] of Object.entries(JSON.parse(data.dataset.labels))) {
    const select = document.getElementById(selectId);
    if (!select) continue;
    for (const option of select.options) {
      if (option.value in labels) option.textContent = labels[option.value];
    }
  }
});
