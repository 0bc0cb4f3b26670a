from django.utils.translation import gettext_lazy as _

MY_CLIENTS_LABEL = _("My older people")
MY_ACTIONS_LABEL = _("My actions")
MDO_LABEL = _("MDO")
