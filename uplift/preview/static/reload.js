// The live preview's refresh (served by the preview, never part of the site): the
// preview tells this tab, over Server-Sent Events, when the page it shows was written
// again. An external file: the site's policy allows no inline script.
//
// "reload": the page's text changed. The tab fetches the page and puts its body in
// place of the old one, keeping the scroll position: no new navigation, no style sheet
// or font asked again, so the writer sees the save at once. When the new page needs
// other style sheets or scripts, or anything fails, the tab reloads instead.
// "design": the theme or code changed; the tab reloads.
(function () {
  "use strict";
  if (!window.EventSource) return;

  function assets(doc) {
    var nodes = doc.querySelectorAll("link[rel~='stylesheet'], script[src]");
    return Array.prototype.map.call(nodes, function (node) { return node.outerHTML; }).join("\n");
  }

  function replace(html) {
    var next = new DOMParser().parseFromString(html, "text/html");
    if (!next.body || assets(next) !== assets(document)) return false;
    var x = window.scrollX, y = window.scrollY;
    document.title = next.title;
    document.body.replaceWith(document.adoptNode(next.body));
    // The writer stays where they were reading (at once: the site may scroll smoothly).
    window.scrollTo({ left: x, top: y, behavior: "instant" });
    return true;
  }

  function listen() {
    var events = new EventSource("/_preview/events?page=" + encodeURIComponent(location.pathname));
    events.addEventListener("open", function () { window.upliftPreview = "listening"; });
    events.addEventListener("design", function () {
      events.close();
      location.reload();
    });
    events.addEventListener("reload", function () {
      events.close();
      window.upliftPreview = "refreshing";
      if (!window.fetch || !window.DOMParser) return location.reload();
      fetch(location.href, { cache: "no-store", credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) {
          if (!replace(html)) return location.reload();
          listen();
        })
        .catch(function () { location.reload(); });
    });
  }

  listen();
})();
