"""News pictures on PDF pages (issue 15), without Sphinx: which image objects are news pictures,
their captions, credits and stories, against annotated real pages (tests/gold/pictures.json)
and the synthetic issue with pictures; the picture files; bad images."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
)

from sphinx_newspaper.book.pictures import PictureStore
from sphinx_newspaper.cli import main
from sphinx_newspaper.conservation import conservation
from sphinx_newspaper.ingest import read_page
from sphinx_newspaper.ingest.pdf.chars import own_text, pdf_digest
from sphinx_newspaper.ingest.pdf.page import read_pdf
from sphinx_newspaper.ingest.pdf.pictures import MAX_PICTURES, MAX_PIXELS, split_credit
from sphinx_newspaper.model import Page
from sphinx_newspaper.scoring import picture_gold, score_pictures

TESTS = Path(__file__).parent
GOLD = TESTS / "gold"
PHOTOS = TESTS / "roots" / "test-pdf-photos" / "issues" / "photos-2024-06-03.pdf"
ONE_PAGE = TESTS / "roots" / "test-pdf" / "issues" / "epaper-2024-05-07.pdf"
GANSU = "pages/gansu-fazhibao-2024-08-09-p08.pdf"
FUZHOU = "pages/fuzhou-wanbao-2024-04-19-p07.pdf"
FOLDERS = ("pages", "pdf", "pdf/rmrb-2018-01-p07")


def figures(page: Page) -> list[tuple[str | None, str | None, str | None]]:
    """(story title or None, caption, credit) of each news picture on the page."""
    found = [(article.title, f.caption, f.credit) for article in page.articles for f in article.figures]
    return found + [(None, f.caption, f.credit) for f in page.figures]


# -- real pages ---------------------------------------------------------------------------------


def test_gansu_page_has_one_news_photo_among_seven_images_with_its_caption(corpus: Path):
    page = read_page(corpus / GANSU)
    assert figures(page) == [
        (
            None,  # the photo stands on its own: no story of the page is about it
            "辅警开展专项训练。8月6日，陇西县公安局按照最小作战单元现场处置专项训练工作要求，采用情景训练、"
            "对抗演练等贴近实战的方法，提升新招录辅警的协同作战水平和处置突发事件能力。",
            "新甘肃·甘肃法治报通讯员 朱艳霞 摄",
        )
    ]
    photo = page.figures[0]
    # placed 547×365 pt, clipped to what shows: 476×311 pt
    assert (round(photo.box[2] - photo.box[0]), round(photo.box[3] - photo.box[1])) == (476, 311)
    assert photo.pixels == (2362, 1575) and photo.number == 7
    # its caption is the picture's now, not page furniture; every character is still counted
    assert not any("辅警开展专项训练" in line for line in page.furniture)
    kept, total, missing = conservation(page, own_text(corpus / GANSU, 0))
    assert (kept, missing) == (total, [])


def test_fuzhou_page_has_fourteen_images_and_no_news_photo(corpus: Path):
    from sphinx_newspaper.ingest.pdf.chars import open_pdf, read_page_chars

    document = open_pdf(corpus / FUZHOU)
    try:
        assert len(read_page_chars(document, FUZHOU, 0).pictures) == 14
    finally:
        document.close()
    page = read_page(corpus / FUZHOU)
    assert figures(page) == []  # the advert's pictures, banners and logos are not news


def picture_scores(corpus: Path, tuned: bool):
    gold = picture_gold(GOLD)
    scores = []
    for name, entry in gold.items():
        if entry["tuned"] != tuned:
            continue
        path = next(corpus / folder / name for folder in FOLDERS if (corpus / folder / name).is_file())
        scores.append(score_pictures(read_page(path), entry))
    return scores


def test_news_pictures_on_the_tuned_pages(corpus: Path):
    scores = picture_scores(corpus, tuned=True)
    assert len(scores) == 12
    assert sum(s.gold for s in scores) == 7 and sum(s.images for s in scores) == 68
    assert [(s.source, s.precision, s.recall) for s in scores if s.precision < 1 or s.recall < 1] == []
    assert sum(s.stories.right for s in scores) == sum(s.stories.total for s in scores) == 5
    # the cartoon on 2018-01-04 with its title and credit (消费升级 翟桂溪作（新华社发）) as its caption
    assert [note for s in scores for note in s.notes] == []


def test_no_news_pictures_are_made_up_on_the_held_out_pages(corpus: Path):
    scores = picture_scores(corpus, tuned=False)
    assert len(scores) == 13 and sum(s.images for s in scores) == 47
    assert sum(s.found for s in scores) == 0  # their 47 images are column labels, logos, mastheads


def test_the_gold_file_names_each_picture_by_its_place_among_the_page_images():
    gold = json.loads((GOLD / "pictures.json").read_text(encoding="utf-8"))
    for page in gold["pages"]:
        assert {"source", "tuned", "images", "pictures"} <= set(page)
        for picture in page["pictures"]:
            assert 1 <= picture["image"] <= page["images"]
            x0, y0, x1, y1 = picture["box"]
            assert x1 > x0 and y1 > y0


# -- the synthetic issue with pictures (shipped) ------------------------------------------------


def test_synthetic_issue_keeps_news_pictures_and_leaves_out_the_rest():
    pages = read_pdf(PHOTOS)
    assert [len(p.figures) + sum(len(a.figures) for a in p.articles) for p in pages] == [2, 1]
    first, second = pages
    assert figures(first) == [
        ("城南湿地公园正式开园", "市民在湿地公园环湖步道上游览。", "记者周文摄"),
        (None, "6月2日，农民在城郊的麦田里抢收小麦。当日，我市小麦收割进度过半。", "通讯员林一摄"),
    ]
    # a photo story: the photo over its headline, no caption
    assert figures(second) == [("社区课堂开进老街", None, None)]
    # the lead photo is placed larger than it shows: its box is the part that shows
    lead = first.articles[0].figures[0]
    assert lead.box[2] - lead.box[0] < 0.6 * 711  # \includegraphics[width=0.6\linewidth,trim,clip]
    # the logo, the headline bar (text over it), the advert's picture and the banner are not news
    assert {f.number for p in pages for f in p.all_figures} == {2, 4}
    digest = pdf_digest(PHOTOS.read_bytes())
    assert lead.image == f"{digest[:16]}-p1-2.jpg"


def test_inspect_json_gives_each_article_and_page_its_figures(capsys: pytest.CaptureFixture[str]):
    assert main(["inspect", str(PHOTOS), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    lead = data["pages"][0]["articles"][0]
    assert [set(figure) for figure in lead["figures"]] == [{"image", "caption", "credit", "box"}]
    assert lead["figures"][0]["caption"] == "市民在湿地公园环湖步道上游览。"
    assert lead["captions"] == []  # the caption is the figure's
    assert [f["credit"] for f in data["pages"][0]["figures"]] == ["通讯员林一摄"]
    assert data["pages"][1]["figures"] == []


def test_inspect_images_saves_the_pictures_the_json_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert main(["inspect", str(PHOTOS), "--json", "--images", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    names = [f["image"] for p in data["pages"] for a in p["articles"] for f in a["figures"]]
    names += [f["image"] for p in data["pages"] for f in p["figures"]]
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names)
    for name in names:
        with Image.open(tmp_path / name) as image:
            assert image.format == "JPEG" and max(image.size) <= 1600


def test_text_route_has_no_figures(example_page: Path):
    page = read_page(example_page)
    assert all(a.figures == [] for a in page.articles) and page.figures == []
    assert any(a.captions for a in page.articles)  # captions kept as they were


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["图为读者在新馆试读。 赵六 摄"], ("图为读者在新馆试读。", "赵六 摄")),
        (["消费升级 翟桂溪作（新华社发）"], ("消费升级", "翟桂溪作（新华社发）")),
        (["陈维连/摄"], (None, "陈维连/摄")),
        (
            ["市民在公园里散步，", "享受春光。", "新甘肃·甘肃法治报通讯员 朱艳霞 摄"],
            ("市民在公园里散步，享受春光。", "新甘肃·甘肃法治报通讯员 朱艳霞 摄"),
        ),
        (["数据来源：国家统计局"], ("数据来源：国家统计局", None)),
    ],
)
def test_caption_and_credit_are_told_apart(lines, expected):
    assert split_credit(lines) == expected


# -- picture files ------------------------------------------------------------------------------


def test_pictures_are_rendered_once_at_the_size_asked_and_the_same_bytes_each_time(tmp_path: Path):
    pages = read_pdf(PHOTOS)
    store = PictureStore(tmp_path / "a", 800)
    first = [store.save(page, whole_page=True) for page in pages]
    assert [s.rendered for s in first] == [3, 2] and all(not s.problems for s in first)
    again = [PictureStore(tmp_path / "a", 800).save(page, whole_page=True) for page in pages]
    assert [s.rendered for s in again] == [0, 0]  # found from the first time: nothing rendered
    other = PictureStore(tmp_path / "b", 800)
    for page, saved in zip(pages, first, strict=True):
        for name, path in other.save(page, whole_page=True).files.items():
            assert path.read_bytes() == saved.files[name].read_bytes()  # reproducible
    for saved in first:
        for path in saved.files.values():
            with Image.open(path) as image:
                assert max(image.size) <= 800
    lead = pages[0].articles[0].figures[0]
    with Image.open(first[0].files[lead.image]) as image:
        x0, y0, x1, y1 = lead.box
        assert image.size[0] / image.size[1] == pytest.approx((x1 - x0) / (y1 - y0), rel=0.02)


def test_a_picture_is_never_enlarged_past_its_stored_size(tmp_path: Path):
    page = read_pdf(PHOTOS)[1]
    saved = PictureStore(tmp_path, 6000).save(page, whole_page=False)
    (name,) = saved.files
    figure = page.articles[0].figures[0]
    with Image.open(saved.files[name]) as image:
        assert max(image.size) <= max(figure.pixels) + 1  # 900×640 stored: not 6000 px


def test_unused_pictures_are_pruned(tmp_path: Path):
    pages = read_pdf(PHOTOS)
    store = PictureStore(tmp_path, 600)
    store.save(pages[0], whole_page=True)
    store.save(pages[1], whole_page=True)
    later = PictureStore(tmp_path, 600)
    later.save(pages[0], whole_page=True)
    later.prune()
    assert sorted(p.name for p in later.folder.iterdir()) == sorted(later.used)
    assert len(later.used) == 3
    PictureStore(tmp_path, 700).prune()  # other settings: the old folder goes
    assert [p.name for p in tmp_path.iterdir()] == ["v1-700px-q82"] or not any(tmp_path.iterdir())


# -- bad images ---------------------------------------------------------------------------------


def with_images(
    source: Path, target: Path, images: list[tuple[dict, bytes, tuple[float, float, float, float]]]
) -> Path:
    """``source`` with image XObjects drawn on its first page: (stream fields, data, (x, y, w, h))."""
    writer = PdfWriter(clone_from=source)
    page = writer.pages[0]
    resources = page["/Resources"]
    if "/XObject" not in resources:
        resources[NameObject("/XObject")] = DictionaryObject()
    xobjects = resources["/XObject"].get_object()
    operators = []
    for number, (fields, data, (x, y, width, height)) in enumerate(images):
        stream = StreamObject()
        stream.set_data(data)
        stream.update(
            {NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image")}
        )
        stream.update({NameObject(key): value for key, value in fields.items()})
        xobjects[NameObject(f"/Test{number}")] = writer._add_object(stream)
        operators.append(f"q {width} 0 0 {height} {x} {y} cm /Test{number} Do Q")
    content = DecodedStreamObject()
    content.set_data("\n".join(operators).encode())
    contents = page["/Contents"].get_object()
    array = ArrayObject(contents if isinstance(contents, ArrayObject) else [page["/Contents"]])
    array.append(writer._add_object(content))
    page[NameObject("/Contents")] = array
    writer.write(target)
    return target


def jpeg(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (90, 140, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


def image_fields(width: int, height: int, filter_name: str | None = "/DCTDecode") -> dict:
    fields = {
        "/Width": NumberObject(width),
        "/Height": NumberObject(height),
        "/ColorSpace": NameObject("/DeviceRGB"),
        "/BitsPerComponent": NumberObject(8),
    }
    if filter_name:
        fields["/Filter"] = NameObject(filter_name)
    return fields


#: Inside the synthetic page's photo frame, over the caption 图为读者在新馆试读。赵六摄 (stretched
#: to 200 pt high: a news photo's size).
FRAME = (256.8, 508.9, 200.2, 200.0)


def damaged(source: Path, target: Path, width: int) -> Path:
    """``source`` with the data of its first page's image ``width`` pixels wide made unreadable
    (a JPEG start, then nothing a decoder reads)."""
    writer = PdfWriter(clone_from=source)
    xobjects = writer.pages[0]["/Resources"]["/XObject"].get_object()
    (image,) = [x.get_object() for x in xobjects.values() if x.get_object().get("/Width") == width]
    image._data = b"\xff\xd8" + bytes(range(256)) * 40
    image[NameObject("/Length")] = NumberObject(len(image._data))
    writer.write(target)
    return target


def test_an_image_that_cannot_be_decoded_is_left_out_with_a_warning(tmp_path: Path):
    pdf = damaged(PHOTOS, tmp_path / "broken.pdf", 1200)  # the lead story's photo
    page = read_pdf(pdf)[0]
    (figure,) = page.articles[0].figures  # found: its data is only read when it is saved
    saved = PictureStore(tmp_path / "pictures", 1600).save(page, whole_page=True)
    assert figure.image not in saved.files
    assert saved.problems == [
        "page 1: image 2 cannot be decoded (damaged image data); the picture is left out, its caption kept"
    ]
    assert len(saved.files) == 2  # the other photo and the page image are still made
    assert page.articles[0].title == "城南湿地公园正式开园"  # the text is read all the same


def test_an_enormous_image_is_not_decoded(tmp_path: Path):
    # 12000×6000 pixels declared: 72 million, over the limit; the data is never read
    assert 12000 * 6000 > MAX_PIXELS
    pdf = with_images(ONE_PAGE, tmp_path / "huge.pdf", [(image_fields(12000, 6000), jpeg(40, 20), FRAME)])
    (page,) = read_pdf(pdf)
    assert all(a.figures == [] for a in page.articles)
    assert [a.captions for a in page.articles][1] == ["图为读者在新馆试读。赵六摄"]  # kept as text
    (notice,) = [n for n in page.notices if n.subtype == "image"]
    assert notice.source == str(pdf) and "12000×6000 pixels, too large to decode" in notice.message
    saved = PictureStore(tmp_path / "pictures", 800).save(page, whole_page=True)
    assert saved.problems == [] and len(saved.files) == 1  # the page image, without that picture


def test_a_page_of_hundreds_of_tiny_images_is_read_for_its_text(tmp_path: Path):
    tiles = [
        (image_fields(2, 2, None), bytes(12), (20 + (i % 30) * 4, 20 + (i // 30) * 4, 3, 3))
        for i in range(MAX_PICTURES + 100)
    ]
    pdf = with_images(ONE_PAGE, tmp_path / "tiles.pdf", tiles)
    (page,) = read_pdf(pdf)
    (notice,) = [n for n in page.notices if n.subtype == "image"]
    assert f"holds {MAX_PICTURES + 100} images" in notice.message and notice.source == str(pdf)
    assert [a.title for a in page.articles][:2] == ["田间地头备耕忙", "新建图书馆下月开放"]
    assert page.figures == []


def test_merged_articles_keep_both_stories_pictures():
    from sphinx_newspaper.ingest.corrections import _merge
    from sphinx_newspaper.model import Article, Figure

    first = Article("p01-01", "甲", figures=[Figure((0, 0, 10, 10), "a.jpg", "图一")])
    second = Article("p01-02", "乙", figures=[Figure((0, 20, 10, 30), "b.jpg", "图二")])
    assert [f.image for f in _merge(first, second).figures] == ["a.jpg", "b.jpg"]


def test_stand_alone_photo_caption_belongs_to_no_story(corpus: Path):
    page = read_page(corpus / GANSU)
    assert not any("辅警开展专项训练" in caption for a in page.articles for caption in a.captions)
    assert not any(figure.caption for a in page.articles for figure in a.figures)
    # the page's own picture, with its caption
    assert [figure.caption[:8] for figure in page.figures if figure.caption] == ["辅警开展专项训练"]
