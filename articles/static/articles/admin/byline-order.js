"use strict";
// The byline's order on the edit page: each author row gets a handle to drag (or to move with
// the arrow keys) and "Lên"/"Xuống" buttons; every move is announced to screen readers and
// written into the rows' hidden position fields (1, 2, 3… in the order shown).
(function () {
  var PREFIX = "bylines";

  function text(group, key, fallback) {
    return group.dataset[key] || fallback;
  }

  function setUp(group) {
    var tbody = group.querySelector("tbody");
    if (!tbody) return;
    var live = document.createElement("p");
    live.className = "visually-hidden byline-live";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    group.querySelector("fieldset").appendChild(live);
    var dragged = null;

    function rows() {
      return Array.prototype.filter.call(tbody.children, function (row) {
        return row.classList.contains("form-row") && !row.classList.contains("empty-form");
      });
    }

    function authorName(row) {
      var select = row.querySelector("select[name$='-author']");
      var option = select && select.selectedOptions[0];
      return option && option.value ? option.textContent.trim() : "";
    }

    function renumber() {
      var number = 0;
      rows().forEach(function (row) {
        var input = row.querySelector("input[name$='-position']");
        if (!input) return;
        if (authorName(row)) {
          number += 1;
          input.value = String(number);
        } else {
          // An empty extra row keeps its first value, so Django still sees it as untouched.
          input.value = input.defaultValue;
        }
      });
    }

    function announce(row, edge) {
      var all = rows();
      var name = authorName(row) || text(group, "emptyRow", "Dòng trống");
      var where = (all.indexOf(row) + 1) + "/" + all.length;
      live.textContent = edge
        ? name + ": " + text(group, "edge", "đã ở đầu hoặc cuối danh sách") + " (" + where + ")"
        : name + ": " + text(group, "moved", "chuyển đến vị trí") + " " + where;
    }

    function move(row, step) {
      var all = rows();
      var target = all.indexOf(row) + step;
      if (target < 0 || target >= all.length) {
        announce(row, true);
        return;
      }
      tbody.insertBefore(row, step < 0 ? all[target] : all[target].nextSibling);
      renumber();
      announce(row, false);
    }

    // Django numbers the forms of a formset: saved rows first (they carry their ids), new rows
    // after. Rows are renamed in that order, whatever order they are shown in.
    function reindex() {
      var all = rows();
      var saved = all.filter(function (row) { return row.classList.contains("has_original"); });
      var fresh = all.filter(function (row) { return !row.classList.contains("has_original"); });
      var pattern = new RegExp("(" + PREFIX + "-(?:\\d+|__prefix__))(?=-|$)");
      saved.concat(fresh).forEach(function (row, index) {
        var name = PREFIX + "-" + index;
        if (row.id) row.id = row.id.replace(pattern, name);
        row.querySelectorAll("[id],[name],[for]").forEach(function (el) {
          ["id", "name", "for"].forEach(function (attr) {
            var value = el.getAttribute(attr);
            if (value) el.setAttribute(attr, value.replace(pattern, name));
          });
        });
      });
    }

    function button(label, className, onPress) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "button " + className;
      element.textContent = label;
      element.addEventListener("click", function (event) {
        event.preventDefault();
        onPress(element.closest("tr"));
        element.focus();
      });
      return element;
    }

    function equip(row) {
      var cell = row.querySelector("td.field-author");
      if (!cell || cell.querySelector(".byline-move")) return;
      var tools = document.createElement("div");
      tools.className = "byline-move";
      var handle = document.createElement("button");
      handle.type = "button";
      handle.className = "byline-handle";
      handle.draggable = true;
      handle.textContent = "⠿";
      handle.setAttribute("aria-label", text(group, "handle", "Kéo, hoặc dùng phím mũi tên lên/xuống, để đổi thứ tự"));
      handle.title = handle.getAttribute("aria-label");
      handle.addEventListener("keydown", function (event) {
        if (event.key !== "ArrowUp" && event.key !== "ArrowDown") return;
        event.preventDefault();
        move(row, event.key === "ArrowUp" ? -1 : 1);
        handle.focus();
      });
      handle.addEventListener("dragstart", function (event) {
        dragged = row;
        row.classList.add("byline-dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", authorName(row));
      });
      handle.addEventListener("dragend", function () {
        row.classList.remove("byline-dragging");
        dragged = null;
      });
      tools.appendChild(handle);
      tools.appendChild(button(text(group, "up", "Lên"), "byline-up", function (r) { move(r, -1); }));
      tools.appendChild(button(text(group, "down", "Xuống"), "byline-down", function (r) { move(r, 1); }));
      cell.insertBefore(tools, cell.firstChild);
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        var box = row.getBoundingClientRect();
        var after = event.clientY > box.top + box.height / 2;
        tbody.insertBefore(dragged, after ? row.nextSibling : row);
      });
      row.addEventListener("drop", function (event) {
        if (!dragged) return;
        event.preventDefault();
        renumber();
        announce(dragged, false);
      });
    }

    rows().forEach(equip);
    renumber();
    group.addEventListener("formset:added", function (event) {
      equip(event.target);
    });
    document.addEventListener("formset:removed", function (event) {
      // Django renames the remaining rows by their order on screen after this event.
      if (event.detail && event.detail.formsetName === PREFIX) setTimeout(reindex, 0);
    });
    tbody.addEventListener("change", renumber);
    var form = group.closest("form");
    if (form) form.addEventListener("submit", renumber);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var group = document.getElementById(PREFIX + "-group");
    if (group) setUp(group);
  });
})();
