"""The Uplift site's code: one package, in layers that show how a file becomes a page.

    content/   what a file is: reading it, the problem type, slugs, dates, the facts file
    checks/    the rules over what was read and rendered; topic and team files
    editor/    the browser editor's configuration and scripts, made from the rules
    server/    the site's HTTP headers as data; nginx, logrotate and _headers as templates
    site/      Pelican wiring: the reader, the checks in the build, topics, team, metadata...
    preview/   the writing loop (a live preview that rebuilds on save)
    publish/   releases, manifests, verification, local and SSH targets
    reports/   the visits report, from the server's own log
    commands/  what each invoke task does (tasks.py parses arguments and calls one)

Imports point one way, down this list: content <- checks <- editor, server <- site
<- preview; publish and reports use content and server; commands use them all.
Pelican loads the site as one plugin, `uplift.site`.
"""
