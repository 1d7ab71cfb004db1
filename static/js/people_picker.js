// The people picker (labportal/core/widgets.py): typing in its search field hides the
// people whose names do not match; ticked people always stay in view.
document.addEventListener("DOMContentLoaded", () => {
  for (const picker of document.querySelectorAll("[data-people-picker]")) {
    const box = picker.querySelector("[data-people-picker-search-box]");
    const search = picker.querySelector("[data-people-picker-search]");
    const none = picker.querySelector("[data-people-picker-none]");
    const items = Array.from(picker.querySelectorAll("li[data-name]"));
    box.hidden = false;
    search.addEventListener("input", () => {
      const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      let shown = 0;
      for (const item of items) {
        const ticked = item.querySelector("input").checked;
        const match = words.every((word) => item.dataset.name.includes(word));
        item.hidden = !(ticked || match);
        if (!item.hidden) shown += 1;
      }
      none.hidden = shown > 0;
    });
  }
});
