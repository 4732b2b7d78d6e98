"""The site's HTTP headers and server logging as data (headers.py, access_log.py), and the
web servers' configuration rendered from them (config.py, templates/)."""
