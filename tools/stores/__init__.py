"""Storage: artifact store, blob backends, result cache, draft store, memory index."""
