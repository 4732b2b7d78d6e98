/* The site's own file format for Decap CMS: Pelican's "Name: value" header.
 *
 * The same rules as the site's one reading of a content file
 * (uplift/content/source.py): a header of "Name: value" lines, a line
 * indented by four spaces continuing the value above, the first blank line
 * ending the header, the Markdown text after it.
 *
 * fromFile(raw) -> data: one key per header field, name lower-cased, list
 *   fields split on commas, the text in `body`, and a hidden `_pelican` record
 *   of the original lines, so that what the writer did not change is written
 *   back byte for byte: opening and saving a post leaves the file identical.
 * toFile(data, fieldNames) -> text: the original fields in their order
 *   (verbatim when unchanged), then new fields in the editor's order, named
 *   like the site's examples ("Reviewed_by"), a blank line, the body.
 */
(function (root) {
  'use strict';

  // Fields that hold several values, written "a, b, c" on one line: the content model's
  // (uplift/content/model.py LIST_FIELDS), which each build writes into site.js.
  function isList(name) {
    var fields = (root.UPLIFT && root.UPLIFT.listFields) || [];
    return fields.indexOf(name) >= 0;
  }
  var BOOK = '_pelican';                              // hidden bookkeeping key
  // Python-Markdown's meta extension (markdown/extensions/meta.py)
  var META_RE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
  var MORE_RE = /^[ ]{4,}(.*)$/;

  function splitLines(text) {             // keeps each line's "\n"
    return text.match(/[^\n]*\n|[^\n]+$/g) || [];
  }
  function strip(line) { return line.replace(/\r?\n$/, ''); }

  function toValue(name, parts) {
    if (isList(name)) {
      var items = parts.join(',').split(',').map(function (s) { return s.trim(); })
        .filter(function (s) { return s !== ''; });
      // A topic may be named by any alias or case; the editor's pick-list knows topics by
      // their names only, so an alias would be invisible there and lost on saving.
      var names = (root.UPLIFT && root.UPLIFT.topicNames) || {};
      if (name === 'tags' || name === 'specialties') {
        items = items.map(function (item) { return names[normalise(item)] || item; });
      }
      return items;
    }
    return parts.join(' ');   // a continued value reads as one line, as the site reads it
  }

  function normalise(term) {   // as uplift/checks/topics.py: case, spaces, hyphens, underscores ignored
    return term.replace(/[-_\s]+/g, ' ').trim().toLowerCase();
  }

  function canon(value) {                 // comparable form of a data value
    if (value === undefined || value === null) return '';
    if (Array.isArray(value)) return value.map(String).join(', ');
    return String(value);
  }

  function keyCase(name) {                // reviewed_by -> Reviewed_by
    return name.charAt(0).toUpperCase() + name.slice(1);
  }

  function render(key, value) {
    var text = Array.isArray(value) ? value.join(', ') : String(value);
    var lines = text.replace(/\r\n?/g, '\n').split('\n')
      .map(function (s) { return s.trim(); }).filter(function (s, i) { return i === 0 || s !== ''; });
    var out = key + ':' + (lines[0] ? ' ' + lines[0] : '') + '\n';
    for (var i = 1; i < lines.length; i++) out += '    ' + lines[i] + '\n';
    return out;
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === '' ||
      (Array.isArray(value) && value.length === 0);
  }

  function fromFile(raw) {
    var lines = splitLines(raw);
    var keys = [];
    var data = {};
    var i = 0;
    for (; i < lines.length; i++) {
      var line = strip(lines[i]);
      if (line.trim() === '') break;
      var m = META_RE.exec(line);
      if (m) {
        keys.push({ key: m[1], name: m[1].toLowerCase(), raw: lines[i], parts: [m[2].trim()] });
        continue;
      }
      var c = MORE_RE.exec(line);
      if (c && keys.length) {
        var last = keys[keys.length - 1];
        last.raw += lines[i];
        last.parts.push(c[1].trim());
        continue;
      }
      break;                               // not a header line: the body starts here
    }
    var sep = '';
    if (i < lines.length && strip(lines[i]).trim() === '') { sep = lines[i]; i++; }
    keys.forEach(function (k) {
      k.value = canon(toValue(k.name, k.parts));
      if (!(k.name in data)) data[k.name] = toValue(k.name, k.parts);  // first wins
      delete k.parts;
    });
    data.body = lines.slice(i).join('');
    data[BOOK] = { keys: keys, sep: sep };
    return data;
  }

  function toFile(data, fieldNames) {
    var book = data[BOOK] || { keys: [], sep: '\n' };
    var done = {};
    var out = '';
    book.keys.forEach(function (k) {
      var value = data[k.name];
      if (done[k.name]) {                  // a repeated key: keep it only if untouched
        if (canon(value) === k.value) out += k.raw;
        return;
      }
      done[k.name] = true;
      if (canon(value) === k.value) out += k.raw;              // unchanged: verbatim
      else if (!isEmpty(value)) out += render(k.key, value);   // changed: same key spelling
      // emptied: the line is dropped
    });
    var order = (fieldNames || []).concat(Object.keys(data));
    order.forEach(function (name) {
      if (name === 'body' || name === BOOK || done[name]) return;
      done[name] = true;
      var value = data[name];
      if (isEmpty(value) || typeof value === 'object' && !Array.isArray(value)) return;
      out += render(keyCase(name), value);
    });
    var body = data.body || '';
    var sep = book.keys.length ? book.sep : (out && body ? '\n' : '');
    return out + sep + body;
  }

  root.PelicanFormat = { fromFile: fromFile, toFile: toFile, BOOK: BOOK, normalise: normalise };
})(typeof window !== 'undefined' ? window : globalThis);
