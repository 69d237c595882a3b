"""Rapid-response API routes, included under ``/api/v1/rapid-response/``."""

from django.urls import path

from overstap.rapidresponse import api

urlpatterns = [
    path("signals/", api.SignalListView.as_view(), name="signal_list"),
    path("signals/<int:pk>/", api.SignalDetailView.as_view(), name="signal_detail"),
    path("tasks/", api.TaskListView.as_view(), name="task_list"),
    path("tasks/<int:pk>/", api.TaskDetailView.as_view(), name="task_detail"),
]
