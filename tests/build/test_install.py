"""The site's code installs as one distribution: a regular install (a wheel, not the source
folder) builds the same site, templates and scripts included."""

import filecmp
import os
import shutil
import subprocess
import sys

from tests.helpers import FIXTURE_CONTENT, ROOT, project_copy


def run(command, **options):
    result = subprocess.run(command, capture_output=True, text=True, **options)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_a_regular_install_builds_the_same_site_without_the_source_folder(tmp_path):
    project = project_copy(tmp_path)
    # Built from the copy: building writes build/ and *.egg-info beside the sources.
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(tmp_path / "wheel"), str(project)])
    wheel = next((tmp_path / "wheel").glob("uplift_site-*.whl"))
    installed = tmp_path / "installed"
    run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(installed), str(wheel)])
    shutil.rmtree(project / "build", ignore_errors=True)
    (project / "uplift").rename(tmp_path / "source-set-aside")  # nothing may come from the source folder
    environment = {**os.environ, "PYTHONPATH": str(installed)}
    found = run([sys.executable, "-c", "import uplift; print(uplift.__file__)"], cwd=project, env=environment)
    assert found.stdout.strip().startswith(str(installed)), found.stdout

    build = [sys.executable, "-m", "pelican", str(FIXTURE_CONTENT), "-s", "pelicanconf.py", "-o"]
    run([*build, str(tmp_path / "from-wheel")], cwd=project, env=environment)
    run([*build, str(tmp_path / "from-source")], cwd=ROOT)

    def files(folder):
        return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*")
                      if path.is_file() and not path.relative_to(folder).as_posix().startswith("pagefind/"))

    wheel_files, source_files = files(tmp_path / "from-wheel"), files(tmp_path / "from-source")
    assert wheel_files == source_files
    assert {"admin/index.html", "admin/pelican-format.js", "admin/uplift-cms.js", "admin/config.yml",
            "admin/facts-format.js", "admin/yaml-global.js", "index.html", "site-index.json"} <= set(wheel_files)
    _, different, errors = filecmp.cmpfiles(tmp_path / "from-wheel", tmp_path / "from-source", wheel_files,
                                            shallow=False)
    assert different == [] and errors == []
