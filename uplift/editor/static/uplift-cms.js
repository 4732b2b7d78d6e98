/* The Uplift editor's registrations, loaded after decap-cms.js (window.CMS) and
 * site.js (window.UPLIFT: written by each build, see uplift/editor/admin.py).
 *
 * 1. "pelican": the site's own file format (pelican-format.js).
 * 2. Dates in the site's own zone ("sitedate"): "Now" is now in New York, wherever the
 *    writer's computer is, and dates are shown year-month-day, 24-hour.
 * 3. Before a save (preSave): new posts get the slug the site makes (pelican-slug.js);
 *    bullets pasted from a word processor become a Markdown list; the site's checker runs
 *    on the entry as typed (the preview's /api/check). A post with a problem that stops
 *    publishing is never saved as published: a post not yet live is saved as a draft, a
 *    live one is not saved; the editor says why, at each field or line of the text.
 * 4. The preview pane looks like the site (its stylesheet, an article layout), says what
 *    the site will do with the entry (draft, scheduled for a date, published) and lists
 *    the checker's findings in the writer's words.
 * 5. Words that tell the truth: "Saved", not "Published", after a save; a welcome on the
 *    login screen.
 * 6. "uplift-facts": the facts file's format (facts-format.js), which writes back
 *    only what the writer changed.
 * 7. A list's entry (opening hours...) is removed only once the writer confirms:
 *    its remove button sits next to the collapse arrow, and Decap has no undo.
 */
(function () {
  'use strict';
  var CMS = window.CMS;
  var UPLIFT = window.UPLIFT || {};
  var h = window.h;

  CMS.registerCustomFormat('pelican', 'md', window.PelicanFormat);
  CMS.registerCustomFormat('uplift-facts', 'yml', window.FactsFormat);
  // Decap starts once the facts file's YAML reader is there: yaml-global.js, a module run after
  // this script, calls UPLIFT.start. Should that module fail to load, the page's load event
  // starts the editor anyway (then only the facts file cannot be opened, and says so).
  var started = false;
  UPLIFT.start = function () {
    if (started) return;
    started = true;
    CMS.init();
  };
  window.addEventListener('load', UPLIFT.start);

  // Decap's list widget, with a question before an entry goes. Its remove handler is an
  // instance field, read by each render: the subclass wraps it once it exists.
  var List = CMS.getWidget('list');
  function entryText(item) {
    if (item && typeof item.valueSeq === 'function') {
      return item.valueSeq().filter(function (value) { return value !== null && value !== ''; })
        .map(String).join(': ');
    }
    return item === null || item === undefined ? '' : String(item);
  }
  class ConfirmedList extends List.control {
    constructor(props) {
      super(props);
      var remove = this.handleRemove;
      this.handleRemove = function (index, event) {
        if (event && event.preventDefault) event.preventDefault();
        var text = entryText(this.props.value && this.props.value.get(index));
        var where = this.props.field.get('label') || this.props.field.get('name');
        var question = 'Remove ' + (text ? '"' + text + '"' : 'this entry') + ' from ' + where + '?';
        if (window.confirm(question)) remove.apply(this, arguments);
      }.bind(this);
    }
  }
  CMS.registerWidget('list', ConfirmedList, List.preview, List.schema);

  // --- Words ---------------------------------------------------------------------------
  if (CMS.getLocale && CMS.registerLocale) {
    var en = CMS.getLocale('en') || {};
    var toolbar = (en.editor && en.editor.editorToolbar) || {};
    var toast = (en.ui && en.ui.toast) || {};
    var auth = en.auth || {};
    var collection = en.collection || {};
    CMS.registerLocale('en', Object.assign({}, en, {
      // Decap's '\uFF0B' (a full-width plus) has no glyph in common Linux fonts: words instead.
      collection: Object.assign({}, collection, { collectionTop: Object.assign({},
        collection.collectionTop, { newButton: 'New %{collectionLabel}' }) }),
      auth: Object.assign({}, auth, { login: 'Log in' }),
      editor: Object.assign({}, en.editor, { editorToolbar: Object.assign({}, toolbar, {
        published: 'Saved',
        changesSaved: 'No unsaved changes',
      }) }),
      ui: Object.assign({}, en.ui, { toast: Object.assign({}, toast, {
        onFailToPersist: 'Not saved. %{details}',
        entrySaved: 'Saved',
        entryPublished: 'Saved',
      }) }),
    }));
  }

  // --- Dates in the site's zone ---------------------------------------------------------
  var ZONE = UPLIFT.timezone || 'America/New_York';
  var ZONE_NAME = ZONE.split('/').pop().replace(/_/g, ' ') + ' time';

  function siteNow(withTime) {
    var parts = {};
    new Intl.DateTimeFormat('en-CA', {
      timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', hourCycle: 'h23',
    }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    var day = parts.year + '-' + parts.month + '-' + parts.day;
    return withTime ? day + ' ' + parts.hour + ':' + parts.minute : day;
  }
  UPLIFT.siteNow = siteNow;

  var SiteDate = window.createClass({
    withTime: function () { return this.props.field.get('time_format') !== false; },
    componentDidMount: function () {
      // A new post starts dated now (in the site's zone): it is published when saved.
      if (!this.props.value && this.props.field.get('required') !== false) {
        this.props.onChange(siteNow(this.withTime()));
      }
    },
    render: function () {
      var self = this, withTime = this.withTime();
      return h('div', { className: this.props.classNameWrapper || '' }, h('div', { className: 'uplift-date' },
        h('input', {
          type: 'text', id: this.props.forID, value: this.props.value || '', inputMode: 'numeric',
          autoComplete: 'off', spellCheck: false,
          placeholder: withTime ? '2025-09-16 09:00' : '2025-09-16',
          onChange: function (event) { self.props.onChange(event.target.value); },
          onFocus: this.props.setActiveStyle, onBlur: this.props.setInactiveStyle,
        }),
        h('button', { type: 'button', className: 'uplift-date__now',
                      onClick: function () { self.props.onChange(siteNow(withTime)); } },
          withTime ? 'Now' : 'Today'),
        h('span', { className: 'uplift-date__zone' }, withTime ? ZONE_NAME : '')));
    },
  });
  CMS.registerWidget('sitedate', SiteDate, window.createClass({
    render: function () { return h('span', {}, this.props.value || ''); },
  }));

  // --- Before a save ----------------------------------------------------------------------
  // Bullets a word processor pastes as characters ("•	Item") become Markdown list items.
  var PASTED_BULLET = /^([ \t]*)[\u2022\u25CF\u25E6\u2023\u2043\u25AA\u25AB\u00B7\u2219\u25A0\u25A1\u2013\u2014\uF0B7o§][ \t\u00A0]+/gm;
  function listFromPastedBullets(text) {
    return text.replace(PASTED_BULLET, function (all, indent) {
      return indent.replace(/\t/g, '    ') + '- ';
    });
  }

  var results = {};     // path -> the checker's last answer for it, as typed
  var listeners = [];
  function told(path, result) {
    results[path] = result;
    listeners.forEach(function (listener) { listener(path); });
  }

  function quietError(message) {   // Decap shows String(error) in its "Not saved." notice
    var error = new Error(message);
    error.toString = function () { return message; };
    return error;
  }

  function entryPath(entry, collection, slug) {
    if (entry.get('path')) return entry.get('path');
    var folder = (UPLIFT.collectionFolders || {})[collection];
    return folder ? folder + '/' + slug + '.md' : '';
  }

  function uploadsOf(entry) {
    var media = entry.get('mediaFiles');
    media = media && media.toJS ? media.toJS() : (media || []);
    return media.map(function (file) { return file.path; }).filter(Boolean);
  }

  function whereSaid(problem) {
    if (problem.textLine) return problem.label + ', line ' + problem.textLine + ': ';
    return problem.label ? problem.label + ': ' : '';
  }

  // The address a post had when it was opened: its Slug line, or the slug its title made.
  function openedSlug(data) {
    var book = data.get(window.PelicanFormat.BOOK);
    if (!book || !book.get) return '';
    var keys = book.get('keys');
    var value = function (name) {
      var found = keys && keys.find(function (key) { return key.get('name') === name; });
      return found ? String(found.get('value') || '').trim() : '';
    };
    return value('slug') || window.pelicanSlug(value('title'));
  }

  // A published post or page whose Slug changes keeps its old address: the old slug joins
  // Former_slugs, and the site sends readers from there to the new one.
  function keepFormerAddress(entry, collection, data) {
    if (entry.get('newRecord') || (collection !== 'articles' && collection !== 'pages')) return data;
    var before = openedSlug(data);
    var now = (data.get('slug') || '').trim() || window.pelicanSlug(data.get('title') || '');
    var opened = (data.get(window.PelicanFormat.BOOK) && data.get(window.PelicanFormat.BOOK).get('keys')) || null;
    var wasLive = opened && !opened.find(function (key) {
      return key.get('name') === 'status' && String(key.get('value')).toLowerCase() !== 'published';
    });
    if (!before || before === now || !wasLive) return data;
    var former = data.get('former_slugs');
    var list = former && former.toJS ? former.toJS() : (former ? String(former).split(',') : []);
    list = list.map(function (item) { return String(item).trim(); }).filter(Boolean);
    if (list.indexOf(before) < 0) list.push(before);
    return data.set('former_slugs', list);
  }

  async function beforeSave(args) {
    var entry = args.entry;
    var collection = entry.get('collection');
    var data = entry.get('data');
    var slugged = UPLIFT.sluggedCollections.indexOf(collection) >= 0;
    if (slugged && entry.get('newRecord')) {  // an existing file keeps its name and slug
      var typed = (data.get('slug') || '').trim();
      data = data.set('slug', typed || window.pelicanSlug(data.get('title') || data.get('name') || ''));
    }
    if (typeof data.get('body') === 'string') data = data.set('body', listFromPastedBullets(data.get('body')));
    data = keepFormerAddress(entry, collection, data);
    if (!UPLIFT.checkUrl || !slugged) return data;

    var path = entryPath(entry, collection, data.get('slug'));
    var text = window.PelicanFormat.toFile(data.toJS(), (UPLIFT.fieldOrder || {})[collection]);
    var result;
    try {
      var response = await fetch(UPLIFT.checkUrl, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, cache: 'no-store',
        // Pictures chosen in this entry are written with it, after this check: named, so the
        // checker knows they are coming.
        body: JSON.stringify({ path: path, text: text, uploads: uploadsOf(entry) }),
      });
      result = await response.json();
      if (!response.ok) throw quietError(result.error || 'The site\'s checker did not answer.');
    } catch (error) {
      throw quietError('The site\'s checker could not look at it (' + (error.message || error) + '). ' +
                       'Is `invoke edit` still running?');
    }
    var hasStatus = collection === 'articles' || collection === 'pages';
    var wanted = (data.get('status') || 'published').toLowerCase();
    result.savedAs = null;
    if (result.stops && (!hasStatus || wanted === 'published')) {
      var first = result.problems[0];
      var why = whereSaid(first) + first.message + (result.problems.length > 1 ?
        ' (and ' + (result.problems.length - 1) + ' more: see the preview pane)' : '');
      if (!hasStatus || (result.current && result.current.status === 'published')) {
        result.refused = true;
        told(path, result);
        throw quietError((hasStatus ? 'It is live, and this change would stop the site from publishing. '
                                    : 'This would stop the site from publishing. ') + why);
      }
      result.savedAs = 'draft';
      result.status = { status: 'draft' };
      told(path, result);
      return data.set('status', 'draft');
    }
    told(path, result);
    return data;
  }
  CMS.registerEventListener({ name: 'preSave', handler: beforeSave });

  // --- Uploads ------------------------------------------------------------------------------
  // The media library takes any file; its folder, content/images/, holds pictures only (the
  // content model's types), and a file refused here is never written into content/.
  document.addEventListener('change', function (event) {
    var input = event.target;
    if (!input || input.type !== 'file' || !UPLIFT.uploadTypes) return;
    var refused = Array.prototype.filter.call(input.files || [], function (file) {
      var dot = file.name.lastIndexOf('.');
      return UPLIFT.uploadTypes.indexOf(dot < 0 ? '' : file.name.slice(dot).toLowerCase()) < 0;
    });
    if (!refused.length) return;
    event.stopPropagation();
    event.preventDefault();
    input.value = '';
    window.alert('The site takes pictures (' + UPLIFT.uploadTypes.join(', ') + ') only, not ' +
                 refused.map(function (file) { return file.name; }).join(', ') +
                 '. Save it as a picture (JPEG or PNG), then upload it again.');
  }, true);

  // --- Before a delete ---------------------------------------------------------------------
  // Decap asks only "Are you sure?": first, name the pages whose links would break (links.json,
  // written by the preview's builds), and let the writer keep the post.
  var allowDelete = false;
  function openEntryPath() {
    var match = /#\/collections\/([^/]+)\/entries\/(.+)$/.exec(location.hash);
    var folder = match && (UPLIFT.collectionFolders || {})[match[1]];
    return folder ? folder + '/' + decodeURIComponent(match[2]) + '.md' : '';
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button, [role="menuitem"]');
    if (!button || allowDelete || !UPLIFT.linksUrl || !/^Delete/.test(button.textContent.trim())) return;
    var path = openEntryPath();
    if (!path) return;
    event.preventDefault();
    event.stopPropagation();
    fetch(UPLIFT.linksUrl, { cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .catch(function () { return {}; })
      .then(function (linking) {
        var from = linking[path] || [];
        var go = !from.length || window.confirm(
          'These pages link to this one, and their links would break:\n\n' +
          from.map(function (entry) { return '  \u2022 ' + entry.title + ' (' + entry.path + ')'; }).join('\n') +
          '\n\nChange or remove those links first. Delete it anyway?');
        if (!go) return;
        allowDelete = true;
        try { button.click(); } finally { allowDelete = false; }
      });
  }, true);

  // --- The list of posts ----------------------------------------------------------------------
  // Each card reads "Title · status · date" (the collection's summary); a post published with a
  // date still to come is scheduled, which a template cannot say: say it here.
  var SUMMARY = /^(.*) \u00b7 published \u00b7 (\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?)$/;
  var listPending = false;
  function honestList() {
    listPending = false;
    if (!/^#\/collections\/[^/]+\/?$/.test(location.hash)) return;
    Array.prototype.forEach.call(document.querySelectorAll('h2'), function (heading) {
      var match = SUMMARY.exec(heading.textContent);
      if (match && match[2] > siteNow(match[2].length > 10)) {
        heading.textContent = match[1] + ' \u00b7 scheduled \u00b7 ' + match[2];
      }
    });
  }
  new MutationObserver(function () {
    if (!listPending) { listPending = true; window.requestAnimationFrame(honestList); }
  }).observe(document.documentElement, { childList: true, subtree: true });

  // --- The login screen --------------------------------------------------------------------
  function welcome() {
    if (location.hash.length > 2 || document.querySelector('.uplift-welcome')) return;  // past the login
    var button = Array.prototype.find.call(document.querySelectorAll('button'), function (b) {
      return /^Log in/.test(b.textContent.trim());
    });
    if (!button || document.querySelector('.uplift-welcome')) return;
    var note = document.createElement('section');
    note.className = 'uplift-welcome';
    note.setAttribute('aria-label', 'Welcome');
    var heading = document.createElement('h1');
    heading.textContent = (UPLIFT.siteName || 'The site') + ' editor';
    var lines = [
      'Write and update the site\'s articles, pages, topics, team profiles and the practice\'s facts.',
      (UPLIFT.local ? '"Log in" opens the files on this computer; nothing leaves it. ' : '"Log in" asks ' +
       'the practice\'s git server who you are. ') + 'A post saved as a draft stays private. "Publish" ' +
       'saves it; the site\'s checker looks at it first and says what to fix.',
    ];
    note.appendChild(heading);
    lines.forEach(function (line) {
      var p = document.createElement('p');
      p.textContent = line;
      note.appendChild(p);
    });
    button.parentNode.insertBefore(note, button);
  }
  new MutationObserver(welcome).observe(document.documentElement, { childList: true, subtree: true });

  UPLIFT.previewStyles.forEach(function (url) { CMS.registerPreviewStyle(url); });

  // What the checker found in each file at the last build (checks.json, written by the
  // preview's builds): {"content/articles/x.md": [{"line": 7, "message": "..."}]}.
  var checks = { at: 0, data: null };
  function loadChecks(done) {
    if (!UPLIFT.checksUrl) return done(null);
    if (checks.data && Date.now() - checks.at < 2000) return done(checks.data);
    fetch(UPLIFT.checksUrl, { cache: 'no-store' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { checks = { at: Date.now(), data: data }; done(data); })
      .catch(function () { done(null); });
  }

  // What the site will do with the entry, computed as the site does (its Status and its Date
  // against now in the site's zone).
  function siteStatus(entry) {
    var collection = entry.get('collection');
    if (collection !== 'articles' && collection !== 'pages') return null;
    var status = (entry.getIn(['data', 'status']) || 'published').toLowerCase();
    var date = String(entry.getIn(['data', 'date']) || '');
    if (status === 'published' && collection === 'articles' && date && date > siteNow(date.length > 10)) {
      return { status: 'scheduled', date: date };
    }
    return { status: status };
  }

  function statusLine(entry, saved) {
    var now = siteStatus(entry);
    if (!now) return null;
    var slug = entry.getIn(['data', 'slug']) || (entry.get('newRecord') ? '' : entry.get('slug')) ||
      window.pelicanSlug(entry.getIn(['data', 'title']) || '');
    var address = slug ? '/' + slug + '/' : 'its address';
    var words = {
      draft: ['Draft', 'Not on the site: only people with the files can see it.'],
      hidden: ['Hidden', 'On the site at ' + address + ', but not listed anywhere.'],
      scheduled: ['Scheduled', 'Appears on the site on ' + now.date + ' (' + ZONE_NAME + ').'],
      published: entry.get('newRecord') ? ['Published when saved', 'It will be on the site at ' + address + '.']
                                         : ['Published', 'On the site at ' + address + '.'],
    }[now.status] || ['Status: ' + now.status, ''];
    var children = [h('strong', { key: 's' }, words[0] + '. '), words[1]];
    if (saved === 'draft') {
      children.push(' Saved as a draft: the site\'s checks found something to fix before it can be published.');
    }
    if (now.status === 'published' && !entry.get('newRecord') && UPLIFT.local) {
      children.push(' ', h('a', { key: 'l', href: address, target: '_blank', rel: 'noopener' },
        'Open it on the preview site'));
    }
    return h('p', { className: 'uplift-status uplift-status--' + now.status }, children);
  }

  var Checks = window.createClass({
    getInitialState: function () { return { problems: null, typed: null }; },
    componentDidMount: function () {
      var self = this;
      this.refresh();
      this.timer = window.setInterval(function () { self.refresh(); }, 2000);
      this.listener = function (path) { if (path === self.props.path) self.refresh(); };
      listeners.push(this.listener);
    },
    componentWillUnmount: function () {
      window.clearInterval(this.timer);
      listeners.splice(listeners.indexOf(this.listener), 1);
    },
    refresh: function () {
      var self = this, path = this.props.path;
      this.setState({ typed: path ? results[path] || null : null });
      loadChecks(function (data) {
        self.setState({ problems: data && path ? (data[path] || []) : null });
      });
    },
    render: function () {
      var typed = this.state.typed, entry = this.props.entry;
      var status = statusLine(entry, typed && typed.savedAs);
      var banner = function (children) {
        return h('div', { className: 'status-banner editor-checks', role: 'status' }, status, children);
      };
      if (typed) {  // the checker on the entry as typed, at the last save
        if (!typed.problems.length) return banner(h('p', {}, 'The site\'s checks found nothing to fix.'));
        return banner([
          h('p', { key: 'h' }, typed.refused ? 'Not saved. Fix this first:' : 'To fix before publishing:'),
          h('ul', { key: 'l' }, typed.problems.map(function (problem, index) {
            return h('li', { key: index }, h('strong', {}, whereSaid(problem)), problem.message);
          }))]);
      }
      if (!this.props.path) {
        return banner(h('p', {}, 'The site\'s checker looks at it when you press Publish, before it is saved.'));
      }
      var problems = this.state.problems;
      if (problems === null) return banner(null);
      if (!problems.length) return banner(h('p', {}, 'The site\'s checks found nothing to fix in the saved file.'));
      return banner([
        h('p', { key: 'h' }, 'To fix before publishing (from the last build):'),
        h('ul', { key: 'l' }, problems.map(function (problem, index) {
          return h('li', { key: index }, problem.message);
        }))]);
    },
  });

  function text(entry, name) { return entry.getIn(['data', name]) || ''; }

  var ArticlePreview = window.createClass({
    render: function () {
      var entry = this.props.entry;
      var people = [text(entry, 'author') && 'By ' + text(entry, 'author'),
                    text(entry, 'date') && 'Published ' + text(entry, 'date'),
                    text(entry, 'reviewed_by') && 'Reviewed by ' + text(entry, 'reviewed_by')]
        .filter(Boolean);
      return h('main', { id: 'main' },
        h('article', { className: 'article' },
          h('div', { className: 'wrap' }, h(Checks, { path: entry.get('path'), entry: entry })),
          h('header', { className: 'article__header wrap' },
            h('h1', {}, text(entry, 'title')),
            h('p', { className: 'lede' }, text(entry, 'summary')),
            h('p', { className: 'byline' }, people.map(function (part, index) {
              return h('span', { key: index }, part);
            }))),
          h('div', { className: 'prose wrap' }, this.props.widgetFor('body'))));
    },
  });

  var PagePreview = window.createClass({
    render: function () {
      var entry = this.props.entry;
      return h('main', { id: 'main' },
        h('article', { className: 'page wrap' },
          h(Checks, { path: entry.get('path'), entry: entry }),
          h('h1', {}, text(entry, 'title') || text(entry, 'name')),
          h('p', { className: 'lede' }, text(entry, 'summary') || text(entry, 'description')),
          h('div', { className: 'prose' }, this.props.widgetFor('body'))));
    },
  });

  CMS.registerPreviewTemplate('articles', ArticlePreview);
  ['pages', 'topics', 'team'].forEach(function (name) { CMS.registerPreviewTemplate(name, PagePreview); });
})();
