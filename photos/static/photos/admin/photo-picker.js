"use strict";
// The editor's photo popup: hands the chosen (or just uploaded) photo back to CKEditor.
// mode=figure answers the "insert from library" button with the photo's data; otherwise it
// answers the image dialog's "browse" button with the address, filling the alt text if empty.
// The upload script adds the photos it uploads through ``NewsroomPicker.add``.
(function () {
  var params = new URLSearchParams(window.location.search);
  var funcNum = params.get("CKEditorFuncNum") || "";
  var mode = params.get("mode") === "figure" ? "figure" : "url";
  var photos = {};

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

  function onChoice(button) {
    if (button.dataset.featured && !button.dataset.warned) {
      // The featured photo already heads the article: inserting it shows it twice. Say so,
      // and let a second press insert it anyway.
      button.dataset.warned = "1";
      var warning = document.createElement("span");
      warning.className = "photo-warning";
      warning.setAttribute("role", "alert");
      warning.textContent = "Ảnh này đang là ảnh đại diện của bài. Bấm lần nữa nếu vẫn muốn chèn vào nội dung.";
      button.appendChild(warning);
      return;
    }
    choose(photos[button.dataset.photoId]);
  }

  window.NewsroomPicker = {
    add: function (photo) {
      photos[photo.id] = photo;
    },
  };

  document.addEventListener("DOMContentLoaded", function () {
    Object.assign(photos, JSON.parse(document.getElementById("photo-data").textContent));
    document.getElementById("photo-grid").addEventListener("click", function (event) {
      var button = event.target.closest(".photo-choice");
      if (button) onChoice(button);
    });
    var chosen = document.getElementById("chosen-photo");
    if (chosen) choose(JSON.parse(chosen.textContent));
  });
})();
