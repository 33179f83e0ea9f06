"""The media library: the photo model, upload checks (``images``, ``colour``), renditions, the
photo admin and chooser, and ``{% responsive_photo %}``.

May import Django, Pillow and the project's generic admin helpers (``newsroom.admin_widgets``).
It knows no article: what it must ask of the content that shows photos (who may change one,
whether a public page shows it) goes through ``photos.policy``, which ``articles`` fills at
start-up.
"""
