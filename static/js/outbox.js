/* The outbox: a booking, or an action on the day, pressed while the portal cannot be reached is
   held on this tablet (IndexedDB, through idb-keyval), listed with Discard, and sent once, under
   its own form token (also as Idempotency-Key), when the connection is back. The portal answers a
   replay of a submit it already had with the first result, so nothing is made twice. Items are
   bound to the signed-in user; sign-out clears them (Clear-Site-Data). Parts that htmx cannot
   refresh while offline say so. */
(function () {
  "use strict";

  var kv = window.idbKeyval;
  var user = document.body.dataset.userId;
  var statusBox = document.querySelector("[data-outbox-status]");
  var panel = document.querySelector("[data-outbox-panel]");
  if (!kv || !user || !statusBox || !panel) return;

  var store = kv.createStore("booking-portal-outbox", "held");
  var list = panel.querySelector("[data-outbox-list]");
  var loginUrl = document.body.dataset.loginUrl || "/accounts/login/";
  var RETRY_MS = 3000;
  var TIMEOUT_MS = 45000;  /* a connection that hangs (Wi-Fi gone mid-request) is given up and held */
  var NOT_REACHED = [502, 503, 504];  /* a proxy answered: the portal never had it */
  var ANSWER = "outbox-answer";  /* a page answer waiting for the page it belongs to */
  var WORDS = {
    booking: {
      held: "No connection — this booking is held on this tablet and will be sent once, when the connection is back.",
      state: "Held, not booked yet"
    },
    action: {
      held: "No connection — “{what}” is held on this tablet and will be sent once, when the connection is back.",
      state: "Held, not sent yet"
    }
  };
  var OFFLINE_PART = "Offline — this part could not be refreshed; it will be once the connection is back.";
  var SIGN_IN = "Sign in again to send what is held on this tablet.";
  var REFUSED = "The portal refused a held item ({status}); it was not sent to Omneo.";
  var leaving = false;

  function words(item) { return WORDS[item.kind] || WORDS.action; }

  function say(text, tone, focus) {
    statusBox.textContent = text;
    statusBox.className = text ? "outbox-status alert alert-" + (tone || "warning") : "outbox-status";
    if (focus && text) { statusBox.focus({ preventScroll: true }); statusBox.scrollIntoView({ block: "center" }); }
  }

  function describe(form) {
    if (form.dataset.outboxWhat) return form.dataset.outboxWhat;
    var parts = ["customer", "service", "when", "store"].map(function (name) {
      var slot = document.querySelector("[data-recap-for='" + name + "']");
      return slot ? slot.textContent.trim() : "";
    });
    return parts.filter(Boolean).join(" · ") || "A booking";
  }

  function itemFrom(form, button) {
    var data = new FormData(form, button);
    var fields = [];
    data.forEach(function (value, name) { if (typeof value === "string") fields.push([name, value]); });
    return {
      key: String(data.get(form.dataset.outboxKey) || ""),
      user: user,
      kind: form.dataset.outbox,
      what: describe(form),
      url: new URL(form.getAttribute("action") || location.href, location.href).href,
      fields: fields,
      heldAt: Date.now()
    };
  }

  function own(items) {
    return items.filter(function (item) { return item && item.user === user; })
      .sort(function (a, b) { return a.heldAt - b.heldAt; });
  }

  function listed(item) {
    var row = document.createElement("li");
    row.className = "outbox-item d-flex flex-wrap align-items-center gap-2 py-1";
    row.dataset.testid = "held-item";
    var text = document.createElement("span");
    var state = document.createElement("strong");
    state.textContent = words(item).state + ": ";
    text.append(state, item.what);
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm btn-outline-danger btn-touch ms-auto";
    discard.dataset.outboxDiscard = item.key;
    discard.textContent = "Discard";
    var whose = document.createElement("span");
    whose.className = "visually-hidden";
    whose.textContent = " " + item.what;
    discard.append(whose);
    row.append(text, discard);
    return row;
  }

  function refreshList() {
    return kv.values(store).then(function (items) {
      var mine = own(items);
      list.replaceChildren.apply(list, mine.map(listed));
      panel.hidden = mine.length === 0;
      return mine;
    });
  }

  function hold(item, pressed) {
    return kv.set(item.key, item, store).then(function () {
      if (pressed) say(words(item).held.replace("{what}", item.what), "warning", true);
      return refreshList();
    });
  }

  function freeButtons(form) {
    form.querySelectorAll("[data-outbox-send]").forEach(function (button) {
      if (button.dataset.label) button.textContent = button.dataset.label;
      delete button.dataset.submitted;
      button.disabled = false;
    });
  }

  /* This page's token, not the held one: signing in again since it was held rotates it. */
  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; }
    catch (error) { return ""; }
  }

  function samePage(url) { return new URL(url, location.href).pathname === location.pathname; }

  function showAnswer(html, status) {
    var answer = new DOMParser().parseFromString(html, "text/html");
    var main = document.getElementById("main");
    var given = answer.getElementById("main");
    if (!main || !given) return false;
    main.innerHTML = given.innerHTML;
    document.title = answer.title;
    if (window.htmx) window.htmx.process(main);
    document.dispatchEvent(new CustomEvent("outbox:answered", { detail: { status: status } }));
    return true;
  }

  /* What the portal answered: a page to open, a page to show in place, or a refusal. */
  function answered(item, response) {
    var next = response.headers.get("Outbox-Location");
    if (next) {
      if (new URL(next, location.href).pathname === new URL(loginUrl, location.href).pathname) {
        say(SIGN_IN, "warning", true);
        return hold(item, false);  /* the session ended: nothing was sent */
      }
      leaving = true;
      location.assign(next);
      return Promise.resolve();
    }
    var html = (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
    if (!html) { say(REFUSED.replace("{status}", response.status), "danger", true); return Promise.resolve(); }
    return response.text().then(function (text) {
      if (text.indexOf('id="main"') === -1) { say(REFUSED.replace("{status}", response.status), "danger", true); return; }
      if (samePage(item.url) && showAnswer(text, response.status)) return;
      sessionStorage.setItem(ANSWER, JSON.stringify({ path: new URL(item.url).pathname, html: text, status: response.status }));
      leaving = true;
      location.assign(item.url);
    });
  }

  /* One try. A failure to connect (or no network at all) holds it; any answer from the portal
     removes it, since the portal keeps the result under the token. */
  function send(item, pressed) {
    if (!navigator.onLine) return hold(item, pressed);
    var body = new URLSearchParams();
    item.fields.forEach(function (pair) { if (pair[0] !== "csrfmiddlewaretoken") body.append(pair[0], pair[1]); });
    var controller = new AbortController();
    var timer = setTimeout(function () { controller.abort(); }, TIMEOUT_MS);
    return fetch(item.url, {
      method: "POST",
      body: body,
      headers: { "Idempotency-Key": item.key, "X-CSRFToken": csrfToken() },
      credentials: "same-origin",
      signal: controller.signal
    }).then(function (response) {
      clearTimeout(timer);
      if (NOT_REACHED.indexOf(response.status) !== -1) return hold(item, pressed);
      if (response.status === 403) {  /* turned away before the form was read: the sign-in ended */
        say(SIGN_IN, "warning", pressed);
        return hold(item, false);
      }
      return kv.del(item.key, store).then(refreshList).then(function () {
        say("");
        return answered(item, response);
      });
    }, function () {
      clearTimeout(timer);
      return hold(item, pressed);
    });
  }

  /* Send every held item of this user, one at a time, in one tab at a time. */
  function flushHeld() {
    if (!navigator.onLine || leaving) return Promise.resolve();
    return kv.values(store).then(function (items) {
      var mine = own(items);
      return mine.reduce(function (chain, item) {
        return chain.then(function () {
          if (leaving) return null;
          return kv.get(item.key, store).then(function (still) { return still ? send(still, false) : null; });
        });
      }, Promise.resolve());
    });
  }
  var flushing = null;
  function flush() {
    if (flushing) return flushing;
    var run = navigator.locks
      ? navigator.locks.request("booking-portal-outbox", { ifAvailable: true }, function (lock) { return lock ? flushHeld() : null; })
      : flushHeld();
    flushing = Promise.resolve(run).catch(function () { return null; }).then(function () { flushing = null; });
    return flushing;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target, button = event.submitter;
    if (!form.dataset.outbox || !button || !button.hasAttribute("data-outbox-send")) return;
    if (event.defaultPrevented) return;  /* a second press of a button already sending */
    event.preventDefault();
    if (!button.dataset.label) button.dataset.label = button.textContent;
    var item = itemFrom(form, button);
    if (!item.key) { form.submit(); return; }  /* no token: only the plain form can say why */
    send(item, true).then(function () {
      /* after booking.js has marked the button "Booking…" (it does so in a timeout) */
      setTimeout(function () { if (!leaving && form.isConnected) freeButtons(form); }, 0);
    });
  });

  panel.addEventListener("click", function (event) {
    var discard = event.target.closest("[data-outbox-discard]");
    if (!discard) return;
    var key = discard.dataset.outboxDiscard;
    kv.get(key, store).then(function (item) {
      return kv.del(key, store).then(refreshList).then(function () {
        if (item) say("Discarded, not sent: " + item.what + ".", "secondary", false);
        statusBox.focus({ preventScroll: true });  /* the button pressed is gone */
      });
    });
  });

  /* htmx parts: a request that never reached the portal says "offline", not an Omneo failure. */
  function markOffline(event) {
    var part = event.detail && event.detail.target;
    if (!part || !part.isConnected) return;
    var note = part.querySelector(":scope > [data-offline-note]");
    if (!note) {
      note = document.createElement("p");
      note.className = "alert alert-secondary py-1 px-2 small mb-2";
      note.dataset.offlineNote = "";
      note.setAttribute("role", "status");
      note.dataset.testid = "offline-note";
      part.prepend(note);
    }
    note.textContent = OFFLINE_PART;
  }
  document.addEventListener("htmx:sendError", markOffline);
  document.addEventListener("htmx:timeout", markOffline);

  window.addEventListener("online", flush);
  window.addEventListener("pageshow", function () { leaving = false; });
  setInterval(flush, RETRY_MS);

  var waiting = sessionStorage.getItem(ANSWER);
  if (waiting) {
    sessionStorage.removeItem(ANSWER);
    var stashed = JSON.parse(waiting);
    if (stashed.path === location.pathname) showAnswer(stashed.html, stashed.status);
  }
  refreshList().then(flush);
})();
