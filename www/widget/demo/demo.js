// The demo's variants: ?position=right&theme=dark (and categories, backend) become attributes of
// the page's widget. Loaded before the widget module, so the widget starts with them.
const params = new URLSearchParams(location.search);
const widget = document.querySelector("article-annotator");
for (const name of ["position", "theme", "categories", "backend"]) {
  if (widget && params.has(name)) widget.setAttribute(name, params.get(name));
}
