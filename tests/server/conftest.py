from tests.deploy_fixtures import *  # noqa: F403 (the fixtures of a production build, nginx and sshd)
