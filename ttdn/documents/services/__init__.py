"""Writes of the documents app: the legal library (library.py) and the outgoing register
(register.py). Import them from here."""

from ttdn.documents.services.library import (
    FIELDS,
    LoadResult,
    attach_file,
    create_document,
    load_legal_documents,
    publish_document,
    relate_documents,
    remove_file,
    remove_relation,
    transition_document,
    unpublish_document,
    update_document,
)
from ttdn.documents.services.register import (
    LETTERHEAD_FIELDS,
    WithdrawalHook,
    issue_document,
    on_withdrawal,
    publish_on_site,
    save_letterhead,
    unpublish_from_site,
    withdraw_document,
)

__all__ = [
    "FIELDS",
    "LETTERHEAD_FIELDS",
    "LoadResult",
    "WithdrawalHook",
    "attach_file",
    "create_document",
    "issue_document",
    "load_legal_documents",
    "on_withdrawal",
    "publish_document",
    "publish_on_site",
    "relate_documents",
    "remove_file",
    "remove_relation",
    "save_letterhead",
    "transition_document",
    "unpublish_document",
    "unpublish_from_site",
    "update_document",
    "withdraw_document",
]
