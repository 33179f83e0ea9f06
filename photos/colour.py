"""Colours: every picture the site keeps or shows is plain sRGB, without an embedded profile.

A photo may arrive with an ICC colour profile (Adobe RGB from a camera, Display P3 from a
phone, a printer's CMYK). Kept as it is, the profile travels into every file the public
fetches, with whatever text its author put in it. Its colours are therefore converted to sRGB
— what browsers assume for a picture without a profile — and the profile is dropped.
"""

import io

from PIL import Image, ImageCms

# The colour space an ICC profile describes → the mode Pillow must hand LittleCMS for it, and
# the modes of pictures that profile may describe. Any other pairing (a CMYK profile on an RGB
# picture, a Lab profile) is a broken file: browsers ignore such a profile, and so do we.
PROFILE_MODES = {
    "RGB": ("RGB", {"RGB", "RGBA", "RGBX", "P", "PA", "L", "LA", "1", "I", "I;16"}),
    "GRAY": ("L", {"L", "LA", "1", "I", "I;16"}),
    "CMYK": ("CMYK", {"CMYK"}),
}


def has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA"} or "transparency" in image.info


def to_srgb(image: Image.Image) -> Image.Image:
    """``image`` as RGB (RGBA when it has transparency) in sRGB, converted by its ICC profile.

    ``image`` itself may be changed; the caller drops ``info`` (and with it the profile)
    from what it stores. A profile that
    cannot be read, or that does not fit the picture, is ignored: the numbers are taken as
    sRGB, as a browser would show them.
    """
    mode = "RGBA" if has_alpha(image) else "RGB"
    icc_profile = image.info.get("icc_profile")
    converted = _convert(image, icc_profile, mode) if icc_profile else None
    if converted is not None:
        return converted
    return image if image.mode == mode else image.convert(mode)


def _convert(image: Image.Image, icc_profile: bytes, mode: str) -> Image.Image | None:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        colour_mode, fitting = PROFILE_MODES.get(source.profile.xcolor_space.strip(), (None, ()))
        if image.mode not in fitting:
            return None
        # LittleCMS converts colours only: transparency is set aside and put back unchanged.
        alpha = image.convert("RGBA").getchannel("A") if mode == "RGBA" else None
        colours = image if image.mode == colour_mode else image.convert(colour_mode)
        # A fresh sRGB profile each time: LittleCMS profiles are not shared between threads.
        srgb = ImageCms.createProfile("sRGB")
        if colour_mode == "RGB":  # in place: a 50-megapixel copy is 150 MB
            ImageCms.profileToProfile(colours, source, srgb, outputMode="RGB", inPlace=True)
            converted = colours
        else:
            converted = ImageCms.profileToProfile(colours, source, srgb, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return None
    if alpha is not None:
        converted.putalpha(alpha)
    return converted
