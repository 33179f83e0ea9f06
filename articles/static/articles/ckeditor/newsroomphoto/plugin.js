/* global CKEDITOR */
"use strict";
// "Insert from library": opens the photo library popup (photos.admin.editor_view)
// and inserts the chosen photo as <figure class="image"><img data-photo-id><figcaption>,
// which the image2 plugin then edits (alt text, caption, alignment) for this use only.
(function () {
  function attr(value) {
    return CKEDITOR.tools.htmlEncodeAttr(String(value === undefined || value === null ? "" : value));
  }

  function figureHtml(photo) {
    return (
      '<figure class="image"><img src="' + attr(photo.url) + '" alt="' + attr(photo.alt) +
      '" width="' + attr(photo.width) + '" height="' + attr(photo.height) +
      '" data-photo-id="' + attr(photo.id) + '"><figcaption>' +
      CKEDITOR.tools.htmlEncode(photo.caption || "") + "</figcaption></figure>"
    );
  }

  CKEDITOR.plugins.add("newsroomphoto", {
    requires: "widget,image2",
    init: function (editor) {
      var options = editor.config.newsroomphoto || {};
      editor.addCommand("newsroomPhoto", {
        allowedContent: "figure(image); img[!src,alt,width,height,data-photo-id]; figcaption",
        requiredContent: "img[src]",
        exec: function () {
          var funcNum = CKEDITOR.tools.addFunction(function (photo) {
            editor.insertHtml(figureHtml(photo));
          });
          var url =
            options.browseUrl + "?mode=figure&CKEditorFuncNum=" + funcNum +
            "&CKEditor=" + encodeURIComponent(editor.name) + "&langCode=" + editor.langCode;
          editor.popup(url, editor.config.filebrowserWindowWidth, editor.config.filebrowserWindowHeight);
        },
      });
      if (editor.ui.addButton) {
        editor.ui.addButton("NewsroomPhoto", {
          label: options.label || "Photo",
          command: "newsroomPhoto",
          toolbar: "insert,10",
          icon: "image",
        });
      }
    },
  });
})();
