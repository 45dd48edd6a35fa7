"""`uvicorn app:app` works too; `voice serve` is the usual way to run Voice."""

from voice.web.app import create_app

app = create_app()
