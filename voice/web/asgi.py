"""The ASGI entry point uvicorn imports (in each worker process): settings from the environment."""

from voice.web.app import create_app

app = create_app()
