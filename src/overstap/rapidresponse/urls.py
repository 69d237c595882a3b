from django.urls import path

from overstap.rapidresponse import views

app_name = "rapidresponse"
urlpatterns = [
    path("", views.signal_list, name="signal_list"),
    path("signals/new/", views.signal_create, name="signal_create"),
    path("signals/<int:pk>/", views.signal_detail, name="signal_detail"),
    path("signals/<int:pk>/edit/", views.signal_edit, name="signal_edit"),
    path("signals/<int:pk>/tasks/<int:task_pk>/", views.task_update, name="task_update"),
    path("tasks/", views.my_tasks, name="my_tasks"),
    path("playbook/", views.playbook_list, name="playbook_list"),
    path("playbook/new/", views.playbook_create, name="playbook_create"),
    path("playbook/<int:pk>/edit/", views.playbook_edit, name="playbook_edit"),
    path("playbook/<int:pk>/active/", views.playbook_active, name="playbook_active"),
    path("planner/", views.planner, name="planner"),
    path("planner/pdf/", views.planner_pdf, name="planner_pdf"),
]
