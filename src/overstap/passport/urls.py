from django.urls import URLPattern, URLResolver

app_name = "passport"
urlpatterns: list[URLPattern | URLResolver] = []
