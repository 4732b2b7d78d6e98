/* The yaml package's browser build (ES modules, which the build copies into yaml/) as
 * window.YAML, for facts-format.js: Decap's registrations are classic scripts. Decap waits
 * for it (site.js sets CMS_MANUAL_INIT): this module starts the editor once YAML is there. */
import * as YAML from './yaml/index.js';

window.YAML = YAML;
window.UPLIFT.start();
