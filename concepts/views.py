from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from . import selectors


@require_GET
@permission_required("portal.view", raise_exception=True)
def concept_list(request: HttpRequest) -> HttpResponse:
    return render(request, "concepts/list.html", {"concepts": selectors.concept_list()})


@require_GET
@permission_required("portal.view", raise_exception=True)
def concept_detail(request: HttpRequest, slug: str) -> HttpResponse:
    concept = selectors.concept_for_user(request.user, slug)
    return render(request, "concepts/detail.html", {"concept": concept})
