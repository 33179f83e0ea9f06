"""The public site's URLs. Every page goes through the anonymous page cache (``caching``)."""

from django.urls import path, re_path

from newsroom.pagecache import public_page
from public import archive, corrections, feeds, previews, reads, search_views, sitemaps, views

app_name = "public"

YEAR = r"(?P<year>(?:19|20)[0-9]{2})"
MONTH = r"(?P<month>0[1-9]|1[0-2])"
DAY = r"(?P<day>0[1-9]|[12][0-9]|3[01])"

urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("tin-moi/", public_page(views.LatestView.as_view()), name="latest"),
    path("tin-moi/rss/", public_page(feeds.LatestArticlesFeed()), name="feed-latest-rss"),
    path(
        "tin-moi/atom/",
        public_page(feeds.atom(feeds.LatestArticlesFeed())),
        name="feed-latest-atom",
    ),
    path(
        "tin-tuc/<slug:slug>-<int:pk>/",
        public_page(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path("tin-tuc/<int:pk>/", public_page(views.ArticleDetailView.as_view()), name="detail-by-id"),
    # The read beacon (most read): never cached.
    path("doc/<int:pk>/", reads.read_beacon, name="read"),
    # Previews are for the newsroom and its reviewers: never cached, never indexed.
    path("xem-truoc/<int:pk>/", previews.ArticlePreviewView.as_view(), name="preview"),
    path("xem-truoc/k/<str:token>/", previews.SignedPreviewView.as_view(), name="signed-preview"),
    path("chuyen-muc/<slug:slug>/", public_page(views.CategoryView.as_view()), name="category"),
    path(
        "chuyen-muc/<slug:slug>/rss/", public_page(feeds.CategoryFeed()), name="feed-category-rss"
    ),
    path(
        "chuyen-muc/<slug:slug>/atom/",
        public_page(feeds.atom(feeds.CategoryFeed())),
        name="feed-category-atom",
    ),
    path(
        "to-chuc/<slug:slug>/", public_page(views.OrganisationView.as_view()), name="organisation"
    ),
    path(
        "to-chuc/<slug:slug>/rss/",
        public_page(feeds.OrganisationFeed()),
        name="feed-organisation-rss",
    ),
    path(
        "to-chuc/<slug:slug>/atom/",
        public_page(feeds.atom(feeds.OrganisationFeed())),
        name="feed-organisation-atom",
    ),
    path("tac-gia/<slug:slug>/", public_page(views.AuthorView.as_view()), name="author"),
    path("the/<slug:slug>/", public_page(views.TagView.as_view()), name="tag"),
    path("luu-tru/", public_page(archive.ArchiveIndexView.as_view()), name="archive"),
    re_path(
        rf"^luu-tru/{YEAR}/$", public_page(archive.YearArchiveView.as_view()), name="archive-year"
    ),
    re_path(
        rf"^luu-tru/{YEAR}/{MONTH}/$",
        public_page(archive.MonthArchiveView.as_view()),
        name="archive-month",
    ),
    re_path(
        rf"^luu-tru/{YEAR}/{MONTH}/{DAY}/$",
        public_page(archive.DayArchiveView.as_view()),
        name="archive-day",
    ),
    path(
        "dinh-chinh/",
        public_page(corrections.CorrectionListView.as_view()),
        name="corrections",
    ),
    path("tim-kiem/", public_page(search_views.SearchView.as_view()), name="search"),
    path("sitemap.xml", public_page(sitemaps.index), name="sitemap"),
    path("sitemap-<section>.xml", public_page(sitemaps.section), name="sitemap-section"),
    path("robots.txt", public_page(views.robots_txt), name="robots"),
]
