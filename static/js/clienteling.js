// Inside Omneo Clienteling: ask the parent frame for the context, accept an answer only from
// window.parent on a configured origin and only while fresh, then post it to the portal (in the
// body, never a URL). The server verifies the token with Omneo before anything is shown.
(function () {
  "use strict";
  var panel = document.getElementById("clienteling-panel");
  if (!panel) {
    return;
  }
  var origins = JSON.parse(panel.getAttribute("data-origins") || "[]");
  var handshakeUrl = panel.getAttribute("data-handshake-url");
  var MAX_AGE_MS = 60 * 1000;
  var RETRY_MS = 1000;
  var GIVE_UP_MS = 5000;
  var answered = false;

  function show(html) {
    panel.innerHTML = html;
    if (window.htmx) {
      window.htmx.process(panel);
    }
  }

  function say(text) {
    var note = document.createElement("p");
    note.className = "alert alert-warning";
    note.setAttribute("role", "alert");
    note.setAttribute("data-testid", "clienteling-refused");
    note.textContent = text;
    panel.replaceChildren(note);
  }

  function millis(value) {
    var number = Number(value);
    if (!isFinite(number) || number <= 0) {
      return NaN;
    }
    return number < 1e11 ? number * 1000 : number; // seconds or milliseconds
  }

  function fields(data) {
    return data && data.data && !data.authentication ? data.data : data;
  }

  function fresh(data) {
    var sent = millis(fields(data).timestamp);
    return !isNaN(sent) && Math.abs(Date.now() - sent) <= MAX_AGE_MS;
  }

  function receive(event) {
    if (answered || event.source !== window.parent || window.parent === window) {
      return;
    }
    if (origins.indexOf(event.origin) === -1) {
      return;
    }
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "OMNEO_CLIENTELING_CONTEXT") {
      return;
    }
    if (!fresh(data)) {
      return;
    }
    answered = true;
    var body = new URLSearchParams();
    body.set("context", JSON.stringify(fields(data)));
    body.set("origin", event.origin); // kept on a refusal for admins, never trusted
    fetch(handshakeUrl, {
      method: "POST",
      body: body,
      credentials: "omit",
      headers: { "HX-Request": "true" },
    })
      .then(function (response) {
        return response.text();
      })
      .then(show, function () {
        say(panel.getAttribute("data-no-context"));
      });
  }

  window.addEventListener("message", receive);
  if (window.parent === window) {
    return; // not framed: nobody to ask
  }
  var started = Date.now();
  function ask() {
    if (answered) {
      return;
    }
    if (Date.now() - started >= GIVE_UP_MS) {
      answered = true; // a late answer is as stale as a forged one
      say(panel.getAttribute("data-no-context"));
      return;
    }
    origins.forEach(function (origin) {
      window.parent.postMessage({ type: "REQUEST_CLIENTELING_CONTEXT" }, origin);
    });
    window.setTimeout(ask, RETRY_MS);
  }
  ask();
})();
