"""Demo data of the library: the reference list of legal documents, and what two schools publish.

Seed 000 asks every school website to publish "toàn văn các văn bản quy phạm pháp luật về thông tin
đối ngoại": the demo schools of both provinces publish the decree and the circular on TTĐN.
"""

from __future__ import annotations

from ttdn.documents import importers, services
from ttdn.documents.citations import number_symbol_key
from ttdn.documents.models import Document
from ttdn.org.models import Unit

# (unit code, number and symbol of a document it publishes)
PUBLICATIONS = [
    ("HB-THCS-HONGBANG", "72/2015/NĐ-CP"),
    ("HB-THCS-HONGBANG", "22/2016/TT-BTTTT"),
    ("CP-THCS-CAMPHU", "72/2015/NĐ-CP"),
    ("CP-THCS-CAMPHU", "22/2016/TT-BTTTT"),
]


def load() -> list[str]:
    """Load the reference list (idempotent) and publish the demo schools' documents."""
    result = services.load_legal_documents(importers.read_legal_documents(), by=None)
    published = 0
    for code, number_symbol in PUBLICATIONS:
        unit = Unit.objects.filter(code=code).first()
        document = Document.objects.filter(
            unit__isnull=True, symbol_key=number_symbol_key(number_symbol)
        ).first()
        if unit is not None and document is not None:
            services.publish_document(document, unit=unit, by=None)
            published += 1
    return [
        f"{result.created} documents created, {result.updated} updated, {result.unchanged} unchanged",
        f"{published} publications on school pages",
    ]
