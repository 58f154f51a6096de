"""Public file views of the catalogue: blank forms (PUB-3) and example images (REQ-1)."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import IO, Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sintren.catalog.models import DokumenPersyaratan, Formulir

CACHE_SECONDS = 24 * 3600
FORM_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}


def _open(field: FieldFile) -> IO[Any]:
    """Open a stored file; a row whose file is gone is a 404, not a 500."""
    if not field:
        raise Http404(_("Berkas tidak tersedia."))
    try:
        return field.storage.open(str(field.name), "rb")
    except OSError as exc:
        raise Http404(_("Berkas tidak tersedia.")) from exc


def _harden(response: FileResponse) -> FileResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def formulir_download(request: HttpRequest, pk: int) -> FileResponse:
    """Download a blank form as an attachment named after its number and title."""
    formulir = get_object_or_404(Formulir, pk=pk)
    suffix = PurePosixPath(formulir.berkas.name or "").suffix.lower()
    response = FileResponse(
        _open(formulir.berkas),
        as_attachment=True,
        filename=f"{formulir.kode} {slugify(formulir.judul)}{suffix}",
        content_type=FORM_TYPES.get(suffix, "application/octet-stream"),
    )
    return _harden(response)


@require_safe
def contoh(request: HttpRequest, pk: int) -> FileResponse:
    """Show the example image of a required document of an active service."""
    dokumen = get_object_or_404(DokumenPersyaratan, pk=pk, layanan__aktif=True)
    content_type = IMAGE_TYPES.get(PurePosixPath(dokumen.contoh.name or "").suffix.lower())
    if content_type is None:
        raise Http404(_("Contoh dokumen tidak tersedia."))
    return _harden(FileResponse(_open(dokumen.contoh), content_type=content_type))
