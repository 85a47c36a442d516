// Filters the timeline by kind of event and by year. Without JavaScript the form stays hidden and every event
// shows; with it, the form appears and hides the events (and the years left empty) that do not match.
"use strict";
(function () {
  var form = document.getElementById("filters");
  if (!form) {
    return;
  }
  var kind = form.elements.namedItem("kind");
  var year = form.elements.namedItem("year");
  var status = document.getElementById("filter-status");
  var years = document.querySelectorAll("section.year");
  var total = document.querySelectorAll("li.event").length;

  function apply() {
    var shown = 0;
    years.forEach(function (section) {
      var inYear = 0;
      section.querySelectorAll("li.event").forEach(function (item) {
        var match = (!kind.value || item.dataset.kind === kind.value) &&
          (!year.value || item.dataset.year === year.value);
        item.hidden = !match;
        inYear += match ? 1 : 0;
      });
      section.hidden = inYear === 0;
      shown += inYear;
    });
    status.textContent = shown === total ? "Showing all " + total + " events." :
      "Showing " + shown + " of " + total + " events.";
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.hidden = false;
  apply();
})();
