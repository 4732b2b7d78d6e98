/* The yaml package's browser build (ES modules, which the build copies into yaml/) as
 * window.YAML, for facts-format.js: Decap's registrations are classic scripts. A module
 * runs once the page is parsed, before Decap has fetched its config or any file. */
import * as YAML from './yaml/index.js';

window.YAML = YAML;
