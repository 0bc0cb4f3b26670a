from django.urls import URLPattern

from vangnet.accounts.decorators import public
from vangnet.api.api import api

patterns, _ninja, _namespace = api.urls
app_name = "api"

# The two-step login middleware looks at the view Django resolves, which for an API is
# django-ninja's own view function, so the mark goes on each of those. Someone halfway
# through logging in then gets the same public answers as an anonymous visitor.
for pattern in patterns:
    if isinstance(pattern, URLPattern):
        public(pattern.callback)

urlpatterns = patterns
