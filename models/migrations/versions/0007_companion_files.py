"""companion_files: the other copy of a submission (the paper copy of a Word file); a media
type as long as Word's (source_files.media_type 40 -> 100)

Revision ID: 0007_companion_files
Revises: 0004_file_leases
Create Date: 2026-12-03 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0007_companion_files"
down_revision = "0004_file_leases"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("source_files", schema=None) as batch_op:
        batch_op.alter_column(
            "media_type", existing_type=sa.String(length=40), type_=sa.String(length=100), existing_nullable=False
        )
    op.create_table(
        "companion_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("extraction", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("attached_by", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source_files.id"], name=op.f("fk_companion_files_source_id_source_files")
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"], name=op.f("fk_companion_files_submission_id_submissions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_companion_files")),
    )
    with op.batch_alter_table("companion_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_companion_files_source_id"), ["source_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_companion_files_submission_id"), ["submission_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("companion_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_companion_files_submission_id"))
        batch_op.drop_index(batch_op.f("ix_companion_files_source_id"))
    op.drop_table("companion_files")
    with op.batch_alter_table("source_files", schema=None) as batch_op:
        batch_op.alter_column(
            "media_type", existing_type=sa.String(length=100), type_=sa.String(length=40), existing_nullable=False
        )
