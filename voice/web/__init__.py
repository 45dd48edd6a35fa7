"""The web: `create_app`, the URL map on one screen, templating, middleware and error pages."""
