"""Write a drafted notice as a ``notice.toml`` a person can read and refine.

Only the shapes a notice file uses are needed (tables, arrays of tables, strings, booleans,
string lists), so the writer is small; every string goes through the TOML basic-string
escapes. The result is read back with ``tomllib`` before it is written to disk.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from shenbao.core.errors import PluginError
from shenbao.plugins.authoring.draft import NoticeDraft
from shenbao.plugins.authoring.inline import DraftField
from shenbao.plugins.authoring.scaffold import toml_escape


def q(text: str) -> str:
    return '"' + toml_escape(text) + '"'


def string_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(q(i) for i in items) + "]"


def header(notice_id: str, name: str, draft: NoticeDraft, form_title: str = "", issuer: str = "") -> list[str]:
    title = form_title or draft.title or name
    return [
        f"# Drafted by `shenbao notice draft` from {Path(draft.source).name}.",
        "# Refine it: rename the keys, check types/units/required against the notice text, add",
        "# `parent`/`context` where a label repeats, `labels` for other wordings, and [[rules]].",
        "# Then run `shenbao notice check` on this file.",
        "[notice]",
        f"id = {q(notice_id)}",
        f"name = {q(name)}",
        f"form_title = {q(title)}",
        f"issuer = {q(issuer)}",
        "",
        "[detect]",
        f"keywords = {string_list([title])}",
        "",
    ]


def field_lines(spec: DraftField) -> list[str]:
    lines = [
        f"# {spec.where}" if spec.where else "",
        "[[fields]]",
        f"key = {q(spec.key)}",
        f"label = {q(spec.label)}",
        f"section = {q(spec.section)}",
        f"type = {q(spec.type)}",
        f"required = {'true' if spec.required else 'false'}",
    ]
    if spec.unit:
        lines.append(f"unit = {q(spec.unit)}")
    if spec.options and spec.type != "bool":  # 是/否 is what bool means
        lines.append(f"options = {string_list(spec.options)}")
    if spec.context:
        lines.append(f"context = {q(spec.context)}")
    elif spec.parent:  # a group the form does not print before the label: no context to find
        lines += [f"parent = {q(spec.parent)}", "context = []"]
    if spec.labels:
        lines.append(f"labels = {string_list(spec.labels)}")
    if spec.layout:
        lines.append(f"layout = {q(spec.layout)}")
    if spec.column:
        lines.append(f"column = {q(spec.column)}")
    if spec.row:
        lines.append(f"row = {spec.row}")
    if spec.prompts:
        lines.append(f"prompts = {string_list(spec.prompts)}")
    return [*(line for line in lines if line != ""), ""]


def render_notice(draft: NoticeDraft, notice_id: str, name: str, *, form_title: str = "", issuer: str = "") -> str:
    lines = header(notice_id, name, draft, form_title, issuer)
    section = None
    for spec in draft.fields:
        if spec.section != section:
            section = spec.section
            lines += [f"# ---- {section} ----", ""]
        lines += field_lines(spec)
    if draft.attachments:
        lines += ["# ---- attachments (材料清单) ----", ""]
    for item in draft.attachments:
        lines += [
            f"# {item.where}",
            "[[attachments]]",
            f"key = {q(item.key)}",
            f"label = {q(item.label)}",
            f"required = {'true' if item.required else 'false'}",
        ]
        lines += [f"labels = {string_list(item.labels)}"] if item.labels else []
        lines.append("")
    lines += ["# [[rules]]: write the notice's checks here (see the catalog README for the kinds).", ""]
    text = "\n".join(lines)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # a bug here, never the user's input
        raise PluginError(f"the drafted notice.toml does not parse: {exc}") from None
    return text
