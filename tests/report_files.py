"""Small report files as researchers hold them, built by the tests: a saved government page (modelled on the
gov.cn article templates: navigation, breadcrumbs, the national metadata <meta> names, the 索引号/发布机构/
发布日期/成文日期 block, footer), a .mhtml archive of it, a PDF with a ruled table, an image-only PDF like a
scan, and a Word .docx with a table. The report text is written for these tests."""

from __future__ import annotations

import io
import quopri
import zlib

BULLETIN = [
    "2023年第三季度，全区政务服务机构扎实推进政务服务标准化规范化便利化建设，现将有关情况通报如下。",
    "一、总体情况",
    "7—9月，区政务服务中心共受理办件87356件，办结87102件，办结率99.71%，群众满意率99.99%。",
    "二、下一步工作",
    "各单位要对照通报问题逐项整改，于10月31日前将整改情况报区政务服务管理办公室。",
]
TABLE = [
    ["单位", "受理量（件）", "办结量（件）"],
    ["区政务服务中心", "87356", "87102"],
    ["镇街便民服务中心", "31247", "31160"],
]
NAVIGATION = ["网站标识码", "渝ICP备05003300号", "当前位置", "热门搜索", "友情链接"]


def gov_page(
    charset: str = "utf-8",
    title: str = "关于綦江区2023年第三季度政务服务工作情况的通报",
    publisher: str = "綦江区政务服务管理办公室",
    site: str = "重庆市綦江区人民政府",
    published: str = "2023年10月12日",
    metas: bool = True,
    extra_body: str = "",
) -> bytes:
    """A saved article page; GB2312 and GBK pages are written as GBK, as such sites serve them."""
    meta = (
        f'<meta name="SiteName" content="{site}">\n<meta name="ColumnName" content="通知公告">\n'
        f'<meta name="ArticleTitle" content="{title}">\n<meta name="PubDate" content="2023-10-12 16:05">\n'
        f'<meta name="ContentSource" content="{publisher}">\n'
        '<meta name="Url" content="http://www.cqqj.gov.cn/bm/tzgg/202310/t20231012_12431001.html">\n'
        if metas
        else ""
    )
    body = "\n".join(f'<p style="text-indent:2em">{p}</p>' for p in BULLETIN[:3])
    table = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE)
    body += f'\n<table border="1"><tbody>{table}</tbody></table>\n'
    body += "\n".join(f'<p style="text-indent:2em">{p}</p>' for p in BULLETIN[3:]) + extra_body
    html = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_{site}</title>
{meta}<script>var _hmt = _hmt || [];</script></head>
<body><div class="header"><div class="w1200"><a class="logo" href="/"><img src="/images/logo.png" alt=""></a>
<form class="search"><input placeholder="请输入关键字"><button>搜索</button></form>
<div class="hot">热门搜索：<a href="#">营商环境</a> <a href="#">惠企政策</a></div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li>
<li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li></ul></div></div>
<div class="container w1200">
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="#">政务公开</a> &gt;
<a href="#">通知公告</a></div>
<div class="main">
<div class="main-left"><h3>最新动态</h3><ul>
<li><a href="#">綦江区召开2023年第四季度安全生产工作会议，部署岁末年初安全防范工作</a></li>
<li><a href="#">区政府常务会议研究部署优化营商环境、城市更新和民生实事项目推进等工作</a></li>
<li><a href="#">区人大常委会组织代表视察政务服务中心建设和“一件事一次办”改革情况</a></li></ul></div>
<div class="main-right">
<table class="gk"><tr><td>索 引 号：</td><td>11500222MB1803418Y/2023-00041</td>
<td>发布机构：</td><td>{publisher}</td></tr>
<tr><td>成文日期：</td><td>2023年10月11日</td><td>发布日期：</td><td>{published}</td></tr></table>
<h1>{title}</h1>
<div id="zoom" class="TRS_Editor">
{body}
<p style="text-align:right">{publisher}</p><p style="text-align:right">2023年10月11日</p>
</div>
<div class="bar"><a href="javascript:window.print()">【打印】</a>
<a href="javascript:window.close()">【关闭】</a></div>
</div></div></div>
<div class="footer"><p>友情链接：<a href="#">中国政府网</a> <a href="#">重庆市人民政府</a></p>
<p>主办单位：重庆市綦江区人民政府办公室 网站标识码：5001100005 渝ICP备05003300号</p></div>
</body></html>"""
    return html.encode({"gb2312": "gbk"}.get(charset, charset))


def mhtml(page: bytes, charset: str, url: str) -> bytes:
    """A page as Chromium's 'Save as single file' writes it: MIME with the HTML quoted-printable."""
    encoded = quopri.encodestring(page).decode("ascii")
    return (
        f"From: <Saved by Blink>\r\nSnapshot-Content-Location: {url}\r\nSubject: page\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----b"\r\n\r\n'
        f'------b\r\nContent-Type: text/html; charset="{charset}"\r\n'
        "Content-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: {url}\r\n\r\n{encoded}\r\n------b--\r\n"
    ).encode("ascii")


# -- PDF: STSong-Light is a standard Chinese font every PDF reader has, so nothing is embedded -----


def _pdf(pages: list[list[tuple]]) -> bytes:
    """ops: ('text', x, y, size, str) | ('line', x0, y0, x1, y1) | ('image',) -> the bytes of a PDF."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts "
        b"[<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (GB1) /Supplement 2 >> /DW 1000 /FontDescriptor << /Type /FontDescriptor /FontName "
        b"/STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 "
        b"/CapHeight 880 /StemV 93 >> >>] >>"
    )
    pixels = bytes(range(0, 256, 4))
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream"
    )
    parent = len(objects) + 2 * len(pages) + 1
    kids = []
    for ops in pages:
        parts = []
        for op in ops:
            if op[0] == "text":
                parts.append(
                    f"BT /F1 {op[3]} Tf {op[1]} {op[2]} Td <{op[4].encode('utf-16-be').hex()}> Tj ET"
                )
            elif op[0] == "line":
                parts.append(f"{op[1]} {op[2]} m {op[3]} {op[4]} l S")
            else:
                parts.append("q 500 0 0 700 50 70 cm /Im1 Do Q")
        data = zlib.compress("\n".join(parts).encode("ascii"))
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(
            add(
                f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 595 842] /Contents {content} 0 R "
                f"/Resources << /Font << /F1 {font} 0 R >> /XObject << /Im1 {image} 0 R >> >> >>".encode()
            )
        )
    add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode())
    root = add(f"<< /Type /Catalog /Pages {parent} 0 R >>".encode())
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _paragraph(text: str, y: float, size: int = 12, per_line: int = 38) -> tuple[list[tuple], float]:
    """A paragraph wrapped as a word processor does: first line indented two characters, the rest full."""
    ops, first = [], True
    while text:
        n = per_line - 2 if first else per_line
        ops.append(("text", 60 + (2 * size if first else 0), y, size, text[:n]))
        text, y, first = text[n:], y - 18, False
    return ops, y


PDF_PARAGRAPHS = [
    "2023年，区政务服务中心共受理办件36.5万件，办结36.4万件，按时办结率100%；全年收到政务服务评价21.3万条，好评率99.99%。",
    "下一步，我办将持续深化“一件事一次办”改革，推动更多高频事项“网上办、掌上办、就近办”。",
]
PDF_TABLE = [
    ["项目", "办件量（件）", "好评率"],
    ["区政务服务中心", "365120", "99.99%"],
    ["镇街便民服务中心", "98213", "99.97%"],
]


def pdf_report(scanned_pages: int = 0) -> bytes:
    """A title, a wrapped paragraph, a ruled table, a paragraph and a page number; then a page with the
    signature; then `scanned_pages` pages that are only an image."""
    ops = [("text", 130, 780, 16, "綦江区政务服务管理办公室2023年工作总结")]
    para, y = _paragraph(PDF_PARAGRAPHS[0], 740)
    ops += para
    top, xs = y - 10, [60, 220, 380, 540]
    for r, row in enumerate(PDF_TABLE):
        ops += [("text", xs[c] + 6, top - 24 * r - 17, 11, cell) for c, cell in enumerate(row)]
    ops += [("line", xs[0], top - 24 * r, xs[-1], top - 24 * r) for r in range(len(PDF_TABLE) + 1)]
    ops += [("line", x, top, x, top - 24 * len(PDF_TABLE)) for x in xs]
    para, _ = _paragraph(PDF_PARAGRAPHS[1], top - 24 * len(PDF_TABLE) - 30)
    ops += para + [("text", 285, 40, 10, "- 1 -")]
    signature = [("text", 360, 760, 12, "綦江区政务服务管理办公室"), ("text", 380, 740, 12, "2024年1月10日")]
    return _pdf([ops, signature] + [[("image",)]] * scanned_pages)


def scanned_pdf(pages: int = 2) -> bytes:
    return _pdf([[("image",)] for _ in range(pages)])


def docx_report() -> bytes:
    """A Word report: title, paragraphs, a table with a merged heading cell, and the signature."""
    from docx import Document

    doc = Document()
    doc.add_paragraph("荣昌区政务服务管理办公室2023年上半年工作总结")
    doc.add_paragraph("2023年上半年，区政务服务中心共受理办件18.6万件，办结18.5万件，网上办理率达到92.1%。")
    table = doc.add_table(rows=3, cols=3)
    heading = table.cell(0, 0).merge(table.cell(0, 2))
    heading.text = "上半年办件情况"
    for r, row in enumerate([["渠道", "办件量（件）", "占比"], ["网上办理", "171306", "92.1%"]], start=1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    doc.add_paragraph("下半年，我办将继续推进“川渝通办”，新增通办事项20项以上。")
    doc.add_paragraph("荣昌区政务服务管理办公室")
    doc.add_paragraph("2023年7月10日")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# The first bytes of a Word 97-2003 file (an OLE2 container), enough for gwfw to know one.
OLD_WORD = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
