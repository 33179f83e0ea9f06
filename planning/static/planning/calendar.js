// The calendar's drag and drop: a movable story dropped on another day is moved there through
// the same address as the keyboard form ("Dời sang ngày…"), which stays the way without a mouse.
(function () {
  "use strict";
  var root = document.getElementById("planning-calendar");
  if (!root) { return; }
  var status = document.getElementById("calendar-status");
  var token = root.querySelector("input[name=csrfmiddlewaretoken]");
  var dragged = null;

  root.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest(".entry[draggable=true]");
    if (!item) { return; }
    dragged = item;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.kind + ":" + item.dataset.pk);
  });
  root.addEventListener("dragover", function (event) {
    var day = dragged && event.target.closest && event.target.closest(".calendar-day");
    if (day) { event.preventDefault(); day.classList.add("drop-target"); }
  });
  root.addEventListener("dragleave", function (event) {
    var day = event.target.closest && event.target.closest(".calendar-day");
    if (day) { day.classList.remove("drop-target"); }
  });
  root.addEventListener("drop", function (event) {
    var day = dragged && event.target.closest && event.target.closest(".calendar-day");
    if (!day) { return; }
    event.preventDefault();
    day.classList.remove("drop-target");
    var body = new URLSearchParams();
    body.append("kind", dragged.dataset.kind);
    body.append("pk", dragged.dataset.pk);
    body.append("date", day.dataset.date);
    dragged = null;
    fetch(root.dataset.moveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: body
    }).then(function (response) {
      return response.json().then(function (data) {
        if (response.ok) { window.location.reload(); } else { status.textContent = data.message; }
      });
    }).catch(function () { status.textContent = "Không dời được: mất kết nối."; });
  });
})();
