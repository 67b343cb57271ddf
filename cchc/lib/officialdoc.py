"""Official documents (văn bản hành chính) in the layout of Decree 30/2020/NĐ-CP, Phụ lục I.

Plain data in, a .docx out (python-docx; no Django):

    document = OfficialDocument(
        header=Header("SỞ NỘI VỤ", "/BC-SNV", "Quảng Ngãi", dt.date(2025, 2, 5),
                      parent_body="UBND TỈNH QUẢNG NGÃI"),
        doc_type="BÁO CÁO",
        subject="Tình hình thực hiện nhiệm vụ cải cách hành chính",
        blocks=[Heading("I. KẾT QUẢ"), Paragraph("…"), Table(["Trạng thái", "Số lượng"], rows)],
        recipients=["UBND tỉnh (b/c)", "Lưu: VT, CCHC"],
        signature=Signature("GIÁM ĐỐC", "Nguyễn Văn A", authority="KT. GIÁM ĐỐC"),
    )
    data = render(document)

The layout: A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm; Times New
Roman. The header is a borderless two-column table: on the left the parent body (upright,
upper case, 13), the issuing body (bold, upper case, 13) with a short rule under it, and
"Số: …" (13); on the right the national title (bold, 13), the motto (bold, 14) with a rule
under it, and the place and date (italic, 14; a day below 10 and the months 1 and 2 get a
leading zero). Then the type of document and its subject (bold, 14, centred, a short rule
under them), or for a Công văn (no type) the subject as "V/v …" (12) under the number.
The body is 14, justified, first-line indent 1,27 cm, 6 pt after each paragraph. At the
bottom, "Nơi nhận:" (bold italic, 12) with its list (11) beside the signature block (the
KT./TL./TM. line and the title bold upper case, the name bold). Pages are numbered centred
at the top from the second page.

An annex (``annex``: blocks such as a wide table of figures) follows the signature on a new
page, in a section of its own that may be landscape (``annex_landscape``), with the same
margins and the page numbers running on.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.section import Section
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.types import ProvidesStoryPart

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PAGE_WIDTH, PAGE_HEIGHT = Cm(21), Cm(29.7)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Cm(2), Cm(2), Cm(3), Cm(1.5)
TEXT_WIDTH_CM = 21 - 3 - 1.5
LANDSCAPE_TEXT_WIDTH_CM = 29.7 - 3 - 1.5
# The header's columns: the issuing body on the left, the national title on the right.
# The national title (13 pt, bold) needs 10,5 cm to stay on one line.
HEADER_WIDTHS_CM = (6.0, TEXT_WIDTH_CM - 6.0)
FIRST_LINE_INDENT = Cm(1.27)
BODY_SIZE = 14
# Elements that must follow a paragraph's and a table's borders in their property lists.
_AFTER_PARAGRAPH_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_TABLE_HEADER = ("w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange")
_AFTER_TABLE_BORDERS = (
    "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
    "w:tblPrChange",
)  # fmt: skip


@dataclass(frozen=True)
class Header:
    """Who issues the document, its number and where and when it is issued.

    ``number`` is what follows "Số:": "106/BC-SNgV", or "/BC-SNV" for a draft to be numbered.
    Without a ``date`` the line is left for the date of signing: "Quảng Ngãi, ngày   tháng …",
    with the month and year of ``month`` when it is known (the day is written when signed).
    """

    issuing_body: str
    number: str
    place: str
    date: dt.date | None
    parent_body: str = ""
    month: dt.date | None = None


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: justified with a first-line indent, or ``centred`` (a title line).
    ``note`` is an italic remark after the text, such as the source "(Sở Tư pháp)"."""

    text: str
    bold: bool = False
    italic: bool = False
    centred: bool = False
    note: str = ""


@dataclass(frozen=True)
class Heading:
    """A section title in the body ("I. KẾT QUẢ THỰC HIỆN"): bold, like a body paragraph."""

    text: str


@dataclass(frozen=True)
class Table:
    """A table with borders; the header row is bold and centred. Cells are text already
    formatted (numbers as 2.319 and 86,08); ``centred_columns`` are centred (for figures);
    ``bold_rows`` are indexes into ``rows`` (a group's title row, a total)."""

    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    widths_cm: Sequence[float] = ()
    centred_columns: frozenset[int] = frozenset()
    bold_last_row: bool = False
    font_size: int = 12
    bold_rows: frozenset[int] = frozenset()


Block = Paragraph | Heading | Table


@dataclass(frozen=True)
class Signature:
    """The signature block: ``authority`` is the "KT. GIÁM ĐỐC" / "TL. …" / "TM. …" line."""

    title: str
    name: str = ""
    authority: str = ""


@dataclass(frozen=True)
class OfficialDocument:
    header: Header
    # "BÁO CÁO", "KẾ HOẠCH"…; empty for a Công văn, whose subject is then written "V/v …".
    doc_type: str
    subject: str
    blocks: Sequence[Block] = field(default_factory=tuple)
    addressees: Sequence[str] = field(default_factory=tuple)
    recipients: Sequence[str] = field(default_factory=tuple)
    signature: Signature | None = None
    annex: Sequence[Block] = field(default_factory=tuple)
    annex_landscape: bool = False


def place_and_date(place: str, day: dt.date | None, month: dt.date | None = None) -> str:
    """ "Quảng Ngãi, ngày 05 tháng 02 năm 2025": a day below 10 and the months 1 and 2 get a
    leading zero (Decree 30), so that the date cannot be altered by adding a digit. Without a
    day: "ngày      tháng 7 năm 2025" when the ``month`` is known, else all left blank."""
    if day is None:
        if month is not None:
            return f"{place}, ngày      tháng {_month(month)} năm {month.year}"
        return f"{place}, ngày      tháng      năm      "
    return f"{place}, ngày {day.day:02d} tháng {_month(day)} năm {day.year}"


def _month(day: dt.date) -> str:
    return f"{day.month:02d}" if day.month <= 2 else str(day.month)


def build(document: OfficialDocument) -> DocxDocument:
    docx = Document()
    _page_setup(docx)
    _header(docx, document)
    if document.doc_type:
        doc_type = docx.add_paragraph()
        doc_type.paragraph_format.space_before = Pt(12)
        _centred(doc_type, document.doc_type.upper(), BODY_SIZE, bold=True)
        title = docx.add_paragraph()
        _centred(title, document.subject, BODY_SIZE, bold=True)
        _rule(docx.add_paragraph(), TEXT_WIDTH_CM, width_cm=4.5)
    for addressee in document.addressees:
        _centred(docx.add_paragraph(), f"Kính gửi: {addressee}", BODY_SIZE)
    stamp = _Stamp(docx._body)
    _blocks(docx, document.blocks, stamp)
    if document.recipients or document.signature is not None:
        _closing(docx, document.recipients, document.signature)
    if document.annex:
        _annex_section(docx.add_section(WD_SECTION.NEW_PAGE), document.annex_landscape)
        _blocks(docx, document.annex, stamp)
    return docx


def _blocks(docx: DocxDocument, blocks: Sequence[Block], stamp: _Stamp) -> None:
    for block in blocks:
        if isinstance(block, Table):
            _table(docx, block, stamp)
        else:
            _body(docx, block, stamp)


def render(document: OfficialDocument) -> bytes:
    out = io.BytesIO()
    build(document).save(out)
    return out.getvalue()


def _page_setup(docx: DocxDocument) -> None:
    normal = docx.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    # Word picks the font of Vietnamese letters from the East Asian and complex-script slots.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(slot), FONT)
    normal.paragraph_format.space_after = Pt(0)
    section = docx.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = Cm(1)
    # The page number, centred at the top, from the second page on.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)


def _annex_section(section: Section, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_HEIGHT, PAGE_WIDTH
    # The annex's first page is numbered too: it is not the document's first page.
    section.different_first_page_header_footer = False


def _header(docx: DocxDocument, document: OfficialDocument) -> None:
    header = document.header
    table = docx.add_table(rows=2, cols=2)
    _borderless(table)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, _cells(table), HEADER_WIDTHS_CM)
    left, right = table.cell(0, 0), table.cell(0, 1)
    body = left.paragraphs[0]
    if header.parent_body:
        _centred(body, header.parent_body.upper(), 13)
        body = left.add_paragraph()
    _centred(body, header.issuing_body.upper(), 13, bold=True)
    _rule(left.add_paragraph(), HEADER_WIDTHS_CM[0], width_cm=2.2)
    _centred(right.paragraphs[0], NATIONAL_TITLE, 13, bold=True)
    _centred(right.add_paragraph(), MOTTO, 14, bold=True)
    _rule(right.add_paragraph(), HEADER_WIDTHS_CM[1], width_cm=6.2)
    number_cell, date_cell = table.cell(1, 0), table.cell(1, 1)
    _centred(number_cell.paragraphs[0], f"Số: {header.number}", 13)
    if not document.doc_type:
        _centred(number_cell.add_paragraph(), f"V/v {document.subject}", 12)
    _centred(
        date_cell.paragraphs[0],
        place_and_date(header.place, header.date, header.month),
        14,
        italic=True,
    )


def _body(docx: DocxDocument, block: Paragraph | Heading, stamp: _Stamp) -> None:
    if isinstance(block, Heading):
        key: Hashable = Heading
        model: Paragraph | Heading = Heading("-")
        texts = [block.text]
    else:
        key = (block.bold, block.italic, block.centred, bool(block.note))
        model = dataclasses.replace(block, text="-", note="-" if block.note else "")
        texts = [block.text, f" {block.note}"] if block.note else [block.text]
    element = stamp.paragraph(key, lambda paragraph: _format_body(paragraph, model), texts)
    placeholder = docx.add_paragraph()._p
    placeholder.getparent().replace(placeholder, element)


def _format_body(paragraph: DocxParagraph, block: Paragraph | Heading) -> None:
    paragraph.paragraph_format.space_after = Pt(6)
    if isinstance(block, Paragraph) and block.centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
    if isinstance(block, Heading):
        # A heading is never the last line of a page.
        paragraph.paragraph_format.keep_with_next = True
        _run(paragraph, block.text, BODY_SIZE, bold=True)
        return
    _run(paragraph, block.text, BODY_SIZE, bold=block.bold, italic=block.italic)
    if block.note:
        _run(paragraph, f" {block.note}", BODY_SIZE, italic=True)


def _table(docx: DocxDocument, block: Table, stamp: _Stamp) -> None:
    table = docx.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = docx.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    rows = _cells(table)

    def put(cell: _Cell, text: str, *, centred: bool, bold: bool) -> None:
        write = _centred if centred else _run
        element = stamp.paragraph(
            (block.font_size, centred, bold),
            lambda paragraph: write(paragraph, "-", block.font_size, bold=bold),
            [text],
        )
        cell._tc.replace(cell._tc.p_lst[0], element)

    for cell, name in zip(rows[0], block.columns, strict=True):
        put(cell, name, centred=True, bold=True)
    _repeat_on_each_page(table._tbl.tr_lst[0])
    bold_rows = block.bold_rows | ({len(block.rows) - 1} if block.bold_last_row else set())
    for row_index, (cells, values) in enumerate(zip(rows[1:], block.rows, strict=True)):
        bold = row_index in bold_rows
        for index, (cell, value) in enumerate(zip(cells, values, strict=False)):
            put(cell, value, centred=index in block.centred_columns, bold=bold)
    if block.widths_cm:
        _widths(table, rows, block.widths_cm)
    if block.bold_last_row and len(rows) > 2:
        # The total row never stands alone at the top of a page: the row before it keeps
        # with it (Word and LibreOffice read "keep with next" of a row's paragraphs).
        for cell in rows[-2]:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    docx.add_paragraph().paragraph_format.space_after = Pt(6)


def _repeat_on_each_page(row: CT_Row) -> None:
    """Mark a table's header row to be repeated at the top of each page the table runs on."""
    repeat = OxmlElement("w:tblHeader")
    # WordprocessingML fixes the order of row properties: tblHeader comes before these.
    row.get_or_add_trPr().insert_element_before(repeat, *_AFTER_TABLE_HEADER)


def _cells(table: DocxTable) -> list[list[_Cell]]:
    """The cells row by row, read once: python-docx's table.cell() walks the whole table on
    every call, which makes a table of a hundred units take minutes."""
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def _widths(table: DocxTable, rows: list[list[_Cell]], widths_cm: Sequence[float]) -> None:
    # Word reads the cells' widths, LibreOffice the table grid's: set both.
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm, strict=False):
        column.w = Cm(width)
    for cells in rows:
        for cell, width in zip(cells, widths_cm, strict=False):
            cell.width = Cm(width)


class _Stamp:
    """Paragraphs formatted once per style by this module's functions, then copied with their
    texts put in: the same XML without python-docx's property setters, which cost about a
    millisecond a run (a compiled report has thousands of paragraphs and table cells)."""

    def __init__(self, story: ProvidesStoryPart) -> None:
        self.story = story
        self.templates: dict[Hashable, Any] = {}

    def paragraph(
        self, key: Hashable, write: Callable[[DocxParagraph], None], texts: Sequence[str]
    ) -> Any:
        """A copy of the paragraph that ``write`` formats (with one run per text, each "-"),
        holding ``texts``."""
        template = self.templates.get(key)
        if template is None:
            paragraph = DocxParagraph(OxmlElement("w:p"), self.story)
            write(paragraph)
            template = self.templates[key] = paragraph._p
        element = copy.deepcopy(template)
        for run_text, text in zip(list(element.iter(qn("w:t"))), texts, strict=True):
            run_text.text = text
            if text != text.strip():
                run_text.set(qn("xml:space"), "preserve")
        return element


def _closing(docx: DocxDocument, recipients: Sequence[str], signature: Signature | None) -> None:
    table = docx.add_table(rows=1, cols=2)
    _borderless(table)
    # The recipients and the signature stay together on one page.
    table._tbl.tr_lst[0].get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.cell(0, 0), table.cell(0, 1)
    _widths(table, [[left, right]], (8, TEXT_WIDTH_CM - 8))
    if recipients:
        _run(left.paragraphs[0], "Nơi nhận:", 12, bold=True, italic=True)
        for recipient in recipients:
            _run(left.add_paragraph(), f"- {recipient}", 11)
    if signature is None:
        return
    first = right.paragraphs[0]
    if signature.authority:
        _centred(first, signature.authority.upper(), BODY_SIZE, bold=True)
        first = right.add_paragraph()
    _centred(first, signature.title.upper(), BODY_SIZE, bold=True)
    # Room for the signature and the seal.
    for _ in range(4):
        right.add_paragraph()
    if signature.name:
        _centred(right.add_paragraph(), signature.name, BODY_SIZE, bold=True)


def _run(
    paragraph: DocxParagraph, text: str, size: int, *, bold: bool = False, italic: bool = False
) -> None:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def _centred(
    paragraph: DocxParagraph, text: str, size: int, *, bold: bool = False, italic: bool = False
) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, text, size, bold=bold, italic=italic)


def _rule(paragraph: DocxParagraph, space_cm: float, *, width_cm: float) -> None:
    """A centred horizontal line ``width_cm`` long, in a space ``space_cm`` wide: the bottom
    border of an empty, one-point-high paragraph indented from both sides."""
    side = Cm(max(space_cm - width_cm, 0) / 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(1)
    paragraph.paragraph_format.space_after = Pt(6)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(name), value)
    borders.append(bottom)
    # WordprocessingML fixes the order of paragraph properties: pBdr comes before these.
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_PARAGRAPH_BORDER)


def _borderless(table: DocxTable) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.insert_element_before(borders, *_AFTER_TABLE_BORDERS)


def _page_field(paragraph: DocxParagraph) -> None:
    run = paragraph.add_run()
    run.font.name = FONT
    run.font.size = Pt(BODY_SIZE)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("end", None)):
        if kind is None:
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = text
            run._r.append(instruction)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
