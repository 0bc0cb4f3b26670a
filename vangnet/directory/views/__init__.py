"""Views of the social map, one module per screen group."""
