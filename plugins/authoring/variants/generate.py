"""Generate one variant: fill a notice's blank .docx with its plugin's filler, apply the
document's variation classes, and write ``<doc>.docx``, ``<doc>.truth.json``, ``<doc>.meta.json``.

A notice plugin takes part by shipping a ``variants`` module next to its ``notice.toml``
(``<plugin package>.variants``) that defines ``FILLER``, a :class:`NoticeFiller`. The generic
code never names a notice: it asks the plugin manager which module declares each notice.
Generating needs python-docx only; turning the .docx into PDF needs LibreOffice (:mod:`.render`).
"""

from __future__ import annotations

import importlib
import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import docx

from shenbao.plugins.authoring.variants.classes import GENERIC, Knobs, draw_classes
from shenbao.plugins.authoring.variants.docxedit import Doc
from shenbao.plugins.authoring.variants.layout import apply_layout
from shenbao.plugins.authoring.variants.truth import (
    VariantError,
    build_truth,
    check_truth,
)
from shenbao.plugins.authoring.variants.values import Values
from shenbao.plugins.manager import PluginManager


@dataclass(frozen=True)
class NoticeFiller:
    """What a notice plugin's ``variants`` module declares as ``FILLER``."""

    fill: Callable[[Doc], None]  # writes values into the blank (and records them with Doc.put)
    rewordings: Mapping[str, Sequence[str]] = field(default_factory=dict)  # template label -> applicants' wordings
    extra_classes: frozenset[str] = frozenset()  # classes beyond the generic ones (partial_jianbiao)
    blank: str = ""  # the blank template's file name in the blanks folder (default <notice id>.docx)

    @property
    def classes(self) -> frozenset[str]:
        return GENERIC | self.extra_classes


@dataclass
class Variant:
    doc: Doc
    truth: dict[str, Any]
    meta: dict[str, Any]


def filler_for(manager: PluginManager, notice_id: str) -> NoticeFiller | None:
    """The notice plugin's ``FILLER``, or None when the plugin ships no ``variants`` module."""
    name = f"{manager.notice_module(notice_id)}.variants"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
    filler = getattr(module, "FILLER", None)
    if not isinstance(filler, NoticeFiller):
        raise VariantError(f"{name}.FILLER is not a NoticeFiller", plugin=notice_id)
    return filler


def fillers(manager: PluginManager) -> dict[str, NoticeFiller]:
    """Every notice the manager knows that can be generated, by id."""
    found = {nid: filler_for(manager, nid) for nid in sorted(manager.notices)}
    return {nid: f for nid, f in found.items() if f is not None}


def doc_name(notice_id: str, seed: int, index: int) -> str:
    return f"{notice_id}-var-s{seed}-{index:02d}"


def build(
    manager: PluginManager,
    notice_id: str,
    filler: NoticeFiller,
    blanks: Path,
    index: int,
    seed: int,
    classes: frozenset[str] | None = None,
) -> Variant:
    """One filled document in memory. Same (notice, index, seed, classes) -> same document."""
    rng = random.Random(f"{seed}:{notice_id}:{index}")
    v = Values(rng)
    drawn = draw_classes(v, filler.classes) if classes is None else classes & filler.classes
    v.classes = drawn
    knobs = Knobs.random(v, drawn)
    blank = blanks / (filler.blank or f"{notice_id}.docx")
    if not blank.is_file():
        raise VariantError("no blank template here (is the shared folder right?)", file=str(blank))
    doc = Doc(
        notice=manager.notice(notice_id),
        name=doc_name(notice_id, seed, index),
        d=docx.Document(str(blank)),
        v=v,
        knobs=knobs,
        classes=drawn,
    )
    filler.fill(doc)
    apply_layout(doc, filler.rewordings)
    check_truth(doc)
    meta = {
        "notice": notice_id,
        "seed": seed,
        "index": index,
        "classes": sorted(drawn),
        "printed": doc.printed,
        "knobs": knobs.as_dict(),
    }
    return Variant(doc=doc, truth=build_truth(doc, manager), meta=meta)


def write(variant: Variant, out_dir: Path) -> Path:
    """Save ``<doc>.docx`` + truth + meta under ``out_dir``; returns the .docx path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    name = variant.doc.name
    path = out_dir / f"{name}.docx"
    variant.doc.d.save(str(path))
    for suffix, data in ((".truth.json", variant.truth), (".meta.json", variant.meta)):
        (out_dir / f"{name}{suffix}").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
