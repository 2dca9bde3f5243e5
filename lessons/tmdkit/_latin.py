"""Read Kazakh typed in Latin letters as Cyrillic: the 2021 alphabet and English digraphs."""

from __future__ import annotations

import re
import unicodedata

# The official Kazakh Latin alphabet of January 2021 (31 letters): A Ä B D E F G Ğ H I(ı) İ(i) J K
# L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z, where ı = і, i = и/й, y = ы, h = х/һ, j = ж, q = қ.
# Added as courtesies: ç ч, x х, w у, ŋ ң and the 2018 acute letters á ó ú ý ǵ ń.
_LAT21 = dict(
    zip(
        "aäbdefgğhıijklmnñoöpqrsştuūüvyz" + "çxwŋáóúýǵń",
        "аәбдефгғхіижклмнңоөпқрсштуұүвыз" + "чхуңәөүуғң",
        strict=True,
    )
)
_DIGRAPHS = re.compile("sh|ch|zh|kh", re.IGNORECASE)  # English habits: Dushanbe, Kazakh
_DIGRAPH_CYR = {"sh": "ш", "ch": "ч", "zh": "ж", "kh": "х"}


def latin_to_cyrillic(text: str) -> str:
    """Return text with letters of the 2021 Kazakh Latin alphabet written in Cyrillic."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in "Iİ":  # capital I is ı (і) and capital İ is i (и) in the 2021 alphabet
            out.append("І" if ch == "I" else "И")
            continue
        cyr = _LAT21.get(ch.lower())
        out.append(ch if cyr is None else cyr.upper() if ch.isupper() else cyr)
    return "".join(out)


def digraphs(text: str) -> str:
    """Return text with the English habits sh, ch, zh, kh written as ш, ч, ж, х."""
    return _DIGRAPHS.sub(lambda m: _DIGRAPH_CYR[m.group().lower()], text)
