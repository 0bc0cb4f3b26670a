from django.urls import path

from vangnet.care.views import lists, meetings, pathway, plan

app_name = "care"
urlpatterns = [
    path("my-actions/", lists.my_actions_page, name="my-actions"),
    path("my-clients/", lists.my_clients_page, name="my-clients"),
    path("mdo/", meetings.meeting_list, name="meetings"),
    path("mdo/new/", meetings.meeting_edit, name="meeting-new"),
    path("mdo/<id:meeting_id>/", meetings.meeting_detail, name="meeting"),
    path("mdo/<id:meeting_id>/edit/", meetings.meeting_edit, name="meeting-edit"),
    path("mdo/<id:meeting_id>/status/", meetings.meeting_status, name="meeting-status"),
    path("mdo/<id:meeting_id>/agenda/", meetings.meeting_agenda, name="meeting-agenda"),
    path("clients/<id:client_id>/", pathway.pathway, name="pathway"),
    path("clients/<id:client_id>/step/", pathway.step_add, name="step-add"),
    path("clients/<id:client_id>/conversation/", pathway.conversation, name="conversation"),
    path(
        "clients/<id:client_id>/conversation/new/",
        pathway.conversation_new,
        name="conversation-new",
    ),
    path("clients/<id:client_id>/analysis/", pathway.analysis, name="analysis"),
    path("clients/<id:client_id>/analysis/new/", pathway.analysis_new, name="analysis-new"),
    path("clients/<id:client_id>/plan/", plan.plan, name="plan"),
    path("clients/<id:client_id>/plan/goal/", plan.goal_edit, name="goal"),
    path("clients/<id:client_id>/plan/action/", plan.action_edit, name="action"),
    path(
        "clients/<id:client_id>/plan/action/<id:action_id>/status/",
        plan.action_status,
        name="action-status",
    ),
    path("clients/<id:client_id>/plan/agreement/", plan.agreement, name="agreement"),
    path("clients/<id:client_id>/plan/history/", plan.plan_history, name="plan-history"),
    path("clients/<id:client_id>/evaluation/", plan.evaluation, name="evaluation"),
    path("clients/<id:client_id>/my-plan/", plan.my_plan_page, name="my-plan"),
    path("clients/<id:client_id>/my-plan/print/", plan.my_plan_print, name="my-plan-print"),
    path("clients/<id:client_id>/my-plan/pdf/", plan.my_plan_download, name="my-plan-pdf"),
    path("clients/<id:client_id>/mdo/", meetings.client_mdo, name="client-mdo"),
    path("clients/<id:client_id>/mdo/add/", meetings.client_mdo_add, name="client-mdo-add"),
    path(
        "clients/<id:client_id>/mdo/<id:item_id>/minutes/",
        meetings.item_minutes,
        name="item-minutes",
    ),
    path(
        "clients/<id:client_id>/mdo/<id:item_id>/decision/",
        meetings.item_decision,
        name="item-decision",
    ),
    path(
        "clients/<id:client_id>/mdo/<id:item_id>/remove/",
        meetings.item_remove,
        name="item-remove",
    ),
]
