"""The names the built-in OCR engines are asked for by (``--ocr-engine``, ``SHENBAO_OCR_ENGINE``).

Apart from the engines, so that a plugin module answers to its name without importing the
engine it makes (ONNX Runtime, OpenCV and numpy load when an engine is made, not when the
plugins are: a born-digital PDF never needs them).
"""

RAPIDOCR = "rapidocr"
PADDLEOCR = "paddleocr"
