"""Text helpers that the middleware, the services and the exporters share; plain functions, no
Django."""

import re

# What an XML document (DOCX, XLSX, the PDF's HTML) cannot hold, and nobody means to type:
# - C0 control characters other than tab, line feed and carriage return (copy-paste from Word
#   brings some: \x0b is its manual line break);
# - surrogates (only ever unpaired in a Python string: a JSON "\ud800" or a broken decoder);
# - the noncharacters U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE,
#   U+FFFF, U+1FFFE, …), which lxml refuses and which made XLSX and DOCX answer 500.
_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_ILLEGAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef" + re.escape(_NONCHARACTERS) + "]"
)


def clean_text(text):
    """`text` without the code points above: the one cleaning of text on the way in (the
    middleware for every POST, the editor's services, `import_arena`) and out (the exporters)."""
    if not text:
        return text
    return _ILLEGAL.sub("", text)


# The name the middleware and the exporters used before the noncharacters were added.
without_control_characters = clean_text
