"""The visits report (`invoke report`): the server's own log, counted, as one HTML page."""
