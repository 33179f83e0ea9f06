"""The rich-text editor: CKEditor 4 through django-ckeditor, and the static files it may serve."""

from django.templatetags.static import static
from django.urls import reverse_lazy
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

# CKEditor's samples, test pages, code-snippet and preview plugins are never served or collected.
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "newsroom.staticfinders.SafeAppDirectoriesFinder",
]

# CKEditor 4 through django-ckeditor, set up for a newsroom: paragraphs, headings, bold and
# italic, lists, quotes, links, tables, and photos from the library as <figure> with caption
# (image2). Plugins that could add code, frames, forms, uploads or outside services are
# removed. The editor's own filter is a convenience; articles.richtext decides what is stored.
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "newsroom",
        "toolbar_newsroom": [
            ["Format", "Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["NewsroomPhoto", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat"],
            ["Maximize"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        "language": "vi",
        "extra_plugins": ["image2", "newsroomphoto"],
        "external_plugin_resources": [
            (
                "newsroomphoto",
                lazy(static, str)("articles/ckeditor/newsroomphoto/"),
                "plugin.js",
            )
        ],
        "removePlugins": (
            "image,uploadimage,exportpdf,preview,print,save,newpage,templates,forms,iframe,"
            "flash,smiley,scayt,language,div,font,colorbutton,colordialog,justify,bidi,"
            "pagebreak,showblocks,copyformatting,sourcearea"
        ),
        "removeDialogTabs": "link:advanced;link:upload;table:advanced;image2:Upload",
        # Photos are inserted and replaced from the library popup (staff only, CSRF-checked
        # uploads through photos.images); no upload URL is given to CKEditor itself.
        "newsroomphoto": {
            "browseUrl": reverse_lazy("admin:photos_photo_editor"),
            "label": _("Chèn ảnh từ thư viện"),
        },
        "filebrowserImageBrowseUrl": reverse_lazy("admin:photos_photo_editor"),
        "filebrowserWindowWidth": 1000,
        "filebrowserWindowHeight": 760,
        "contentsCss": [
            lazy(static, str)("ckeditor/ckeditor/contents.css"),
            lazy(static, str)("articles/ckeditor/contents.css"),
        ],
        "image2_captionedClass": "image",
        "image2_alignClasses": ["image-left", "image-center", "image-right"],
        "image2_disableResizer": True,
        "extraAllowedContent": (
            "figure(image,image-left,image-center,image-right,photo-placeholder);"
            "img[!src,alt,width,height,data-photo-id](image-left,image-right);"
            "figcaption; p(image-center)"
        ),
        "disallowedContent": "script; style; iframe; object; embed; form; *[on*]; *{*}",
    }
}

# django-ckeditor warns on every command that CKEditor 4.22.1 is unsupported and has known,
# unfixed issues. The user chose this editor, so the risk is contained instead (README,
# "Security notes"): every rich-text value is cleaned by articles.richtext on save and again
# when shown; only staff reach the editor; it has no upload endpoint of its own, no code,
# preview or source plugins, no full-page mode; its samples and test pages are never served
# (newsroom.staticfinders). The warning is silenced for that reason only.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
