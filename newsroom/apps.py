"""The project package as an app, so that its infrastructure commands are found."""

from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"
