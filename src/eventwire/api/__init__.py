"""REST API and dashboard: `create_app(db_path)` builds the FastAPI app, `serve` runs it.

    eventwire serve --db events.duckdb            # then open http://127.0.0.1:8000/
"""

from __future__ import annotations

from eventwire.api.app import create_app


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the app under uvicorn until interrupted. `token` (or $EVENTWIRE_TOKEN) enables
    `POST /api/articles`."""
    import os

    import uvicorn

    token = token or os.environ.get("EVENTWIRE_TOKEN") or None
    app = create_app(db_path, token=token)
    print(f"eventwire dashboard: http://{host}:{port}/   API docs: http://{host}:{port}/docs", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


__all__ = ["create_app", "serve"]
