/* The Uplift editor's registrations, loaded after decap-cms.js (window.CMS) and
 * site.js (window.UPLIFT: written by each build, see uplift/editor/admin.py).
 *
 * 1. "pelican": the site's own file format (pelican-format.js).
 * 2. New posts get the slug the site makes (pelican-slug.js), unless one is typed.
 * 3. The preview pane looks like the site (its stylesheet, an article layout) and
 *    lists what the site's checker says about the saved file, in its own words.
 */
(function () {
  'use strict';
  var CMS = window.CMS;
  var UPLIFT = window.UPLIFT || {};
  var h = window.h;

  CMS.registerCustomFormat('pelican', 'md', window.PelicanFormat);

  // preSave runs before Decap names the file from the collection's "{{fields.slug}}".
  CMS.registerEventListener({
    name: 'preSave',
    handler: function (args) {
      var entry = args.entry;
      if (!entry.get('newRecord')) return undefined;  // an existing file keeps its name and slug
      if (UPLIFT.sluggedCollections.indexOf(entry.get('collection')) < 0) return undefined;
      var data = entry.get('data');
      var typed = (data.get('slug') || '').trim();
      var named = data.get('title') || data.get('name') || '';
      return data.set('slug', typed || window.pelicanSlug(named));  // the new data (an Immutable Map)
    },
  });

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

  var Checks = window.createClass({
    getInitialState: function () { return { problems: null }; },
    componentDidMount: function () {
      var self = this;
      this.refresh();
      this.timer = window.setInterval(function () { self.refresh(); }, 2000);
    },
    componentWillUnmount: function () { window.clearInterval(this.timer); },
    refresh: function () {
      var self = this, path = this.props.path;
      loadChecks(function (data) {
        self.setState({ problems: data && path ? (data[path] || []) : null });
      });
    },
    render: function () {
      var problems = this.state.problems;
      if (!this.props.path) {
        return h('div', { className: 'status-banner', role: 'note' },
          h('p', {}, 'The site checks links, images and markup when the post is saved.'));
      }
      if (problems === null) return null;
      if (!problems.length) {
        return h('div', { className: 'status-banner editor-checks', role: 'note' },
          h('p', {}, 'The site\'s checks found nothing to fix in the saved file.'));
      }
      return h('div', { className: 'status-banner editor-checks', role: 'note' },
        h('p', {}, 'Fix before publishing:'),
        h('ul', {}, problems.map(function (problem, index) {
          return h('li', { key: index }, 'Line ' + problem.line + ': ' + problem.message);
        })));
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
          h('div', { className: 'wrap' }, h(Checks, { path: entry.get('path') })),
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
          h(Checks, { path: entry.get('path') }),
          h('h1', {}, text(entry, 'title') || text(entry, 'name')),
          h('p', { className: 'lede' }, text(entry, 'summary') || text(entry, 'description')),
          h('div', { className: 'prose' }, this.props.widgetFor('body'))));
    },
  });

  CMS.registerPreviewTemplate('articles', ArticlePreview);
  ['pages', 'topics', 'team'].forEach(function (name) { CMS.registerPreviewTemplate(name, PagePreview); });
})();
