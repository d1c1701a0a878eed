// The sandbox's Clienteling stand-in: answers the framed app's request for the context, as
// Clienteling does, but only to the app's own frame and origin.
(function () {
  "use strict";
  var frame = document.getElementById("clienteling-app");
  var source = document.getElementById("clienteling-context");
  if (!frame || !source) {
    return;
  }
  var portalOrigin = frame.getAttribute("data-portal-origin");
  var stale = frame.getAttribute("data-stale") === "1";
  window.addEventListener("message", function (event) {
    if (event.source !== frame.contentWindow || event.origin !== portalOrigin) {
      return;
    }
    if (!event.data || event.data.type !== "REQUEST_CLIENTELING_CONTEXT") {
      return;
    }
    var context = JSON.parse(source.textContent);
    context.timestamp = Date.now() - (stale ? 10 * 60 * 1000 : 0);
    frame.contentWindow.postMessage(context, portalOrigin);
  });
})();
