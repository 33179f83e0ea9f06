"use strict";
// The photo form: a click on the preview sets the focal point kept in 16:9 crops.
document.addEventListener("DOMContentLoaded", function () {
  var picker = document.querySelector(".focal-picker");
  var x = document.getElementById("id_focal_x");
  var y = document.getElementById("id_focal_y");
  if (!picker || !x || !y) return;
  var image = picker.querySelector("img");
  var mark = picker.querySelector(".focal-mark");
  function show() {
    mark.hidden = x.value === "" || y.value === "";
    mark.style.left = x.value + "%";
    mark.style.top = y.value + "%";
  }
  image.addEventListener("click", function (event) {
    var box = image.getBoundingClientRect();
    x.value = Math.round(((event.clientX - box.left) / box.width) * 100);
    y.value = Math.round(((event.clientY - box.top) / box.height) * 100);
    show();
  });
  x.addEventListener("input", show);
  y.addEventListener("input", show);
  show();
});
