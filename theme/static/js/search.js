// Search page: Pagefind's index, loaded from this site only. The query stays in
// the page: it is never put in the address bar or the browser history.
const form = document.querySelector("[data-search-form]");
const input = document.querySelector("[data-search-input]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const MAX_RESULTS = 10;
let pagefind;
let latestQuery = "";

async function loadIndex() {
  pagefind ??= await import("/pagefind/pagefind.js");
  return pagefind;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  // Pagefind's excerpt is escaped text with <mark> around the matched words.
  excerpt.innerHTML = data.excerpt;
  item.append(heading, excerpt);
  return item;
}

async function search(query) {
  latestQuery = query;
  if (!query.trim()) {
    list.replaceChildren();
    status.textContent = "";
    return;
  }
  status.textContent = "Searching…";
  const index = await loadIndex();
  const found = await index.search(query);
  const results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (query !== latestQuery) return; // a newer search has started
  list.replaceChildren(...results.map(resultItem));
  const count = found.results.length;
  status.textContent = count === 0
    ? `No results for “${query}”. Try another word, or browse the topics.`
    : `${count} result${count === 1 ? "" : "s"} for “${query}”.`;
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => search(input.value), 200);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value);
});
loadIndex(); // warm the index while the reader types
