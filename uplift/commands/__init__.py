"""What each invoke task does. tasks.py parses a task's arguments and makes one call here.

    project.py       the project's folders and settings files, and one Pelican build in a subprocess
    building.py      build, preview (production), clean, serve, check, new-post
    writing.py       livereload, edit (the preview and the browser editor)
    publishing.py    publish, rollback, and the placeholder gate before a publish
    webserver.py     deploy-config, nginx (a production build under real nginx)
    visits.py        report
    icons.py         images (the favicons and the link-preview image)
    requirements.py  the Debian and npm packages the tasks and the tests need, installed when missing
"""
