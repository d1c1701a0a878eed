/* Booking page behaviour: question visibility (the same JSONLogic subset as bookings/visibility.py),
   the error summary's focus, and one submit per click. Everything works without it. */
(function () {
  "use strict";

  function truthy(v) { return Array.isArray(v) ? v.length > 0 : Boolean(v) && v !== "0" && v !== "false"; }
  function looseEqual(a, b) {
    if (typeof a === "boolean" || typeof b === "boolean") return String(a).toLowerCase() === String(b).toLowerCase();
    if (a === b) return true;
    return a !== null && a !== undefined && b !== null && b !== undefined && String(a) === String(b);
  }
  function num(v) { var n = parseFloat(v); return isNaN(n) ? null : n; }
  function compare(test) { return function (a, b) { a = num(a); b = num(b); return a !== null && b !== null && test(a, b); }; }
  var binary = {
    "==": looseEqual,
    "!=": function (a, b) { return !looseEqual(a, b); },
    "===": function (a, b) { return a === b; },
    "!==": function (a, b) { return a !== b; },
    "<": compare(function (a, b) { return a < b; }),
    ">": compare(function (a, b) { return a > b; }),
    "<=": compare(function (a, b) { return a <= b; }),
    ">=": compare(function (a, b) { return a >= b; }),
    "in": function (a, b) { return (Array.isArray(b) || typeof b === "string") && a != null && b.indexOf(a) !== -1; }
  };
  function evaluate(rule, data) {
    if (Array.isArray(rule)) return rule.map(function (r) { return evaluate(r, data); });
    if (rule === null || typeof rule !== "object" || Object.keys(rule).length !== 1) return rule;
    var op = Object.keys(rule)[0], args = rule[op];
    if (!Array.isArray(args)) args = [args];
    if (op === "var") {
      var name = evaluate(args[0], data);
      return Object.prototype.hasOwnProperty.call(data, name) ? data[name] : (args.length > 1 ? args[1] : null);
    }
    var values = args.map(function (a) { return evaluate(a, data); });
    if (op === "!") return !truthy(values[0]);
    if (op === "!!") return truthy(values[0]);
    if (op === "and") return values.every(truthy);
    if (op === "or") return values.some(truthy);
    if (binary[op] && values.length >= 2) return binary[op](values[0], values[1]);
    return false;
  }

  function answerValue(row) {
    var type = row.dataset.questionType;
    if (type === "multi_select") {
      var picked = Array.prototype.map.call(row.querySelectorAll("input[type=checkbox]:checked"), function (i) { return i.value; });
      return picked.length ? JSON.stringify(picked) : "";
    }
    var checked = row.querySelector("input[type=radio]:checked");
    if (checked) return checked.value;
    var input = row.querySelector("[name$='-value']");
    return input && input.type !== "radio" ? input.value : "";
  }

  function applyVisibility() {
    var answers = {};
    document.querySelectorAll("#questions .answer").forEach(function (row) {
      var rule = row.dataset.visibleWhen ? JSON.parse(row.dataset.visibleWhen) : null;
      var visible = rule === null || truthy(evaluate(rule, answers));
      row.hidden = !visible;
      row.querySelectorAll("input, select, textarea").forEach(function (el) {
        if (el.type === "hidden") return;
        el.disabled = !visible;  /* a hidden question is not required and not sent */
      });
      if (visible && row.dataset.mappingKey) answers[row.dataset.mappingKey] = answerValue(row);
    });
  }

  function focusSummary() {
    /* After a time was taken, focus goes to the nearest free time; otherwise to the summary. */
    var nearest = document.querySelector("[data-autofocus]");
    if (nearest) { nearest.focus(); nearest.scrollIntoView({ block: "center" }); return; }
    var summary = document.querySelector("[data-error-summary]");
    if (summary) summary.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    var details = target.closest("details");
    if (details) details.open = true;
    target.scrollIntoView({ block: "center" });
    target.focus();
  });

  /* The recap repeats what is being booked, beside Book, as the choices change. */
  function text(el) { return el ? el.textContent.trim() : ""; }
  function recap(name, value) {
    var slot = document.querySelector("[data-recap-for='" + name + "']");
    if (slot && value !== null) slot.textContent = value;
  }
  function updateRecap() {
    var service = document.querySelector("input[name=definition]:checked");
    var customer = document.querySelector("input[name=profile]:checked");
    var store = document.getElementById("id_location");
    var staff = document.getElementById("id_staff");
    var time = document.querySelector("input[name=slot]:checked");
    var status = document.getElementById("id_status");
    var times = document.getElementById("times");
    var notYet = "Not chosen yet";
    recap("service", service ? service.dataset.recap : notYet);
    recap("duration", service ? service.dataset.duration : "\u2013");
    recap("customer", customer ? customer.dataset.recap : notYet);
    recap("store", store && store.value ? text(store.options[store.selectedIndex]) : notYet);
    recap("staff", staff ? (staff.value ? text(staff.options[staff.selectedIndex]) : (staff.required ? notYet : "Any available")) : "Any available");
    recap("when", time ? time.dataset.recap : notYet);
    if (times && times.dataset.zone) recap("zone", times.dataset.zone + " time");
    if (status) recap("status", status.value ? text(status.options[status.selectedIndex]) : (service ? service.dataset.status : ""));
  }

  /* Each part says what changed through a live region that is never replaced. */
  function announce(part) {
    if (!part || !part.id) return;
    var region = document.querySelector("[data-live-for='" + part.id + "']");
    if (region && part.dataset.announce) region.textContent = part.dataset.announce;
  }

  document.addEventListener("change", function (event) {
    if (event.target.closest("#questions")) applyVisibility();
  });
  document.addEventListener("input", function (event) {
    if (event.target.closest("#questions")) applyVisibility();
  });
  document.addEventListener("keydown", function (event) {
    /* Enter in the customer search looks customers up; it must not submit the booking. */
    if (event.key === "Enter" && event.target.id === "id_profile_search") event.preventDefault();
    /* Enter in the new customer's fields adds the customer; it must not book for the one chosen. */
    if (event.key === "Enter" && event.target.closest("#new-customer") && event.target.tagName === "INPUT") {
      event.preventDefault();
      var add = document.querySelector("#new-customer [data-testid=new-customer-add]");
      if (add && !add.disabled) add.click();
    }
  });
  document.addEventListener("submit", function (event) {
    var button = event.target.querySelector("[data-submit-once]");
    if (!button || event.submitter !== button) return;
    if (button.dataset.submitted) { event.preventDefault(); return; }
    button.dataset.submitted = "1";
    setTimeout(function () { button.disabled = true; button.textContent = "Booking…"; }, 0);
  });
  /* A time belongs to the service, store, staff member and date it was offered for: changing any
     of them un-ticks it at once, before the refreshed times arrive (capture runs before htmx). */
  var TIME_OWNERS = ["definition", "location", "staff", "date"];
  document.addEventListener("change", function (event) {
    if (TIME_OWNERS.indexOf(event.target.name) === -1) return;
    var ticked = document.querySelector("input[name=slot]:checked");
    if (!ticked) return;
    ticked.checked = false;
    /* The refresh tells the server which time was cleared, so the new times can say why. */
    var cleared = document.createElement("input");
    cleared.type = "hidden";
    cleared.name = "cleared_slot";
    cleared.value = ticked.value;
    (document.getElementById("choices") || event.target.form).appendChild(cleared);
  }, true);

  /* The part being refreshed shows that it is loading, and says so to screen readers. */
  /* While it is refreshed a part cannot be used: nothing tapped or typed there is lost. */
  /* A keyboard user keeps their place: the control they were on is focused again after the swap. */
  var refocus = null;
  document.addEventListener("htmx:beforeRequest", function (event) {
    var target = event.detail.target;
    if (!target) return;
    var active = document.activeElement;
    if (active && active.id && target.contains(active)) refocus = active.id;
    target.setAttribute("aria-busy", "true");
    target.inert = true;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (!refocus) return;
    var again = document.getElementById(refocus);
    refocus = null;
    if (again && !again.disabled && document.activeElement === document.body) again.focus({ preventScroll: true });
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var target = event.detail.target;
    if (!target) return;
    target.removeAttribute("aria-busy");
    target.inert = false;
  });
  /* "Add a new customer" pressed while its form is open goes to the form: asking for it again
     would replace it and lose what was typed. */
  document.addEventListener("htmx:confirm", function (event) {
    var open = document.getElementById("new-customer");
    if (!open || !event.target.matches("[data-testid=new-customer-open]")) return;
    event.preventDefault();
    var field = open.querySelector("input:not([type=hidden])");
    if (field) field.focus();
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    /* A customer just added is listed and chosen: the form that added them closes. */
    var from = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (from && from.closest && from.closest("#new-customer-slot") && event.detail.target.id === "customers") {
      var slot = document.getElementById("new-customer-slot");
      if (slot) slot.innerHTML = "";
    }
    applyVisibility();
    updateRecap();
    var part = event.detail.target;
    if (part && !part.isConnected && part.id) part = document.getElementById(part.id);
    announce(part);
  });
  document.addEventListener("change", updateRecap);
  document.addEventListener("DOMContentLoaded", function () { applyVisibility(); updateRecap(); focusSummary(); });
  /* A booking held offline and sent later: its answer replaced the page's main part (outbox.js). */
  document.addEventListener("outbox:answered", function () { applyVisibility(); updateRecap(); focusSummary(); });
})();
