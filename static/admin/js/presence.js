// Tells the server every 30 seconds that this edit page is open, and shows who else has it open.
"use strict";
(function () {
  const panel = document.getElementById("presence");
  if (!panel) return;
  const names = panel.querySelector(".presence-names");
  const tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  function beat() {
    fetch(panel.dataset.url, {
      method: "POST",
      headers: { "X-CSRFToken": tokenInput ? tokenInput.value : "" },
      credentials: "same-origin",
    })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (!data) return;
        names.textContent = data.others.join(", ");
        panel.classList.toggle("hidden", data.others.length === 0);
      })
      .catch(() => {});
  }
  setInterval(beat, 30000);
})();
