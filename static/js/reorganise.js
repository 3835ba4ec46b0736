/* A unit's reorganisation page: "move everyone to" fills in every person's dropdown, except where a different
   unit was chosen for that person. Without the script the server does the same: a person left empty goes
   where "move everyone to" says. No inline script, nothing loaded from outside. */
(function () {
  "use strict";
  var everyone = document.querySelector("select[data-move-everyone]");
  if (!everyone) {
    return;
  }
  var previous = everyone.value;
  everyone.addEventListener("change", function () {
    document.querySelectorAll("select[data-move]").forEach(function (select) {
      if (select.value === "" || select.value === previous) {
        select.value = everyone.value;
      }
    });
    previous = everyone.value;
  });
})();
