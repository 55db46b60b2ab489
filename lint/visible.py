"""Text as a person can read it in a message: invisible characters are named, long text cut.

A message that says “改为“ ”” (a no-break space replaced by a space) or shows a zero-width
space tells an office worker nothing; “〔不换行空格〕” does.
"""

from __future__ import annotations

NAMES = {
    "\u00a0": "〔不换行空格〕",
    "\u3000": "〔全角空格〕",
    "\u200b": "〔零宽空格〕",
    "\u200c": "〔零宽非连接符〕",
    "\u200d": "〔零宽连接符〕",
    "\u2060": "〔零宽不换行符〕",
    "\ufeff": "〔字节顺序标记〕",
    "\u00ad": "〔软连字符〕",
    "\t": "〔制表符〕",
    "\r": "〔回车〕",
    "\n": "〔换行〕",
    " ": "〔空格〕",
}


def visible(text: str, limit: int = 0) -> str:
    """`text` with invisible characters named; cut to `limit` characters (0: no limit).

    A plain space is only named when the text is nothing but spaces: inside words it reads
    as what it is."""
    if text.strip(" "):
        shown = "".join(NAMES.get(c, c) if c != " " else c for c in text)
    else:
        shown = "".join(NAMES[" "] for _ in text[:3]) + ("…" if len(text) > 3 else "")
    if limit and len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return shown


def suggestion_words(suggestion: str) -> str:
    """A suggestion as words: an empty one deletes, a blank one is named, not shown blank."""
    if suggestion == "":
        return "删除"
    if suggestion == " ":
        return "改为普通空格"
    if not suggestion.strip():
        return f"改为{visible(suggestion)}"
    return visible(suggestion)
