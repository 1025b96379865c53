"""MCP client side: the tool hub, its connections and transports, server config, pinned contracts."""
