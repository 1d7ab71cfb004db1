from django.conf import settings


def portal(request):
    return {"PORTAL_NAME": "labportal", "PORTAL_DEBUG": settings.DEBUG}
