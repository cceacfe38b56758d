import csv
import datetime
import importlib
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from ttdn.core.models import AuditEntry
from ttdn.core.states import InvalidTransition
from ttdn.core.storage import is_random
from ttdn.documents import importers, services
from ttdn.documents.citations import number_symbol_key
from ttdn.documents.enums import (
    Classification,
    DocumentStatus,
    DocumentType,
    RelationKind,
    Verification,
)
from ttdn.documents.models import Document, DocumentFile, DocumentRelation, Publication
from ttdn.documents.tests.factories import DocumentFactory

SHARED_CSV = Path(__file__).resolve().parents[4] / "shared" / "data" / "legal_documents.csv"


def audit_of(obj):
    return [
        (e.action, e.changes)
        for e in AuditEntry.objects.filter(
            object_type=obj._meta.label, object_id=str(obj.pk)
        ).order_by("pk")
    ]


def test_create_document_writes_the_symbol_canonically_and_keys_it(cast):
    document = services.create_document(
        type=DocumentType.RESOLUTION,
        number_symbol="45- NQ/TW",
        issuer="Bộ Chính trị",
        title="Về xây dựng",
        by=cast.operator,
    )

    assert (document.number_symbol, document.symbol_key, document.status) == (
        "45-NQ/TW",
        "45-nq/tw",
        DocumentStatus.IN_FORCE,
    )


def test_create_document_normalises_text_to_nfc(cast):
    document = services.create_document(
        type=DocumentType.DECREE,
        number_symbol="72/2015/NÐ-CP",
        issuer=" Chi\u0301nh phu\u0309 ",
        title="Về",
        by=cast.operator,
    )

    assert (document.number_symbol, document.issuer) == ("72/2015/NĐ-CP", "Chính phủ")


def test_create_document_is_audited_with_its_fields(cast):
    document = DocumentFactory(number_symbol="3/KH-PGDĐT", unit=cast.phong)

    ((action, changes),) = audit_of(document)
    assert (
        action,
        changes["number_symbol"],
        changes["unit_id"],
        AuditEntry.objects.get(object_type="documents.Document").unit_id,
    ) == (
        "create",
        [None, "3/KH-PGDĐT"],
        [None, cast.phong.pk],
        cast.phong.pk,
    )


def test_create_document_in_another_status_moves_it_there(cast):
    document = DocumentFactory(status=DocumentStatus.EXPIRED)

    assert (document.status, audit_of(document)[-1]) == (
        DocumentStatus.EXPIRED,
        ("update", {"status": ["in_force", "expired"]}),
    )


def test_create_document_refuses_an_expiry_before_it_takes_effect(cast):
    with pytest.raises(ValidationError):
        DocumentFactory(effective_on=datetime.date(2022, 5, 1), expiry_on=datetime.date(2022, 4, 1))


def test_update_document_records_what_changed_and_the_full_text_as_its_length(cast):
    document = DocumentFactory(title="Cũ")

    services.update_document(document, title="Mới", full_text="Toàn văn", by=cast.operator)

    assert audit_of(document)[-1] == ("update", {"full_text": [0, 8], "title": ["Cũ", "Mới"]})


def test_update_document_without_changes_records_nothing(cast):
    document = DocumentFactory()

    services.update_document(document, title=document.title, by=cast.operator)

    assert len(audit_of(document)) == 1


def test_update_document_made_internal_leaves_every_public_page(cast):
    document = DocumentFactory(unit=cast.school_a)
    services.publish_document(document, unit=cast.school_a, by=cast.teacher_a)

    services.update_document(document, classification=Classification.INTERNAL, by=cast.teacher_a)

    assert list(Publication.objects.all()) == []


def test_transition_document_follows_the_flow(cast):
    document = DocumentFactory()

    services.transition_document(document, to=DocumentStatus.AMENDED, by=cast.operator)

    assert Document.objects.get().status == DocumentStatus.AMENDED


def test_transition_document_refuses_a_move_outside_the_flow(cast):
    document = DocumentFactory(status=DocumentStatus.REPLACED)

    with pytest.raises(InvalidTransition):
        services.transition_document(document, to=DocumentStatus.EXPIRED, by=cast.operator)


def test_relate_documents_replacing_marks_the_target_replaced(cast):
    old, new = DocumentFactory(), DocumentFactory()

    services.relate_documents(new, old, kind=RelationKind.REPLACES, by=cast.operator)

    assert Document.objects.get(pk=old.pk).status == DocumentStatus.REPLACED


def test_relate_documents_amending_marks_the_target_amended(cast):
    old, new = DocumentFactory(), DocumentFactory()

    services.relate_documents(new, old, kind=RelationKind.AMENDS, by=cast.operator)

    assert Document.objects.get(pk=old.pk).status == DocumentStatus.AMENDED


def test_relate_documents_guiding_keeps_the_status(cast):
    decree, circular = DocumentFactory(), DocumentFactory()

    services.relate_documents(circular, decree, kind=RelationKind.GUIDES, by=cast.operator)

    assert Document.objects.get(pk=decree.pk).status == DocumentStatus.IN_FORCE


def test_relate_documents_twice_keeps_one_relation_and_one_audit_entry(cast):
    plan, decision = DocumentFactory(), DocumentFactory()

    for _ in range(2):
        relation = services.relate_documents(
            plan, decision, kind=RelationKind.IMPLEMENTS, by=cast.operator
        )

    assert (DocumentRelation.objects.count(), len(audit_of(relation))) == (1, 1)


def test_relate_documents_refuses_the_document_itself(cast):
    document = DocumentFactory()

    with pytest.raises(ValidationError):
        services.relate_documents(document, document, kind=RelationKind.GUIDES, by=cast.operator)


def test_remove_relation_keeps_the_target_status(cast):
    old, new = DocumentFactory(), DocumentFactory()
    relation = services.relate_documents(new, old, kind=RelationKind.REPLACES, by=cast.operator)

    services.remove_relation(relation, by=cast.operator)

    assert (DocumentRelation.objects.count(), Document.objects.get(pk=old.pk).status) == (
        0,
        DocumentStatus.REPLACED,
    )


def test_attach_file_stores_it_under_media_root(cast, media):
    document = DocumentFactory(unit=cast.school_a)

    attached = services.attach_file(
        document, file=SimpleUploadedFile("Kế hoạch.pdf", b"%PDF-1.4"), by=cast.teacher_a
    )

    stored = Path(attached.file.path)
    assert attached.name == "Kế hoạch.pdf"
    assert attached.size == 8
    assert stored.is_relative_to(media)
    assert stored.read_bytes() == b"%PDF-1.4"


def test_remove_file_deletes_the_stored_file(cast, media):
    attached = services.attach_file(
        DocumentFactory(), file=SimpleUploadedFile("a.pdf", b"x"), by=cast.operator
    )
    stored = Path(attached.file.path)

    services.remove_file(attached, by=cast.operator)

    assert stored.exists() is False


def test_publish_document_refuses_an_internal_document(cast):
    document = DocumentFactory(classification=Classification.INTERNAL, unit=cast.school_a)

    with pytest.raises(ValidationError):
        services.publish_document(document, unit=cast.school_a, by=cast.teacher_a)


def test_publish_document_twice_publishes_once(cast):
    document = DocumentFactory()

    for _ in range(2):
        services.publish_document(document, unit=cast.school_a, by=cast.teacher_a)

    assert (
        Publication.objects.count(),
        AuditEntry.objects.filter(object_type="documents.Publication").count(),
    ) == (1, 1)


def test_unpublish_document_is_audited_for_the_unit(cast):
    publication = services.publish_document(
        DocumentFactory(), unit=cast.school_a, by=cast.teacher_a
    )

    services.unpublish_document(publication, by=cast.teacher_a)

    entry = AuditEntry.objects.filter(object_type="documents.Publication").order_by("pk").last()
    assert (Publication.objects.count(), entry.action, entry.unit_id) == (
        0,
        "delete",
        cast.school_a.pk,
    )


# --- Loading the reference list ----------------------------------------------------


def test_load_legal_documents_creates_the_library_and_its_relations(db):
    rows = importers.read_legal_documents()
    declared = {
        (row["number_symbol"], kind, target) for row in rows for kind, target in row["relations"]
    }

    result = services.load_legal_documents(rows, by=None)

    loaded = {
        (r.source.number_symbol, r.kind, r.target.number_symbol)
        for r in DocumentRelation.objects.select_related("source", "target")
    }
    assert (result, loaded) == (
        services.LoadResult(created=len(rows), updated=0, unchanged=0, related=len(declared)),
        declared,
    )
    assert {
        ("117/2025/QH15", RelationKind.REPLACES, "29/2018/QH14"),
        ("356/2025/NĐ-CP", RelationKind.REPLACES, "13/2023/NĐ-CP"),
        ("22/2016/TT-BTTTT", RelationKind.GUIDES, "72/2015/NĐ-CP"),
    } <= loaded


def test_load_legal_documents_twice_changes_nothing(db):
    rows = importers.read_legal_documents()
    services.load_legal_documents(rows, by=None)
    entries = AuditEntry.objects.count()

    result = services.load_legal_documents(rows, by=None)

    assert (result, AuditEntry.objects.count()) == (
        services.LoadResult(0, 0, len(rows), 0),
        entries,
    )


def test_load_legal_documents_keeps_the_verification_marks(library, document_of):
    marks = [
        (d.verification, d.verification_note)
        for d in map(
            document_of, ["72/2015/NĐ-CP", "26/2020/NĐ-CP", "42/2018/QĐ-UBND", "76-CTr/TU"]
        )
    ]

    assert marks == [
        (Verification.VERIFIED, ""),
        (Verification.PARTLY, "status after 2026-03-01 unverified"),
        (Verification.UNVERIFIED, ""),
        (Verification.UNVERIFIED, ""),
    ]


def test_load_legal_documents_updates_a_corrected_row(library, document_of):
    rows = importers.read_legal_documents()
    at = next(i for i, row in enumerate(rows) if row["number_symbol"] == "72/2015/NĐ-CP")
    rows[at] = {**rows[at], "title": "Về quản lý hoạt động thông tin đối ngoại (sửa)"}

    result = services.load_legal_documents(rows, by=None)

    assert (result.updated, document_of("72/2015/NĐ-CP").title) == (
        1,
        "Về quản lý hoạt động thông tin đối ngoại",
    )
    assert (
        Document.objects.get(symbol_key="72/2015/nd-cp").title
        == "Về quản lý hoạt động thông tin đối ngoại (sửa)"
    )


def test_load_legal_documents_keeps_the_status_of_the_file(library, document_of):
    statuses = [document_of(s).status for s in ("13/2023/NĐ-CP", "29/2018/QH14", "117/2025/QH15")]

    assert statuses == [DocumentStatus.REPLACED, DocumentStatus.REPLACED, DocumentStatus.IN_FORCE]


@pytest.mark.skipif(not SHARED_CSV.exists(), reason="../shared/data is not next to this checkout")
def test_packaged_reference_list_keeps_every_document_of_the_shared_one():
    with SHARED_CSV.open(encoding="utf-8-sig", newline="") as file:
        shared = {number_symbol_key(row["number_symbol"]) for row in csv.DictReader(file)}
    packaged = {number_symbol_key(row["number_symbol"]) for row in importers.read_legal_documents()}

    assert shared - packaged == set()


def test_read_legal_documents_lists_every_bad_row(tmp_path):
    path = tmp_path / "bad.csv"
    header = ",".join(importers.COLUMNS)
    path.write_text(
        f"{header}\n"
        "Nghị định,1/2020/NĐ-CP,2020-13-01,Chính phủ,Về,,in_force,,yes,\n"
        "Sắc lệnh,2/2020/SL,2020-01-01,Chính phủ,Về,,in_force,,yes,\n"
        "Nghị định,3/2020/NĐ-CP,2020-01-01,Chính phủ,Về,,in_force,,maybe,\n",
        encoding="utf-8",
    )

    with pytest.raises(importers.ImportFailed) as failure:
        importers.read_legal_documents(path)

    assert failure.value.errors == [
        "line 2: “2020-13-01” is not a date (YYYY-MM-DD)",
        "line 3: “Sắc lệnh” is not a known type of document",
        "line 4: “maybe” is not a verification mark (yes, partly or no)",
    ]


def test_read_legal_documents_needs_the_columns(tmp_path):
    path = tmp_path / "short.csv"
    path.write_text("type,number_symbol\nLuật,1/2020/QH14\n", encoding="utf-8")

    with pytest.raises(importers.ImportFailed) as failure:
        importers.read_legal_documents(path)

    assert failure.value.errors == [
        f"{path} lacks the columns: issued_on, issuer, title, effective_on, status, replaced_by, verified, source"
    ]


def test_an_attached_file_gets_a_random_name_not_its_uploads(cast, media):
    names = [
        services.attach_file(
            DocumentFactory(), file=SimpleUploadedFile("Kế hoạch mật.pdf", b"%PDF-1.4"),
            by=cast.operator,
        ).file.name
        for _ in range(2)
    ]  # fmt: skip

    assert names[0] != names[1]
    assert [is_random(name) and name.startswith("documents/") for name in names] == [True, True]
    assert [name.endswith(".pdf") and "hoach" not in name for name in names] == [True, True]


def test_the_migration_renames_files_stored_under_their_uploads_name(
    cast, media, django_capture_on_commit_callbacks
):
    attached = services.attach_file(
        DocumentFactory(), file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"), by=cast.operator
    )
    old = default_storage.save("documents/2025/01/ke-hoach-mat.pdf", ContentFile(b"%PDF-old"))
    DocumentFile.objects.filter(pk=attached.pk).update(file=old)
    migration = importlib.import_module("ttdn.documents.migrations.0004_private_files_random_names")

    with django_capture_on_commit_callbacks(execute=True):
        migration.rename_files(django_apps, None)
    attached.refresh_from_db()

    assert is_random(attached.file.name)
    assert attached.file.read() == b"%PDF-old"
    assert not default_storage.exists(old)
