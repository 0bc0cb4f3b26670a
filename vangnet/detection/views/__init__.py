"""Pages of the early-detection part: public pages, signals, triage and the activity registry."""
