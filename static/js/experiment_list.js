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
