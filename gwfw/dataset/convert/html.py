"""Saved government web pages (.html, .htm, .mhtml) -> report text and the catalog fields the page states.

The main text comes from readability-lxml: on pages modelled on gov.cn templates it kept every body
paragraph and table row with the least navigation of the extractors measured (see the commit that added
it). Around it, the page's own metadata is read: the <meta> names of the national site standard
(ArticleTitle, PubDate, ContentSource, SiteName, ColumnName, Url), the 索引号/发布机构/发布日期/成文日期
block, and <title> as the fallback. The text starts with the title and the block's date lines, so the
period rules that read the text find the page's 发布日期.
"""

from __future__ import annotations

import email
import email.policy
import logging
import re

import lxml.html

from ..dates import find_date
from . import TABLE_SEPARATOR, Converted, ConvertError, Found, words

_BLOCK = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li tr table section article ul ol blockquote pre dd dt "
    "header footer center form".split()
)
_SKIP = frozenset(
    ("script", "style", "noscript", "template", "select", "option", "button", "input", "textarea")
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
# Charset labels as pages declare them -> the codec that reads them: GB2312 and GBK pages are in
# practice GBK, and GB18030 reads both.
_CODECS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "big5": "big5",
    "big5-hkscs": "big5hkscs",
}


def decode_page(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Bytes of a page -> (text, codec): the charset the page declares first, then UTF-8 and GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    m = _CHARSET.search(data[:8192])
    label = (declared or (m.group(1).decode("ascii") if m else "")).lower()
    tried = [c for c in (_CODECS.get(label, ""), "utf-8", "gb18030") if c]
    for codec in dict.fromkeys(tried):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    raise ConvertError(
        f"{name}: the page is neither {label.upper() or 'UTF-8'} nor GB18030 text — "
        "save it again from the browser (Save page as… → Web page, HTML only)"
    )


def unpack_mhtml(data: bytes, name: str) -> tuple[bytes, str | None, str]:
    """A single-file web archive -> (the page's HTML bytes, its declared charset, the address it was
    saved from)."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    url = msg.get("Snapshot-Content-Location", "") or msg.get("Content-Location", "")
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset(), url or part.get("Content-Location", "")
    raise ConvertError(f"{name}: no web page inside this .mhtml file — save the page again from the browser")


def _is_links(el) -> bool:
    """A block of the page's furniture: two links or more, and more of its text in links than out of them
    (a menu, breadcrumbs, a list of other articles)."""
    links = el.xpath(".//a")
    if len(links) < 2 or el.xpath(".//table"):
        return False
    text = len("".join(el.text_content().split()))
    linked = sum(len("".join(a.text_content().split())) for a in links)
    return text > 0 and linked > 0.5 * text


def _render(node, drop_links: bool = False) -> list[str]:
    """An element's text as lines: block elements break lines, the cells of a table row are joined;
    `drop_links` leaves out blocks that are mostly links."""
    out: list[str] = []

    def walk(el) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag or (drop_links and tag in _BLOCK and tag != "tr" and _is_links(el)):
            if el.tail:
                out.append(el.tail)
            return
        if tag == "tr" and not el.xpath(".//table"):  # a row of a layout table holds blocks, not cells
            cells = [
                " ".join(c.text_content().split())
                for c in el
                if isinstance(c.tag, str) and c.tag in ("td", "th")
            ]
            out.append("\n" + TABLE_SEPARATOR.join(c for c in cells if c) + "\n")
        else:
            if tag in _BLOCK:
                out.append("\n")
            if el.text:
                out.append(el.text)
            for child in el:
                walk(child)
            if tag in _BLOCK:
                out.append("\n")
        if el.tail:
            out.append(el.tail)

    walk(node)
    lines = (" ".join(ln.replace("\u3000", " ").split()) for ln in "".join(out).splitlines())
    return [ln for ln in lines if ln]


def _meta(tree) -> dict[str, str]:
    wanted = {n.lower(): field for field, names in words()["meta_names"].items() for n in names}
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        field = wanted.get((el.get("name") or "").strip().lower())
        value = " ".join((el.get("content") or "").split())
        if field and value and field not in found:
            found[field] = value
    return found


def _label_pattern(label: str) -> str:
    return r"\s*".join(re.escape(c) for c in label)  # 索 引 号


def info_block(lines: list[str]) -> dict[str, tuple[str, str]]:
    """The 政务公开 block's fields: {field: (label as on the page, value)}, first occurrence of each."""
    labels = {label: field for field, names in words()["info_labels"].items() for label in names}
    alt = "|".join(_label_pattern(lb) for lb in sorted(labels, key=len, reverse=True))
    inline = re.compile(
        rf"""
        [\[【]?\s*(?P<label>{alt})\s*[\]】]?    # a label, perhaps bracketed: [ 索引号 ]
        \s*[:：]\s*                             # its colon
        (?P<value>.+?)                          # the value, up to ...
        (?=\s+\S{{2,8}}\s*[:：]|$)              # ... the next 'label：' on the line, or the line's end
        """,
        re.VERBOSE,
    )
    rank = {label: i for names in words()["info_labels"].values() for i, label in enumerate(names)}
    ignored = set(words()["not_publishers"])
    found: dict[str, tuple[str, str]] = {}

    def keep(label: str, value: str) -> None:
        """The first value of each field, from its most telling label (发布机构 before 来源)."""
        label = re.sub(r"\s+", "", label)
        field = labels.get(label)
        value = value.strip(" |")
        if not field or not value or value in ignored:
            return
        if field not in found or rank[label] < rank[found[field][0]]:
            found[field] = (label, value)

    for line in lines:
        cells = line.split(TABLE_SEPARATOR.strip())
        for i, cell in enumerate(cells):
            key = re.sub(r"[\s\[\]【】:：]", "", cell)
            if (
                key in labels
                and i + 1 < len(cells)
                and re.sub(r"[\s\[\]【】:：]", "", cells[i + 1]) not in labels
            ):
                keep(key, cells[i + 1])
                continue
            for m in inline.finditer(cell.strip()):
                keep(m["label"], m["value"])
    return found


def _title_from_head(title: str, site: str) -> str:
    """'Report title_Site name' -> 'Report title': the first part that is not the site's name."""
    for sep in words()["title_separators"]:
        if sep in title:
            parts = [p.strip() for p in title.split(sep) if p.strip()]
            kept = [p for p in parts if not site or site not in p] or parts
            return kept[0]
    return title.strip()


def _is_furniture(line: str) -> bool:
    tokens = [t for t in re.split(r"[\s\[\]【】()（）:：|/·]+", line) if t]
    return bool(tokens) and all(t in words()["furniture_words"] for t in tokens)


def _found(
    meta: dict[str, str], block: dict[str, tuple[str, str]], head_title: str, url: str
) -> dict[str, Found]:
    """The catalog fields the page states, each with where it was read: <meta> first, then the page's block,
    then <title>; dates from the block first (it is what the reader of the page sees)."""
    found: dict[str, Found] = {}
    if meta.get("title"):
        found["title"] = Found(meta["title"], "<meta name=ArticleTitle>")
    elif "title" in block:
        found["title"] = Found(block["title"][1], f"the page's {block['title'][0]} line")
    elif head_title:
        found["title"] = Found(_title_from_head(head_title, meta.get("site", "")), "<title>")
    if meta.get("publisher"):
        found["publisher"] = Found(meta["publisher"], "<meta name=ContentSource>")
    elif "publisher" in block:
        found["publisher"] = Found(block["publisher"][1], f"the page's {block['publisher'][0]}")
    for field in ("published", "written"):
        if field in block and find_date(block[field][1]):
            found[field] = Found(find_date(block[field][1]), f"the page's {block[field][0]}")
        elif field == "published" and find_date(meta.get(field, "")):
            found[field] = Found(find_date(meta[field]), "<meta name=PubDate>")
    if url:
        found["url"] = Found(
            url, "<meta name=Url>" if meta.get("url") else "the address the page was saved from"
        )
    for field, name in (("site", "SiteName"), ("column", "ColumnName")):
        if meta.get(field):
            found[field] = Found(meta[field], f"<meta name={name}>")
    return found


def _header(title: str, meta: dict[str, str], block: dict[str, tuple[str, str]]) -> list[str]:
    """Title, then the page's 发布机构/成文日期/发布日期 lines as the page writes them (from <meta> when the
    page shows no such line)."""
    header = [title] if title else []
    labels = words()["header_labels"]
    for field in words()["header_fields"]:
        if field in block:
            header.append(f"{block[field][0]}：{block[field][1]}")
        elif meta.get(field):
            header.append(f"{labels[field]}：{meta[field]}")
    return header


def convert_html(data: bytes, name: str, mhtml: bool = False) -> Converted:
    url_saved, declared = "", None
    if mhtml:
        data, declared, url_saved = unpack_mhtml(data, name)
    page, codec = decode_page(data, name, declared)
    try:
        tree = lxml.html.document_fromstring(page)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ConvertError(f"{name}: not a web page ({exc}) — save it again from the browser") from None
    meta = _meta(tree)
    block = info_block(_render(tree.body if tree.body is not None else tree))
    head_title = " ".join((tree.findtext(".//title") or "").split())
    found = _found(meta, block, head_title, meta.get("url") or url_saved or _canonical(tree))
    title = found["title"].value if "title" in found else ""
    info_words = {lb for names in words()["info_labels"].values() for lb in names}
    body = [
        line
        for line in _main_text(page, name)
        if line != title
        and not _is_furniture(line)
        and sum(lb in line.replace(" ", "") for lb in info_words) < 2  # the block again: it is in the header
    ]
    text = "\n".join(_header(title, meta, block)) + "\n\n" + "\n".join(body) + "\n"
    return Converted(text, found, f"web page, {codec.upper()}")


def _canonical(tree) -> str:
    for el in tree.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href", "").startswith("http"):
            return el.get("href")
    return ""


def _main_text(page: str, name: str) -> list[str]:
    from readability import Document

    logging.getLogger("readability.readability").setLevel(logging.ERROR)
    try:
        summary = Document(page).summary(html_partial=True)
    except Exception as exc:  # readability raises its own Unparseable and lxml's errors on broken markup
        raise ConvertError(
            f"{name}: no article text could be found in the page ({type(exc).__name__}) — "
            "save the page again, or copy the report's text into a .txt file"
        ) from None
    lines = _render(lxml.html.fragment_fromstring(summary, create_parent="div"), drop_links=True)
    if not lines:
        raise ConvertError(
            f"{name}: no article text could be found in the page — save the page again, "
            "or copy the report's text into a .txt file"
        )
    return lines
