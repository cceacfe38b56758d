"""A unit's site lives at /<its slug>/: no unit may take the first part of the product's own
addresses (/admin/, /api/, /reports/ …), whether created, edited, imported or in the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from ttdn.org import services
from ttdn.org.enums import UnitKind
from ttdn.org.importers import ImportFailed, import_units
from ttdn.org.models import RESERVED_SLUGS, Unit

MESSAGE = (
    "“admin” là địa chỉ các trang của chính hệ thống (/admin/); "
    "hãy chọn địa chỉ khác cho trang của đơn vị."
)


def test_create_unit_refuses_a_reserved_slug_and_creates_nothing(cast):
    with pytest.raises(ValidationError) as refused:
        services.create_unit(
            code="HB-X", name="Trường X", kind=UnitKind.PRIMARY, slug="admin", by=cast.operator
        )

    assert refused.value.message_dict == {"slug": [MESSAGE]}
    assert not Unit.objects.filter(code="HB-X").exists()


def test_the_refusal_is_in_english_too(cast):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            services.create_unit(
                code="HB-X", name="Trường X", kind=UnitKind.PRIMARY, slug="API", by=cast.operator
            )
        messages = refused.value.message_dict["slug"]

    assert messages == [
        "“api” is used by the system's own pages (/api/); "
        "choose another address for the unit's site."
    ]


def test_update_unit_refuses_a_reserved_slug_and_keeps_the_old_one(cast):
    with pytest.raises(ValidationError):
        services.update_unit(cast.school_a, slug="reports", by=cast.operator)

    cast.school_a.refresh_from_db()
    assert cast.school_a.slug != "reports"


def test_a_unit_named_like_a_product_page_gets_its_code_in_the_slug(cast):
    unit = services.create_unit(code="HB-Q", name="Admin", kind=UnitKind.OTHER, by=cast.operator)

    assert unit.slug == "admin-hb-q"


def test_import_reports_a_reserved_slug_by_row_and_column_and_writes_nothing(cast, tmp_path):
    path = tmp_path / "units.csv"
    path.write_text(
        "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Đường dẫn\n"
        "HB-C7,Trường Hoa Sen,Tiểu học,PGD-HB,truong-hoa-sen\n"
        "HB-C8,Trường Hoa Mai,Tiểu học,PGD-HB,admin\n",
        encoding="utf-8",
    )

    with pytest.raises(ImportFailed) as failure:
        import_units(path, by=None)

    assert (str(failure.value), Unit.objects.filter(code__startswith="HB-C").count()) == (
        f"Dòng 3, cột “Đường dẫn”: {MESSAGE}",
        0,
    )


def test_the_admin_form_refuses_a_reserved_slug(cast, client):
    cast.operator.is_superuser = True
    cast.operator.save()
    client.force_login(cast.operator)

    response = client.post(
        "/admin/org/unit/add/",
        {"code": "HB-Z", "name": "Trường Z", "slug": "api", "kind": "primary", "level": "school"},
    )

    assert response.status_code == 200
    assert not Unit.objects.filter(code="HB-Z").exists()
    assert response.context["adminform"].form.errors["slug"] == [MESSAGE.replace("admin", "api")]


def test_every_reserved_slug_is_refused(cast):
    refused = []
    for slug in RESERVED_SLUGS:
        try:
            services.update_unit(cast.school_b, slug=slug, by=cast.operator)
        except ValidationError:
            refused.append(slug)

    assert refused == list(RESERVED_SLUGS)
