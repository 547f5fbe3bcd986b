"""shenbao's PP-OCR runner (plugins/engines/ppocr.py) against rapidocr 3.10, which it replaces:
the same models give the same boxes and, on the same input, the same texts."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import numpy as np
import pytest
from ocr_support import WUHAN_01, norm, scan_page
from tests_support import SAMPLES

from shenbao.core.ocr import crop_quad
from shenbao.plugins.engines import denormals, ppocr
from shenbao.plugins.engines.rapidocr_engine import DET_MODEL, REC_MODEL, bundled_models

rapidocr = pytest.importorskip("rapidocr")


@pytest.fixture(scope="module")
def page() -> np.ndarray:
    return scan_page(WUHAN_01, 2)


@pytest.fixture(scope="module")
def theirs():
    params = {
        "Global.use_cls": False,
        "Global.log_level": "critical",
        "Det.model_path": str(bundled_models() / DET_MODEL),
        "Rec.model_path": str(bundled_models() / REC_MODEL),
        "Det.limit_type": "max",
        "Det.limit_side_len": 1280,
        "Rec.rec_batch_num": 1,
    }
    return rapidocr.RapidOCR(params=params)


@pytest.fixture(scope="module")
def ours() -> tuple[ppocr.DbDetector, ppocr.CtcRecognizer]:
    return ppocr.DbDetector(bundled_models() / DET_MODEL, 1), ppocr.CtcRecognizer(bundled_models() / REC_MODEL, 1)


def test_the_detector_finds_rapidocrs_boxes(page, theirs, ours):
    expected = theirs._load_det_model()(page).boxes
    found = ours[0](page, 1280)
    assert len(found) == len(expected) > 20
    for quad, want in zip(found, expected, strict=True):
        assert np.abs(quad - want).max() <= 1.0


def test_the_recognizer_reads_rapidocrs_texts(page, theirs, ours):
    from rapidocr.ch_ppocr_rec.typings import TextRecInput

    crops = [crop_quad(page, quad) for quad in ours[0](page, 1280)]
    # lines at least 320 px wide when 48 px high: rapidocr pads to 320, shenbao less; wider, neither
    # pads; and not so long that shenbao reads them squeezed
    crops = [c for c in crops if c.shape[1] * 48 >= 320 * c.shape[0] and _unsqueezed(c)][:15]
    expected = theirs._load_rec_model()(TextRecInput(img=crops))
    got = ours[1](crops)
    assert [text for text, _ in got] == list(expected.txts)
    assert [score for _, score in got] == pytest.approx(list(expected.scores), abs=2e-3)


def _unsqueezed(crop: np.ndarray) -> bool:
    return ppocr.squeeze(crop.shape[1] / crop.shape[0]) == 1.0


def test_long_lines_are_read_squeezed_and_short_ones_not():
    assert ppocr.SQUEEZES, "no line is read squeezed"
    shortest, factor = ppocr.SQUEEZES[0]
    assert ppocr.squeeze(shortest - 0.1) == 1.0
    assert ppocr.squeeze(shortest) == factor < 1.0
    long_line = np.full((40, int(40 * (shortest + 5)), 3), 255, np.uint8)
    width = ppocr._normalized_line(long_line).shape[3]
    full = 48 * (shortest + 5)
    assert width == pytest.approx(full * ppocr.squeeze(shortest + 5) + ppocr.SQUEEZE_MARGIN, abs=2)


def _words(text: str) -> str:
    """A line's characters, digits and letters, in order: not its separators (a thousands
    comma read as a point is repaired or decided by the field's type, in both readings), not
    the underlines applicants write on, nor check-box glyphs (cut out before a page's lines
    are read)."""
    return "".join(ch for ch in norm(text) if ch.isalnum())


@pytest.mark.parametrize(
    ("sample", "index"),
    [("miit-2022-shuangkua/miit-2022-shuangkua-dev-01", 3), ("hunan-2023-platform/hunan-2023-platform-dev-01", 3)],
    ids=["双跨 counts in sentences", "hunan ticked options"],
)
def test_squeezed_long_lines_read_as_at_full_width(ours, monkeypatch, sample, index):
    """Long lines of form pages (prompts, prose, numbers merged into sentences, ticked options)
    read the same squeezed as at full width."""
    page = scan_page(SAMPLES / sample, index)
    detector, recognizer = ours
    crops = [c for c in (crop_quad(page, quad) for quad in detector(page, 1280)) if not _unsqueezed(c)]
    assert len(crops) >= 10
    squeezed = recognizer(crops)
    monkeypatch.setattr(ppocr, "SQUEEZES", ())
    assert [_words(text) for text, _ in squeezed] == [_words(text) for text, _ in recognizer(crops)]


def test_an_empty_image_has_no_boxes(ours):
    assert ours[0](np.full((200, 300, 3), 255, np.uint8), 1280) == []


def _session_without_flush(model):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    return ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])


def test_sessions_flush_denormals_to_zero():
    options = ppocr.session(bundled_models() / DET_MODEL, 1).get_session_options()
    assert options.get_session_config_entry("session.set_denormal_as_zero") == "1"


def test_flushing_denormals_changes_no_output(page, ours):
    """The detector's denormal weights cost a microcode assist per multiply on Intel cores;
    flushed to zero, the probability map and the recognizer's outputs are the same bit for bit.
    Both sessions run on one thread, the calling one: flushed there, and not on a plain thread."""
    resized = ppocr._resize_to_32(page, 1280)
    assert resized is not None
    blob = (resized.astype(np.float32) * np.float32(2 / 255) - 1).transpose(2, 0, 1)[None]
    detector, recognizer = ours
    line = ppocr._normalized_line(crop_quad(page, detector(page, 1280)[0]))
    with denormals.flushed():
        flushed = detector.session.run(None, {detector.input_name: blob})[0]
        flushed_rec = recognizer.session.run(None, {recognizer.input_name: line})[0]
    plain_det = _session_without_flush(bundled_models() / DET_MODEL)
    plain_rec = _session_without_flush(bundled_models() / REC_MODEL)
    plain, plain_line = _on_a_plain_thread(
        lambda: (
            plain_det.run(None, {detector.input_name: blob})[0],
            plain_rec.run(None, {recognizer.input_name: line})[0],
        )
    )
    assert (flushed > ppocr.DB_THRESH).sum() > 10_000
    assert np.array_equal(flushed, plain)
    assert np.array_equal(flushed_rec, plain_line)


def test_lines_read_side_by_side_read_as_one_after_another(page, ours):
    detector, one_at_a_time = ours
    side_by_side = ppocr.CtcRecognizer(bundled_models() / REC_MODEL, 2)
    assert side_by_side.session.get_session_options().intra_op_num_threads == 1
    crops = [crop_quad(page, quad) for quad in detector(page, 1280)][:24]
    assert side_by_side(crops) == one_at_a_time(crops)


def test_detections_of_other_sizes_between_change_no_boxes(page, ours):
    """The detector keeps its activations' memory from run to run; a coarse look at another
    size in between leaves the next full-scale run's boxes as they were."""
    detector = ours[0]
    first = detector(page, 1280)
    coarse = detector(page, 640)
    again = detector(page, 1280)
    assert 0 < len(coarse) < len(first)
    assert len(again) == len(first)
    assert all(np.array_equal(a, b) for a, b in zip(first, again, strict=True))


def test_the_engine_loads_its_two_models_and_leaves_no_thread_running(page):
    engine = ppocr.RapidOcrEngine(bundled_models() / DET_MODEL, bundled_models() / REC_MODEL, 2)
    assert not [t for t in threading.enumerate() if t.name.startswith("load")]
    quads = engine.detect(page)
    assert len(quads) > 20
    [(text, confidence)] = engine.recognize([crop_quad(page, quads[0])])
    assert text
    assert confidence > 0.5


needs_x86_glibc = pytest.mark.skipif(denormals._LIBM is None, reason="flushed on x86-64 glibc only")


def _denormal_survives() -> bool:
    """Whether SSE arithmetic on this thread keeps a denormal (it is flushed when the flags are set)."""
    return bool(np.float32(1e-40) * np.float32(1.0) != 0)


def _on_a_plain_thread(work):
    """``work()`` on a new thread whose denormal flags are cleared first; its result or error."""
    out: dict[str, object] = {}

    def run() -> None:
        denormals.set_flags(0)  # as on a thread the engine did not make
        try:
            out["result"] = work()
        except BaseException as exc:  # handed back to the test's thread
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out["result"]


@needs_x86_glibc
def test_denormals_are_flushed_inside_the_block_and_kept_after_it():
    def inside_and_after() -> tuple[bool, bool, bool]:
        before = _denormal_survives()
        with denormals.flushed():
            inside = _denormal_survives()
        return before, inside, _denormal_survives()

    assert _on_a_plain_thread(inside_and_after) == (True, False, True)


@needs_x86_glibc
def test_a_page_thread_runs_both_models_with_denormals_flushed(page, monkeypatch):
    """The engine is made on a thread of its own and ONNX Runtime flushes denormals only on its
    pool's threads: a page thread, which does a share of every run, flushes them itself."""
    detector, recognizer = _on_a_plain_thread(
        lambda: (
            ppocr.DbDetector(bundled_models() / DET_MODEL, 2),
            ppocr.CtcRecognizer(bundled_models() / REC_MODEL, 1),
        )
    )
    seen: list[int] = []
    for model in (detector, recognizer):
        real_run = model.session.run

        def spying_run(*args, real_run=real_run):
            seen.append(denormals.flags_here())
            return real_run(*args)

        monkeypatch.setattr(model, "session", SimpleNamespace(run=spying_run))

    quads = _on_a_plain_thread(lambda: detector(page, 1280))
    _on_a_plain_thread(lambda: recognizer([crop_quad(page, quads[0])]))
    assert seen == [denormals.FTZ_DAZ, denormals.FTZ_DAZ]
