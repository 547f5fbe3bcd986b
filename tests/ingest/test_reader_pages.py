"""Image pages are OCR'd on several threads (ingest/scanpages.py): pages come back in order, the
engine is made once, the caller's ``meanwhile`` runs once, and a failing page stops the file
with its own error."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from pdf_builders import inflating_page, stack
from PIL import Image
from tests_support import write_text_pdf

from shenbao.core.errors import OcrError, UnreadableFile
from shenbao.ingest import pdffile, scanpages
from shenbao.ingest.document import Page
from shenbao.ingest.reader import EngineAhead, read_document
from shenbao.ingest.streamguard import MB


class RecordingEngine:
    """Finds no text; notes the page heights it saw and on which threads."""

    name = "recording"
    thread_safe = True

    def __init__(self, fail_on_height: int | None = None) -> None:
        self.heights: list[int] = []
        self.threads: set[str] = set()
        self.fail_on_height = fail_on_height
        self.lock = threading.Lock()

    def detect(self, image: np.ndarray, *, limit_side: int = 1280) -> list[np.ndarray]:
        with self.lock:
            self.heights.append(image.shape[0])
            self.threads.add(threading.current_thread().name)
        if image.shape[0] == self.fail_on_height:
            raise OcrError("the engine gave up")
        return []

    def recognize(self, crops):
        return [("", 0.0) for _ in crops]


def _image_file(path: Path, heights: list[int]) -> Path:
    """Blank pages of these heights as a multi-page TIFF or an image-only PDF, by suffix."""
    frames = [Image.fromarray(np.full((h, 400), 255, np.uint8)) for h in heights]
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(200, 200), resolution=200)
    return path


@pytest.fixture
def six_pages(tmp_path: Path) -> Path:
    return _image_file(tmp_path / "six.tiff", [500, 510, 520, 530, 540, 550])


def test_pages_come_back_in_order_from_two_threads(six_pages, monkeypatch):
    monkeypatch.setenv("SHENBAO_OCR_PAGE_WORKERS", "2")
    engine, made, ran = RecordingEngine(), [], []

    def make() -> RecordingEngine:
        made.append(1)
        return engine

    document = read_document(six_pages, make, meanwhile=lambda: ran.append(1))
    assert [page.number for page in document.pages] == [1, 2, 3, 4, 5, 6]
    assert [round(page.height) for page in document.pages] == [round(h * 72 / 200) for h in range(500, 551, 10)]
    assert sorted(engine.heights) == list(range(500, 551, 10))
    assert len(engine.threads) == 2
    assert made == [1]
    assert ran == [1]


def test_one_worker_reads_in_this_thread(six_pages, monkeypatch):
    monkeypatch.setenv("SHENBAO_OCR_PAGE_WORKERS", "1")
    engine = RecordingEngine()
    read_document(six_pages, lambda: engine)
    assert engine.threads == {threading.current_thread().name}
    assert engine.heights == list(range(500, 551, 10))


def test_a_failing_page_stops_the_file_with_its_page(six_pages, monkeypatch):
    monkeypatch.setenv("SHENBAO_OCR_PAGE_WORKERS", "2")
    with pytest.raises(OcrError) as caught:
        read_document(six_pages, lambda: RecordingEngine(fail_on_height=520))
    assert caught.value.page == 3
    assert "the engine gave up" in str(caught.value)


def test_an_engine_not_declared_thread_safe_reads_one_page_at_a_time(six_pages, monkeypatch):
    monkeypatch.setenv("SHENBAO_OCR_PAGE_WORKERS", "2")
    engine = RecordingEngine()
    engine.thread_safe = False
    read_document(six_pages, lambda: engine)
    assert engine.threads == {threading.current_thread().name}


@pytest.mark.parametrize("pages", [3, 12], ids=["short scan", "long scan"])
def test_meanwhile_runs_beside_the_page_threads_and_is_done_on_return(tmp_path, monkeypatch, pages):
    """The tokenizer's load (``meanwhile``) holds the GIL; run in the thread that hands out the
    pages, it kept a long scan from being OCR'd until it was done. It now runs beside them:
    here it waits for the first page to be detected, which never happens if OCR waits for it."""
    monkeypatch.setenv("SHENBAO_OCR_PAGE_WORKERS", "2")
    monkeypatch.setenv("SHENBAO_PDF_WORKERS", "2")
    engine, detected, seen = RecordingEngine(), threading.Event(), []
    detect = engine.detect

    def detecting(image, *, limit_side=1280):
        detected.set()
        return detect(image, limit_side=limit_side)

    engine.detect = detecting  # type: ignore[method-assign]

    def meanwhile() -> None:
        seen.append((threading.current_thread().name, detected.wait(timeout=10)))

    document = read_document(
        _image_file(tmp_path / "scan.pdf", [500 + i for i in range(pages)]), lambda: engine, meanwhile=meanwhile
    )
    assert len(document.pages) == pages
    assert seen == [("beside", True)]


def test_an_error_in_meanwhile_is_the_reader_s(six_pages, monkeypatch):
    def failing() -> None:
        raise OSError("jieba's cache is unreadable")

    with pytest.raises(OSError, match="unreadable"):
        read_document(six_pages, RecordingEngine, meanwhile=failing)


def test_meanwhile_runs_for_a_file_without_image_pages(tmp_path):
    ran: list[str] = []
    pdf = tmp_path / "text.pdf"
    write_text_pdf(pdf, ["Applicant: Dongfang Automation"])
    read_document(pdf, RecordingEngine, meanwhile=lambda: ran.append(threading.current_thread().name))
    assert ran == ["beside"]


def test_a_failing_file_leaves_no_thread_behind(six_pages, monkeypatch):
    """A queue worker forks to read a long text PDF only with no other thread running: the
    thread beside the reading is waited for after an error too."""
    monkeypatch.setenv("SHENBAO_OCR_PAGE_WORKERS", "2")
    with pytest.raises(OcrError):
        read_document(six_pages, lambda: RecordingEngine(fail_on_height=500), meanwhile=lambda: time.sleep(0.3))
    assert not [t for t in threading.enumerate() if t.name == "beside"]


def _blank_job(number: int, height: int, made: threading.Event | None = None) -> scanpages.ImagePage:
    def image() -> np.ndarray:
        if made is not None:
            made.set()
        return np.full((height, 400, 3), 255, np.uint8)

    return scanpages.ImagePage(number, 400 * 72 / 200, height * 72 / 200, image)


def _engine_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("engine")]


def _ocr_loading_ahead(jobs: list[scanpages.ImagePage], factory: Callable[[], RecordingEngine]) -> list[Page]:
    """The jobs OCR'd as the reader hands them over: with the engine's load already started."""
    engine = EngineAhead(factory)
    engine.start()
    try:
        return scanpages._ocr_pages(jobs, engine, lambda: None, None)
    finally:
        engine.close()


def test_the_engine_loads_while_the_first_page_image_is_made(monkeypatch):
    """Loading the engine (ONNX Runtime making its sessions) releases the GIL: the first page's
    image is made meanwhile. Here the engine waits for that image, which never comes if the
    image waits for the engine."""
    monkeypatch.setenv("SHENBAO_OCR_PAGE_WORKERS", "2")
    engine, made, waited = RecordingEngine(), threading.Event(), []

    def make() -> RecordingEngine:
        waited.append(made.wait(timeout=10))
        return engine

    pages = _ocr_loading_ahead([_blank_job(1, 500, made), _blank_job(2, 510)], make)
    assert waited == [True]
    assert [page.number for page in pages] == [1, 2]
    assert sorted(engine.heights) == [500, 510]
    assert not _engine_threads()


def test_an_engine_that_cannot_load_is_the_error_after_the_first_image():
    made = threading.Event()

    def broken() -> RecordingEngine:
        raise OcrError("OCR model file det.onnx is missing")

    with pytest.raises(OcrError, match="missing"):
        _ocr_loading_ahead([_blank_job(1, 500, made)], broken)
    assert made.is_set()
    assert not _engine_threads()


def test_a_first_page_that_cannot_be_made_waits_for_the_engine_and_is_the_error():
    loaded = threading.Event()

    def slow() -> RecordingEngine:
        time.sleep(0.2)
        loaded.set()
        return RecordingEngine()

    def unreadable() -> np.ndarray:
        raise UnreadableFile("cannot render page: bad stream", page=1)

    job = scanpages.ImagePage(1, 144, 180, unreadable)
    with pytest.raises(UnreadableFile, match="bad stream"):
        _ocr_loading_ahead([job], slow)
    assert loaded.is_set()
    assert not _engine_threads()


def test_the_engine_loads_while_a_scans_pages_are_checked(tmp_path, monkeypatch):
    """The reader starts the engine's load as soon as the PDF turns out to hold a page to OCR:
    here every page's check waits for the load to have started, which it never has if the
    load waits for the checks."""
    loading, started = threading.Event(), []
    read_page = pdffile._read_page

    def checking(path: Path, pdf_page: object, number: int) -> object:
        started.append(loading.wait(timeout=10))
        return read_page(path, pdf_page, number)

    def make() -> RecordingEngine:
        loading.set()
        return RecordingEngine()

    monkeypatch.setattr(pdffile, "_read_page", checking)
    document = read_document(_image_file(tmp_path / "scan.pdf", [500, 510, 520]), make)
    assert started == [True, True, True]
    assert [page.source for page in document.pages] == ["ocr"] * 3
    assert not _engine_threads()


def test_a_text_pdf_never_loads_the_engine(tmp_path):
    made: list[int] = []

    def make() -> RecordingEngine:
        made.append(1)
        return RecordingEngine()

    pdf = write_text_pdf(tmp_path / "text.pdf", ["Applicant: Dongfang Automation"])
    document = read_document(pdf, make)
    assert [page.source for page in document.pages] == ["text"]
    assert made == []


def test_an_engine_loading_for_a_file_that_fails_is_waited_for(tmp_path, monkeypatch):
    """Its scanned pages start the engine's load; its last page is refused. The load is over
    when the error comes: no thread outlives the file."""
    monkeypatch.setenv("SHENBAO_MAX_STREAM_MB", "4")
    scan = _image_file(tmp_path / "scan.pdf", [500, 510])
    path = stack([scan, inflating_page(tmp_path / "bomb.pdf", 8 * MB)], tmp_path / "scan-and-bomb.pdf")
    made: list[int] = []

    def make() -> RecordingEngine:
        time.sleep(0.3)
        made.append(1)
        return RecordingEngine()

    with pytest.raises(UnreadableFile, match="4 MB"):
        read_document(path, make)
    assert made == [1]
    assert not _engine_threads()
