"""The rules over what was read: fields, rendered HTML, links, files, topics and team files.

Pure functions of what uplift.content read (Sources, rendered HTML, the list of
files): each returns Problems, never raises for a writer's mistake, and knows
nothing of Pelican's build. uplift.site runs them inside the build;
`invoke check` is that same build, stopped before anything is written.
"""
