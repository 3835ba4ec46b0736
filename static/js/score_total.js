/* The score page: the weighted total of the member's scores, shown as they type.

   The same computation as the server's (assessments/scoring.py, member_total): the sum of score × weight over
   the sum of the weights, rounded half up to two decimals. It is done here in whole hundredths, so no binary
   fraction can make the total shown differ from the total saved. A score is a number from 0 to 100 with at
   most two decimals; full-width digits typed with a Chinese input method count. Until every criterion has
   such a score the total shows "—". No inline script, nothing loaded from outside. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-score-form]");
  var output = document.querySelector("[data-weighted-total]");
  if (!form || !output) {
    return;
  }
  var hint = document.querySelector("[data-total-hint]");
  var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-weight]"));

  // "92.5" → 9250; null for anything that is not a number from 0 to `limit` with at most two decimals.
  function hundredths(text, limit) {
    var plain = String(text)
      .replace(/[\uff10-\uff19]/g, function (digit) {
        return String.fromCharCode(digit.charCodeAt(0) - 0xfee0);
      })
      .replace(/\uff0e/g, ".")
      .trim();
    var match = /^(\d{0,5})(?:\.(\d{0,2}))?$/.exec(plain);
    if (!match || !/\d/.test(plain)) {
      return null;
    }
    var value = parseInt(match[1] || "0", 10) * 100 + parseInt(((match[2] || "") + "00").slice(0, 2), 10);
    return value <= limit * 100 ? value : null;
  }

  function show(total) {
    if (total === null) {
      output.textContent = "—";
    } else {
      var cents = String(total % 100);
      output.textContent = Math.floor(total / 100) + "." + (cents.length < 2 ? "0" + cents : cents);
    }
    if (hint) {
      hint.hidden = total !== null;
    }
  }

  function update() {
    var weighted = 0;
    var weights = 0;
    for (var i = 0; i < inputs.length; i++) {
      var score = hundredths(inputs[i].value, 100);
      var weight = hundredths(inputs[i].getAttribute("data-weight"), 1000);
      if (score === null || weight === null) {
        show(null);
        return;
      }
      weighted += score * weight;
      weights += weight;
    }
    if (!weights) {
      show(null);
      return;
    }
    // Half up: floor((2·n + d) / (2·d)), in hundredths of a point.
    show(Math.floor((2 * weighted + weights) / (2 * weights)));
  }

  inputs.forEach(function (input) {
    input.addEventListener("input", update);
  });
  update();
})();
