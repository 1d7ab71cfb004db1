from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required


@require_GET
@permission_required("portal.view", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "bazar/index.html")
