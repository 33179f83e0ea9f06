"use strict";
// The editor's photo popup: hands the chosen (or just uploaded) photo back to CKEditor.
// mode=figure answers the "insert from library" button with the photo's data; otherwise it
// answers the image dialog's "browse" button with the address, filling the alt text if empty.
(function () {
  var params = new URLSearchParams(window.location.search);
  var funcNum = params.get("CKEditorFuncNum") || "";
  var mode = params.get("mode") === "figure" ? "figure" : "url";

  function choose(photo) {
    var opener = window.opener;
    if (!photo || !opener || !opener.CKEDITOR || !/^\d+$/.test(funcNum)) {
      document.getElementById("picker-notice").hidden = false;
      return;
    }
    if (mode === "figure") {
      opener.CKEDITOR.tools.callFunction(Number(funcNum), photo);
    } else {
      opener.CKEDITOR.tools.callFunction(Number(funcNum), photo.url, function () {
        var dialog = this.getDialog();
        var alt = dialog && dialog.getContentElement("info", "alt");
        if (alt && !alt.getValue()) alt.setValue(photo.alt);
      });
    }
    window.close();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var photos = JSON.parse(document.getElementById("photo-data").textContent);
    document.querySelectorAll(".photo-choice").forEach(function (button) {
      button.addEventListener("click", function () {
        choose(photos[button.dataset.photoId]);
      });
    });
    var chosen = document.getElementById("chosen-photo");
    if (chosen) choose(JSON.parse(chosen.textContent));
  });
})();
