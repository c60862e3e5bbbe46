"""Text helpers that the middleware and the exporters share; plain functions, no Django."""

# C0 control characters other than tab, line feed and carriage return. Copy-paste from Word
# brings some (\x0b is its manual line break); XML documents (DOCX, XLSX) cannot store them,
# and nobody means to type them.
_CONTROL_CHARACTERS = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def without_control_characters(text):
    return text.translate(_CONTROL_CHARACTERS)
