/* "Book anyway" sends the booking once, however often it is pressed (the server refuses a
   second send of the same form too). Everything works without it. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.name !== "book_anyway") return;
    if (button.dataset.submitted) { event.preventDefault(); return; }
    button.dataset.submitted = "1";
    setTimeout(function () { button.setAttribute("aria-disabled", "true"); button.textContent = "Booking…"; }, 0);
  });
})();
