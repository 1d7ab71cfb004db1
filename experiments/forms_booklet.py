"""The upload form of the import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from labportal.booklet.pdf import is_pdf

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ALLOWED_SUFFIXES = (".txt", ".pdf")


class BookletUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Booklet file"),
        help_text=_("The booklet as a PDF, or the text extracted from it (.txt); at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.pdf,text/plain,application/pdf"}),
    )
    program = forms.SlugField(
        label=_("Program slug"),
        max_length=120,  # BookletUpload.program_slug
        required=False,
        help_text=_("Leave empty to use the program the booklet names."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(ALLOWED_SUFFIXES):
            raise forms.ValidationError(_("Upload a .txt or a .pdf file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        # What costs nothing is checked here; reading the booklet is the dry run's job.
        if upload.name.lower().endswith(".pdf"):
            head = upload.read(1024)
            upload.seek(0)
            if not is_pdf(head):
                raise forms.ValidationError(_("The file is not a PDF."))
        return upload
