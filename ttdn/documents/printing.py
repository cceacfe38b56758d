"""A printed document (a plan, a report) as a download, for the views of the apps that print."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from ttdn import docgen
from ttdn.documents.exports import DOCX_TYPE, missing_part_names

FORMATS = {"docx": DOCX_TYPE, "pdf": "application/pdf"}


def incomplete_message(message: StrOrPromise, error: docgen.DocumentIncomplete) -> str:
    """`message` (with %(parts)s) naming the parts docgen found missing, in the reader's language."""
    return str(message) % {"parts": ", ".join(missing_part_names(error.missing))}


def download(
    request: HttpRequest,
    fmt: str,
    render: Callable[[str], bytes],
    *,
    filename: str,
    back: Any,
    incomplete: StrOrPromise,
) -> HttpResponse:
    """`render(fmt)` as an attachment named `filename`.fmt; or back to `back` (a model or URL)
    with what went wrong: `incomplete` (a message with %(parts)s) names the missing parts."""
    if fmt not in FORMATS:
        raise Http404
    try:
        content = render(fmt)
    except docgen.DocumentIncomplete as error:
        messages.error(request, incomplete_message(incomplete, error))
        return redirect(back)
    except docgen.PdfUnavailable:
        messages.error(request, _("PDF printing is not available here; print the DOCX."))
        return redirect(back)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
