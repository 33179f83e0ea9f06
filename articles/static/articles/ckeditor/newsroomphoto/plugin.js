/* global CKEDITOR */
"use strict";
// "Insert from library": opens the photo library popup (photos.chooser.editor_view)
// and inserts the chosen photo as <figure class="image"><img data-photo-id><figcaption>,
// which the image2 plugin then edits (alt text, caption, alignment) for this use only.
// Inside an imported caption placeholder (a figure with a caption and no photo), the same
// button, or a double click on it, fills that placeholder: the photo takes its place and
// keeps its caption, which the popup also offers as the new photo's caption.
(function () {
  function attr(value) {
    return CKEDITOR.tools.htmlEncodeAttr(String(value === undefined || value === null ? "" : value));
  }

  function figureHtml(photo, caption) {
    return (
      '<figure class="image"><img src="' + attr(photo.url) + '" alt="' + attr(photo.alt) +
      '" width="' + attr(photo.width) + '" height="' + attr(photo.height) +
      '" data-photo-id="' + attr(photo.id) + '"><figcaption>' +
      CKEDITOR.tools.htmlEncode(caption === null ? photo.caption || "" : caption) +
      "</figcaption></figure>"
    );
  }

  // A figure without an image, whatever its class (the sanitiser marks it photo-placeholder).
  function placeholderOf(element) {
    while (element && element.type === CKEDITOR.NODE_ELEMENT) {
      if (element.is("figure")) return element.findOne("img") ? null : element;
      element = element.getParent();
    }
    return null;
  }

  function captionOf(figure) {
    var caption = figure.findOne("figcaption");
    return caption ? caption.getText().trim() : "";
  }

  CKEDITOR.plugins.add("newsroomphoto", {
    requires: "widget,image2",
    init: function (editor) {
      var options = editor.config.newsroomphoto || {};

      function open(placeholder) {
        var caption = placeholder ? captionOf(placeholder) : null;
        var funcNum = CKEDITOR.tools.addFunction(function (photo) {
          if (placeholder && editor.editable().contains(placeholder)) {
            editor.fire("saveSnapshot");
            var figure = CKEDITOR.dom.element.createFromHtml(figureHtml(photo, caption), editor.document);
            figure.replace(placeholder);
            editor.widgets.initOn(figure, "image");
            editor.fire("saveSnapshot");
            editor.fire("change");
          } else {
            editor.insertHtml(figureHtml(photo, null));
          }
        });
        var featured = document.getElementById("id_featured_photo");
        var url =
          options.browseUrl + "?mode=figure&CKEditorFuncNum=" + funcNum +
          "&CKEditor=" + encodeURIComponent(editor.name) + "&langCode=" + editor.langCode;
        if (placeholder) url += "&caption=" + encodeURIComponent(caption);
        if (featured && /^\d+$/.test(featured.value)) url += "&featured=" + featured.value;
        editor.popup(url, editor.config.filebrowserWindowWidth, editor.config.filebrowserWindowHeight);
      }

      editor.addCommand("newsroomPhoto", {
        allowedContent: "figure(image,photo-placeholder); img[!src,alt,width,height,data-photo-id]; figcaption",
        requiredContent: "img[src]",
        exec: function () {
          var selection = editor.getSelection();
          open(selection ? placeholderOf(selection.getStartElement()) : null);
        },
      });
      editor.on("doubleclick", function (event) {
        var placeholder = placeholderOf(event.data.element);
        if (placeholder) open(placeholder);
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
