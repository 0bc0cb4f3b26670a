from django.urls import path

from vangnet.economics import views

app_name = "economics"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:case_id>/", views.overview, name="overview"),
    path("<id:case_id>/conversation/", views.conversation, name="conversation"),
    path("<id:case_id>/calculation/", views.calculation, name="calculation"),
    path("<id:case_id>/calculation/prefill/", views.prefill, name="prefill"),
    path("<id:case_id>/benefits/", views.benefits, name="benefits"),
    path("<id:case_id>/decision/", views.decision, name="decision"),
    path("<id:case_id>/decision/proposal/", views.proposal, name="proposal"),
    path("<id:case_id>/decision/agreement/", views.agreement, name="agreement"),
    path("<id:case_id>/copy/", views.copy, name="copy"),
    path("<id:case_id>/compare/<id:other_id>/", views.compare, name="compare"),
    path("<id:case_id>/report.pdf", views.report_pdf_view, name="report-pdf"),
    path("<id:case_id>/report.xlsx", views.report_xlsx_view, name="report-xlsx"),
]
