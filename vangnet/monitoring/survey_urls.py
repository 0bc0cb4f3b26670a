from django.urls import path

from vangnet.monitoring import survey_views

app_name = "survey"

urlpatterns = [
    path("", survey_views.answer, name="answer"),
    path("bedankt/", survey_views.thanks, name="thanks"),
    path("uitdelen/", survey_views.hand_out, name="hand_out"),
]
