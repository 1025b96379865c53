"""The HTTP backend's parts, one concern per module (assembled by planexec.app.server.build_app)."""
