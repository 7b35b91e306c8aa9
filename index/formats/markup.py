"""HTML fragments (a feed entry's summary or content) as plain text: tags stripped, paragraphs kept."""
from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["strip_tags"]

_BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
           "article", "figure", "figcaption", "pre", "hr", "table"}
_DROPPED = {"script", "style", "noscript", "template", "iframe", "object", "svg"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def strip_tags(fragment: str) -> str:
    """'<p>Edda said “yes”.</p><script>…</script>' -> 'Edda said “yes”.' (entities decoded, spaces tidied)."""
    parser = _Text()
    parser.feed(fragment or "")
    parser.close()
    paragraphs = (re.sub(r"[ \t\r\f\v\n]+", " ", p).strip() for p in "".join(parser.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
