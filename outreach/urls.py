from django.urls import path

from outreach import views, views_letters

app_name = "outreach"
urlpatterns = [
    path("", views.questionnaire_list, name="questionnaires"),
    path("questionnaires/new/", views.questionnaire_create, name="questionnaire_create"),
    path("questionnaires/<int:pk>/", views.questionnaire_detail, name="questionnaire"),
    path("questionnaires/<int:pk>/edit/", views.questionnaire_edit, name="questionnaire_edit"),
    path("questionnaires/<int:pk>/copy/", views.questionnaire_copy, name="questionnaire_copy"),
    path("questionnaires/<int:pk>/paper.pdf", views.questionnaire_print, name="questionnaire_print"),
    path("questionnaires/<int:pk>/questions/new/", views.question_create, name="question_create"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("questionnaires/<int:pk>/send/", views.sending_create, name="sending_create"),
    path("sendings/<int:pk>/", views.sending_detail, name="sending"),
    path("sendings/<int:pk>/results/", views.sending_results, name="results"),
    path("sendings/<int:pk>/answers.xlsx", views.sending_export, name="sending_export"),
    path("respondents/<int:pk>/", views.recipient_detail, name="recipient"),
    path("respondents/<int:pk>/paper/", views.paper_entry, name="paper_entry"),
    path("letters/", views_letters.letter_list, name="letters"),
    path("letters/export.xlsx", views_letters.letter_export, name="letter_export"),
    path("letters/<int:pk>.<str:fmt>", views_letters.letter_file, name="letter_file"),
    path("letters/batch/<str:batch>.zip", views_letters.letter_zip, name="letter_zip"),
    path("letters/templates/", views_letters.template_list, name="templates"),
    path("letters/templates/new/", views_letters.template_create, name="template_create"),
    path("letters/templates/<int:pk>/", views_letters.template_edit, name="template_edit"),
    path("letters/templates/<int:pk>/merge/", views_letters.merge, name="merge"),
    path("contacts/", views_letters.contact_list, name="contacts"),
    path("contacts/export.xlsx", views_letters.contact_export, name="contact_export"),
    path("contacts/new/", views_letters.contact_create, name="contact_create"),
    path("contacts/<int:pk>/", views_letters.contact_edit, name="contact_edit"),
]
