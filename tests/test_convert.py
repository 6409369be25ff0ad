"""Report files -> text: saved pages in every charset gov sites use, .mhtml, PDF with a table, a scan, .docx,
and the one-line message of each file gwfw cannot read."""

from pathlib import Path

import pytest

from gwfw.dataset.convert import convert
from gwfw.dataset.guess import text_fields
from gwfw.errors import ConvertError
from tests.report_files import (
    BULLETIN,
    NAVIGATION,
    OLD_WORD,
    PDF_PARAGRAPHS,
    docx_report,
    gov_page,
    mhtml,
    pdf_report,
    scanned_pdf,
)

TITLE = "关于綦江区2023年第三季度政务服务工作情况的通报"
GBK_ONLY = "<p>联系人：王堃，电话023-48666126。</p>"  # 堃 is in GBK, not in GB2312


@pytest.mark.parametrize("charset", ["gb2312", "gbk", "gb18030", "utf-8"])
def test_a_saved_government_page_becomes_its_report_text_in_any_charset(charset):
    converted = convert(Path("page.html"), gov_page(charset, extra_body=GBK_ONLY))
    lines = converted.text.splitlines()
    assert lines[0] == TITLE
    assert "发布日期：2023年10月12日" in lines[:5]  # the page's own line, for the period rules
    assert all(p in lines for p in BULLETIN), "each paragraph on a line of its own"
    assert "区政务服务中心 | 87356 | 87102" in lines
    assert "联系人：王堃，电话023-48666126。" in lines
    assert not [n for n in NAVIGATION if n in converted.text]
    assert converted.format == ("web page, UTF-8" if charset == "utf-8" else "web page, GB18030")
    found = {k: (v.value, v.source) for k, v in converted.found.items()}
    assert found["title"] == (TITLE, "<meta name=ArticleTitle>")
    assert found["publisher"] == ("綦江区政务服务管理办公室", "<meta name=ContentSource>")
    assert found["published"] == ("2023-10-12", "the page's 发布日期")
    assert found["url"][0] == "http://www.cqqj.gov.cn/bm/tzgg/202310/t20231012_12431001.html"


def test_without_metadata_the_page_block_and_the_title_element_are_read():
    found = convert(Path("page.htm"), gov_page("utf-8", metas=False)).found
    assert found["title"].value == TITLE and found["title"].source == "<title>"
    assert found["publisher"].value == "綦江区政务服务管理办公室"
    assert found["publisher"].source == "the page's 发布机构"
    assert found["written"].value == "2023-10-11"
    assert "url" not in found


def test_a_single_file_web_archive_is_read_like_the_page_with_the_address_it_was_saved_from():
    url = "http://www.cqqj.gov.cn/zwgk/tzgg/202310/t20231012_1.html"
    archive = convert(Path("page.mhtml"), mhtml(gov_page("gbk", metas=False), "gbk", url))
    page = convert(Path("page.html"), gov_page("gbk", metas=False))
    assert archive.text == page.text
    assert archive.found["url"].value == url


def test_a_pdf_keeps_paragraphs_whole_and_table_rows_cell_by_cell():
    converted = convert(Path("report.pdf"), pdf_report())
    lines = converted.text.splitlines()
    assert lines[0] == "綦江区政务服务管理办公室2023年工作总结"
    assert PDF_PARAGRAPHS[0] in lines, "a paragraph wrapped over two lines is one line again"
    assert PDF_PARAGRAPHS[1] in lines
    assert lines[2:5] == [
        "项目 | 办件量（件） | 好评率",
        "区政务服务中心 | 365120 | 99.99%",
        "镇街便民服务中心 | 98213 | 99.97%",
    ]
    assert "- 1 -" not in converted.text
    assert lines[-2:] == ["綦江区政务服务管理办公室", "2024年1月10日"]
    assert converted.format == "PDF, 2 page(s)" and converted.notes == []
    found = text_fields(converted.text)
    assert found["published"].value == "2024-01-10"
    assert found["publisher"].value == "綦江区政务服务管理办公室"
    assert found["title"].value == lines[0]


def test_pages_without_a_text_layer_in_a_pdf_are_noted():
    converted = convert(Path("report.pdf"), pdf_report(scanned_pages=1))
    assert PDF_PARAGRAPHS[1] in converted.text
    assert converted.notes == ["PDF pages without a text layer (scans), their text is missing: 3"]


def test_a_docx_gives_paragraphs_and_tables_in_order_and_a_merged_cell_once():
    lines = convert(Path("report.docx"), docx_report()).text.splitlines()
    assert lines[0] == "荣昌区政务服务管理办公室2023年上半年工作总结"
    assert lines[2:5] == ["上半年办件情况", "渠道 | 办件量（件） | 占比", "网上办理 | 171306 | 92.1%"]
    assert lines[5] == "下半年，我办将继续推进“川渝通办”，新增通办事项20项以上。"
    assert text_fields("\n".join(lines))["published"].value == "2023-07-10"


@pytest.mark.parametrize(
    "name, data, words",
    [
        ("scan.pdf", scanned_pdf(), "a scanned PDF with no text layer (2 page(s) of images)"),
        ("cut.pdf", pdf_report()[:400], "not a readable PDF"),
        ("old.doc", OLD_WORD, "a Word 97–2003 (.doc) file, which gwfw cannot read"),
        ("old.wps", OLD_WORD, "a WPS Writer (.wps) file"),
        ("renamed.docx", OLD_WORD, "a Word 97–2003 file named .docx"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "not a readable .docx file"),
        ("table.xlsx", b"PK\x03\x04", "not a report format gwfw add reads"),
    ],
)
def test_each_file_gwfw_cannot_read_gets_one_line_naming_it_and_saying_what_to_do(name, data, words):
    with pytest.raises(ConvertError) as caught:
        convert(Path(name), data)
    message = str(caught.value)
    assert message.startswith(f"{name}: ") and words in message
    assert "\n" not in message
    if name.endswith((".doc", ".wps", "renamed.docx")):
        assert "save it as .docx or PDF" in message


def test_a_letterhead_is_read_as_the_publisher_and_a_salutation_is_no_title():
    found = text_fields(
        "重庆市綦江区政务服务管理办公室\n\n关于綦江区2022年二季度政务服务工作情况通报\n\n"
        "各街道办事处、各镇人民政府，各部门：\n二季度，区政务服务中心共受理办件9.1万件。\n"
    )
    assert found["publisher"].value == "重庆市綦江区政务服务管理办公室"
    assert found["title"].value == "关于綦江区2022年二季度政务服务工作情况通报"
    assert "published" not in found
    assert "title" not in text_fields("区委、区政府:\n2022年，我办深入推进法治政府建设。\n")
