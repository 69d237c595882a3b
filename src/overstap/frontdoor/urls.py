"""URL map of the front door.

Public pages live under ``/hulp/`` (Dutch addresses: residents read them); they need no
login. Staff pages live under ``/frontdoor/``.
"""

from django.urls import path

from overstap.frontdoor.views import public, staff

app_name = "frontdoor"
urlpatterns = [
    # Public (no login)
    path("hulp/", public.home, name="home"),
    path("hulp/wegwijzer/<slug:slug>/", public.guide, name="guide"),
    path("hulp/aanmelden/", public.register, name="register"),
    path("hulp/gesprek/", public.conversation, name="conversation"),
    path("hulp/aanmelden/klaar/", public.register_done, name="register_done"),
    path("hulp/regelingen/", public.scheme_list, name="scheme_list"),
    path("hulp/regelingen/<slug:slug>/", public.scheme_detail, name="scheme_detail"),
    path("hulp/werkgevers/", public.employer_desk, name="employer_desk"),
    path("hulp/werkgevers/melden/<slug:kind_slug>/", public.desk_report, name="desk_report"),
    path("hulp/werkgevers/vacature/", public.desk_vacancy, name="desk_vacancy"),
    path("hulp/werkgevers/klaar/", public.desk_done, name="desk_done"),
    path("hulp/privacy/", public.privacy, name="privacy"),
    # Staff
    path("frontdoor/requests/", staff.request_list, name="request_list"),
    path("frontdoor/requests/<int:pk>/", staff.request_detail, name="request_detail"),
    path("frontdoor/schemes/", staff.scheme_admin_list, name="scheme_admin_list"),
    path("frontdoor/schemes/new/", staff.scheme_edit, name="scheme_create"),
    path("frontdoor/schemes/<int:pk>/", staff.scheme_edit, name="scheme_edit"),
    path("frontdoor/cases/<int:pk>/schemes/", staff.case_schemes, name="case_schemes"),
]
