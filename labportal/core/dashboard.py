"""What the dashboard shows. Each area adds its part here as it lands."""


def dashboard_context(user) -> dict:
    return {}
