from django.urls import path

from . import views, views_edit, views_publications

app_name = "concepts"

urlpatterns = [
    path("", views.concept_list, name="list"),
    path("new/", views_edit.concept_create, name="create"),
    path("publications/", views_publications.publications, name="publications"),
    path(
        "publications/new/<str:kind>/",
        views_publications.publication_create,
        name="publication_create",
    ),
    path("publications/<int:pk>/", views_publications.publication_status, name="publication"),
    path(
        "publications/<int:pk>/retry/",
        views_publications.publication_retry,
        name="publication_retry",
    ),
    path(
        "publications/<int:pk>/public/",
        views_publications.publication_public,
        name="publication_public",
    ),
    path(
        "publications/<int:pk>/pdf/",
        views_publications.publication_download,
        name="publication_download",
    ),
    path("public/<uuid:token>/", views.public_download, name="public_download"),
    path(
        "public/file/<uuid:token>/",
        views_publications.publication_public_download,
        name="publication_public_download",
    ),
    path("<slug:slug>/", views.concept_detail, name="detail"),
    path("<slug:slug>/edit/", views_edit.concept_edit, name="edit"),
    path("<slug:slug>/submit/", views_edit.concept_submit, name="submit"),
    path("<slug:slug>/return/", views_edit.concept_return, name="return"),
    path("<slug:slug>/publish/", views_edit.concept_publish, name="publish"),
    path("<slug:slug>/v<int:number>/pdf/", views.version_download, name="download"),
    path("<slug:slug>/v<int:number>/withdraw/", views_edit.version_withdraw, name="withdraw"),
    path("<slug:slug>/v<int:number>/public/", views_edit.version_public, name="public"),
    path("<slug:slug>/v<int:number>/retry/", views_edit.version_retry, name="retry"),
]
