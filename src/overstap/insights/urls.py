from django.urls import path

from overstap.insights import views

app_name = "insights"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("mine/", views.dashboard_mine, name="dashboard_mine"),
    path("download/<slug:key>.<str:fmt>", views.download, name="download"),
    path("mine/download/<slug:key>.<str:fmt>", views.download_mine, name="download_mine"),
    path("report/", views.report, name="report"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("budgets/", views.budgets, name="budgets"),
    path("cost-benefit/", views.cost_benefit, name="cost_benefit"),
    path("research-export/", views.research_export, name="research_export"),
    path("bottlenecks/", views.bottleneck_list, name="bottleneck_list"),
    path("bottlenecks/new/", views.bottleneck_edit, name="bottleneck_create"),
    path("bottlenecks/<int:pk>/", views.bottleneck_edit, name="bottleneck_edit"),
    path("bottlenecks/export.<str:fmt>", views.bottleneck_export, name="bottleneck_export"),
    path(
        "cases/<int:pk>/referrals/<int:referral_pk>/funding/",
        views.referral_funding,
        name="referral_funding",
    ),
]
