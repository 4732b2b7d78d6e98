/* The facts file's format for Decap CMS (content/practice.yml): YAML, written back as it was.
 *
 * Decap's own YAML format rewrites the whole file on every save: the comments
 * that explain the file, its blank lines and its folded paragraphs are lost.
 * This one keeps the text it read and changes only what the writer changed,
 * through the `yaml` package's concrete syntax tree (window.YAML, loaded by
 * yaml-global.js from the site's own copy of the package):
 *
 * fromFile(raw) -> data: the file's values, and the file's text itself in a
 *   hidden key (BOOK), as pelican-format.js keeps its lines.
 * toFile(data) -> text: the text read, with each changed value rewritten in
 *   place in its own style (a quoted value stays quoted, a folded paragraph
 *   stays folded); YAML's quoting where a new value needs it (a " #" would
 *   otherwise start a comment). A list entry added or removed adds or removes
 *   its own lines; a new key goes at the end of its group. Whatever is written
 *   is read back and compared with the data: should the two ever differ, the
 *   file is written whole from the data instead (the values are what matter).
 */
(function (root) {
  'use strict';

  var BOOK = '_facts_source';   // hidden key: the file's text as read
  var WIDTH = 80;               // where a rewritten folded paragraph wraps

  function lib() {
    if (!root.YAML) throw new Error('The facts file cannot be read: the editor\'s YAML reader did not load.');
    return root.YAML;
  }

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function isEmpty(value) {
    if (value === undefined || value === null || value === '') return true;
    if (Array.isArray(value)) return value.every(isEmpty);
    if (isPlainObject(value)) return Object.keys(value).every(function (key) { return isEmpty(value[key]); });
    return false;
  }

  // Values as the file holds them and as the editor hands them back: 15 and "15", null and "".
  function same(a, b) {
    if (Array.isArray(a) || Array.isArray(b)) {
      if (!Array.isArray(a) || !Array.isArray(b)) return isEmpty(a) && isEmpty(b);  // [] and nothing
      return a.length === b.length && a.every(function (item, index) { return same(item, b[index]); });
    }
    if (isPlainObject(a) || isPlainObject(b)) {
      if (!isPlainObject(a) || !isPlainObject(b)) return false;
      var keys = Object.keys(a).concat(Object.keys(b));
      return keys.every(function (key) { return same(a[key], b[key]); });
    }
    var emptyA = a === undefined || a === null || a === '', emptyB = b === undefined || b === null || b === '';
    if (emptyA || emptyB) return emptyA && emptyB;
    return String(a) === String(b);
  }

  function withoutBook(data) {
    var out = {};
    Object.keys(data || {}).forEach(function (key) { if (key !== BOOK) out[key] = data[key]; });
    return out;
  }

  function fromFile(raw) {
    var doc = lib().parseDocument(raw);
    if (doc.errors.length) throw new Error('The facts file has a mistake in it: ' + doc.errors[0].message);
    var data = doc.toJS() || {};
    if (!isPlainObject(data)) throw new Error('The facts file should be a list of "name: value" lines.');
    data[BOOK] = raw;
    return data;
  }

  // A paragraph of a folded block written on one line, wrapped again: only at a single space
  // between two other characters, which folding reads back as that space.
  function refold(source) {
    return source.split('\n').map(function (line) {
      var indent = line.match(/^ */)[0];
      var text = line.slice(indent.length);
      if (indent.length + text.length <= WIDTH || /^\s/.test(text)) return line;
      var out = [], rest = text;
      while (indent.length + rest.length > WIDTH) {
        var cut = -1;
        for (var i = Math.min(rest.length - 2, WIDTH - indent.length); i > 0; i--) {
          if (rest[i] === ' ' && rest[i - 1] !== ' ' && rest[i + 1] !== ' ') { cut = i; break; }
        }
        if (cut < 0) break;
        out.push(indent + rest.slice(0, cut));
        rest = rest.slice(cut + 1);
      }
      out.push(indent + rest);
      return out.join('\n');
    }).join('\n');
  }

  function setScalar(node, value, afterKey) {
    var CST = lib().CST;
    var token = node.srcToken;
    var before = token.type === 'block-scalar' ? token.source : null;
    var text = typeof value === 'string' ? value : (value === null || value === undefined ? '' : String(value));
    CST.setScalarValue(token, text, { afterKey: afterKey });
    if (token.type === 'block-scalar') {
      if (token.props[0].source[0] === '>') token.source = refold(token.source);
      if (before !== null) {   // the blank lines after the paragraph belong to the file, not the value
        var tail = /\n(?:[ \t]*\n)*$/;
        var kept = (before.match(tail) || ['\n'])[0];
        token.source = token.source.replace(tail, kept);
      }
    }
  }

  // A new entry's or key's syntax-tree item, from its text indented like its neighbours.
  function itemFrom(text, indent) {
    var YAML = lib();
    var pad = ' '.repeat(indent);
    var source = text.replace(/\n$/, '').split('\n').map(function (line) { return line ? pad + line : line; })
      .join('\n') + '\n';
    var tokens = Array.from(new YAML.Parser().parse(source));
    var document = tokens.find(function (token) { return token.type === 'document'; });
    var collection = document && document.value;
    if (!collection || !collection.items || collection.items.length !== 1) throw new Error('not one item');
    return collection.items[0];
  }

  // A collection's first item is indented by what comes before it (its key's line); every
  // other item carries its own indentation. Keeps that true after items moved, left or came.
  function indentItems(items, indent) {
    items.forEach(function (item, index) {
      var start = item.start || (item.start = []);
      var spaced = start.length && start[0].type === 'space';
      if (index === 0) {   // and blank lines that parted it from an entry now gone
        while (start.length && (start[0].type === 'space' || start[0].type === 'newline')) start.shift();
      }
      else if (index > 0 && !spaced && indent > 0) {
        start.unshift({ type: 'space', offset: -1, indent: 0, source: ' '.repeat(indent) });
      }
    });
    return items;
  }

  // Pairs the old entries of a list with the new ones: entries equal in both keep their lines.
  function matchEntries(old, wanted) {
    var n = old.length, m = wanted.length, table = [];
    for (var i = 0; i <= n; i++) { table.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) {
      for (var j = m - 1; j >= 0; j--) {
        table[i][j] = same(old[i], wanted[j]) ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var pairs = [];
    i = 0; j = 0;
    while (i < n && j < m) {
      if (same(old[i], wanted[j])) { pairs.push([i, j]); i++; j++; }
      else if (table[i + 1][j] >= table[i][j + 1]) i++;
      else j++;
    }
    return pairs;
  }

  function patch(node, wanted, afterKey) {
    var YAML = lib();
    if (YAML.isScalar(node) && !isPlainObject(wanted) && !Array.isArray(wanted)) {
      if (same(node.value, wanted)) return;
      if (!node.srcToken) throw new Error('no source');
      setScalar(node, wanted, afterKey);
      return;
    }
    if (YAML.isMap(node) && isPlainObject(wanted)) {
      var token = node.srcToken;
      if (!token || token.type !== 'block-map') throw new Error('not a block map');
      var present = {};
      node.items.forEach(function (pair) {
        var key = YAML.isScalar(pair.key) ? pair.key.value : pair.key;
        present[key] = true;
        if (!(key in wanted)) return;   // not the editor's to remove
        if (pair.value === null) {
          if (!isEmpty(wanted[key])) throw new Error('no value to change');
          return;
        }
        patch(pair.value, wanted[key], true);
      });
      Object.keys(wanted).forEach(function (key) {
        if (present[key] || isEmpty(wanted[key])) return;
        var entry = {};
        entry[key] = wanted[key];
        token.items.push(itemFrom(YAML.stringify(entry), token.indent));
      });
      indentItems(token.items, token.indent);
      return;
    }
    if (YAML.isSeq(node) && (Array.isArray(wanted) || wanted === null || wanted === undefined)) {
      var seq = node.srcToken;
      if (!seq || seq.type !== 'block-seq') throw new Error('not a block list');
      if (!wanted || !wanted.length) {   // every entry removed: "[]", still a list for the site
        if (!node.items.length) return;
        var at = { offset: seq.offset, indent: seq.indent };
        Object.keys(seq).forEach(function (key) { delete seq[key]; });
        Object.assign(seq, {
          type: 'flow-collection', offset: at.offset, indent: at.indent,
          start: { type: 'flow-seq-start', offset: at.offset, indent: at.indent, source: '[' }, items: [],
          end: [{ type: 'flow-seq-end', offset: at.offset, indent: at.indent, source: ']' },
                { type: 'newline', offset: at.offset, indent: at.indent, source: '\n' }],
        });
        return;
      }
      if (node.items.length === wanted.length) {
        node.items.forEach(function (item, index) { patch(item, wanted[index], false); });
        return;
      }
      var old = node.items.map(function (item) { return item.toJSON(); });
      var pairs = matchEntries(old, wanted);
      var items = [], usedOld = 0, p = 0;
      wanted.forEach(function (value, j) {
        var match = p < pairs.length && pairs[p][1] === j ? pairs[p] : null;
        if (match) {
          items.push(seq.items[match[0]]);
          usedOld = match[0] + 1;
          p++;
          return;
        }
        var nextOld = p < pairs.length ? pairs[p][0] : node.items.length;
        if (usedOld < nextOld) {   // an entry edited where it was: change its values in place
          patch(node.items[usedOld], value, false);
          items.push(seq.items[usedOld]);
          usedOld++;
          return;
        }
        items.push(itemFrom(YAML.stringify([value]), seq.indent));
      });
      seq.items = indentItems(items, seq.indent);
      return;
    }
    throw new Error('a different kind of value');
  }

  function readBack(text) {
    var doc = lib().parseDocument(text);
    return doc.errors.length ? undefined : doc.toJS();
  }

  function toFile(data) {
    var YAML = lib();
    var wanted = withoutBook(data);
    var raw = data && data[BOOK];
    if (typeof raw !== 'string') return YAML.stringify(wanted);
    var written;
    try {
      var tokens = Array.from(new YAML.Parser().parse(raw));
      var composer = new YAML.Composer({ keepSourceTokens: true });
      var doc = Array.from(composer.compose(tokens, true, raw.length))[0];
      patch(doc.contents, wanted, false);
      written = tokens.map(function (token) { return YAML.CST.stringify(token); }).join('');
    } catch (error) {
      written = null;
    }
    var expected = YAML.parseDocument(raw).toJS() || {};
    Object.keys(wanted).forEach(function (key) {
      if (!(key in expected) && isEmpty(wanted[key])) return;
      expected[key] = wanted[key];
    });
    if (written !== null && same(readBack(written), expected)) return written;
    // The file's values come first: written whole, as YAML, if patching it in place failed.
    var whole = YAML.parseDocument(raw);
    Object.keys(wanted).forEach(function (key) { whole.set(key, wanted[key]); });
    return String(whole);
  }

  root.FactsFormat = { fromFile: fromFile, toFile: toFile, BOOK: BOOK };
})(typeof window !== 'undefined' ? window : globalThis);
