"""The embed pages Omneo Clienteling frames, under /clienteling/."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "clienteling"
urlpatterns = [
    path("", views.embed, name="embed"),
    path("handshake", views.handshake, name="handshake"),
    path("services", views.services, name="services"),
    path("times", views.times, name="times"),
    path("book", views.book, name="book"),
]
