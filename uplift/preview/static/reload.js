// The live preview's refresh (served by the preview, never part of the site): the
// preview tells this tab, over Server-Sent Events, when the page it shows was written
// again, and the tab reloads. An external file: the site's policy allows no inline script.
(function () {
  "use strict";
  if (!window.EventSource) return;
  var events = new EventSource("/_preview/events?page=" + encodeURIComponent(location.pathname));
  events.addEventListener("open", function () { window.upliftPreview = "listening"; });
  events.addEventListener("reload", function () {
    events.close();
    location.reload();
  });
})();
