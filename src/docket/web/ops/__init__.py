"""Operations: health endpoints, request ids, JSON logs, security headers, error pages."""
