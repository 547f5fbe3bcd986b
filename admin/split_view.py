"""The page where a clerk sees how a file was split into packets and moves the split points."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, request, url_for
from flask_admin import BaseView, expose
from flask_babel import gettext as _
from flask_login import current_user

from shenbao.admin.splits import file_pages, packet_rows, parse_first_pages, set_split_points
from shenbao.admin.views import Protected
from shenbao.models import SourceFile, db


class PacketView(Protected, BaseView):
    right = "correct"

    def is_visible(self) -> bool:
        return False

    @expose("/")
    def index(self) -> Any:
        return redirect(url_for("submission.index_view"))

    @expose("/<int:source_id>", methods=["GET", "POST"])
    def show(self, source_id: int) -> Any:
        source = db.session.get(SourceFile, source_id)
        if source is None:
            abort(404)
        pages = file_pages(source)
        if request.method == "POST":
            set_split_points(source, parse_first_pages(request.form.get("first_pages", ""), pages), current_user)
            flash(_("The file is read again with the new split points."), "info")
            return redirect(url_for(".show", source_id=source_id))
        rows = packet_rows(source)
        firsts = ", ".join(str(r["pages"][0]) for r in rows if r["pages"])
        return self.render("shenbao/packets.html", source=source, rows=rows, pages=pages, first_pages=firsts)
