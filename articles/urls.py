from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("tin-tuc/<slug:slug>-<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("tin-tuc/<int:pk>/", views.ArticleDetailView.as_view(), name="detail-by-id"),
    path("xem-truoc/<int:pk>/", views.ArticlePreviewView.as_view(), name="preview"),
    path("xem-truoc/k/<str:token>/", views.SignedPreviewView.as_view(), name="signed-preview"),
    path("chuyen-muc/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("to-chuc/<slug:slug>/", views.OrganisationView.as_view(), name="organisation"),
    path("tac-gia/<slug:slug>/", views.AuthorView.as_view(), name="author"),
    path("the/<slug:slug>/", views.TagView.as_view(), name="tag"),
]
