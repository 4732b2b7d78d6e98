"""The browser editor (Decap CMS at /admin/): its configuration, made from the site's rules
(config.py), the site's scripts for it (static/, package data) and the folder the build
writes (admin.py). uplift.site.editor calls it after each build."""
