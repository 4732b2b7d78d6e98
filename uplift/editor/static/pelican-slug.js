/* pelicanSlug(title): the slug Pelican 4.12 makes with
 *   slugify(value, regex_subs=[(r"[^\w\s-]", ""), (r"(?u)\A\s*", ""),
 *                              (r"(?u)\s*\Z", ""), (r"[-\s]+", "-")])
 * i.e. strip tags, NFKC, unidecode, the four substitutions, lower-case, strip.
 * unidecode is approximated by NFKD + dropping combining marks + the table
 * below (equal to Pelican for every character of U+00A0-U+017F, Latin-1 and
 * Latin Extended-A, and the common punctuation of U+2000-U+206F).
 * Scripts without a Latin decomposition (CJK, Cyrillic, Greek...) are dropped,
 * where unidecode would transliterate: give such posts an explicit Slug.
 */
(function (root) {
  'use strict';
  var TABLE = {
    '\u00a0': ' ', '\u00a9': '(c)', '\u00ae': '(r)', '\u00b1': '+-', '\u00b2': '2', '\u00b3': '3',
    '\u00b9': '1', '\u00bc': ' 1/4', '\u00bd': ' 1/2', '\u00be': ' 3/4', '\u00b5': 'u',
    '\u00c6': 'AE', '\u00e6': 'ae', '\u00d0': 'D', '\u00f0': 'd', '\u00d7': 'x', '\u00d8': 'O',
    '\u00f8': 'o', '\u00de': 'Th', '\u00fe': 'th', '\u00df': 'ss', '\u0110': 'D', '\u0111': 'd',
    '\u0126': 'H', '\u0127': 'h', '\u0131': 'i', '\u0132': 'IJ', '\u0133': 'ij', '\u0138': 'k',
    '\u013f': 'L', '\u0140': 'l', '\u0141': 'L', '\u0142': 'l', '\u0149': '\'n', '\u014a': 'NG',
    '\u014b': 'ng', '\u0152': 'OE', '\u0153': 'oe', '\u0166': 'T', '\u0167': 't', '\u017f': 's',
    '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '--', '\u2015': '--',
    '\u2018': '\'', '\u2019': '\'', '\u201c': '"', '\u201d': '"', '\u2026': '...',
    '\u2122': '(tm)', '\u20ac': 'EUR', '\u00a3': 'PS', '\u00a5': 'Y=', '\u00a2': 'C/', '\u00b0': 'deg',
    '\u00a7': 'SS', '\u03bc': 'm', '\u00b6': 'P', '\u200b': ' ', '\u2030': '%0', '\u2043': '-', '\u203f': '_'
  };

  function unescapeHtml(s) {
    return s.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, function (m, e) {
      return { amp: '&', lt: '<', gt: '>', quot: '"', '#39': '\'', '#x27': '\'', nbsp: '\u00a0' }[e];
    });
  }

  function asciify(s) {
    var out = '';
    Array.from(s).forEach(function (ch) {
      if (ch.charCodeAt(0) < 128) { out += ch; return; }
      if (TABLE[ch] !== undefined) { out += TABLE[ch]; return; }
      var d = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += /^[\x00-\x7f]*$/.test(d) ? d : '';
    });
    return out;
  }

  function pelicanSlug(value) {
    var s = String(value || '');
    // Markup(value).striptags(): drop comments and tags, collapse spaces, unescape
    s = s.replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, '');
    s = unescapeHtml(s.split(/\s+/).filter(Boolean).join(' '));
    s = asciify(s.normalize('NFKC'));
    s = s.replace(/[^\w\s-]/g, '')
      .replace(/^\s*/, '').replace(/\s*$/, '')
      .replace(/[-\s]+/g, '-');
    return s.toLowerCase().trim();
  }

  root.pelicanSlug = pelicanSlug;
})(typeof window !== 'undefined' ? window : globalThis);
