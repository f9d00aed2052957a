// app.js — the search page of brief-serve: plain JavaScript, no framework.
//
// The whole state is the page's URL (?q=&country=&sort=&offset=&like=…), so
// a search can be bookmarked and the back button works: every change pushes
// a new URL, and the page draws what the URL says (on load and on popstate).
// What the API offers is read from /api first: facets, filters and routes
// (similar briefs, date facets) are shown only when it offers them.
//
// Every value from the index or the request goes into the page as text
// (textContent, text nodes): never as HTML.
'use strict';

(function () {
  const PAGE_SIZE = 10;
  const DATE_FACETS = ['year', 'month'];   // drawn as a histogram, in date order
  const LABELS = {
    person: 'People', country: 'Countries', about: 'About', source: 'Sources',
    topic: 'Topics', year: 'Years', month: 'Months',
  };
  const CHIP_LABELS = {
    person: 'Person', country: 'Country', about: 'About', source: 'Source', topic: 'Topic',
    since: 'Since', until: 'Until', like: 'Like',
  };

  let api = null;          // /api: what the server offers
  let inFlight = null;     // the AbortController of the running search
  let names = {};          // "country:jp" → "Japan", from the results seen
  const $ = (id) => document.getElementById(id);

  // el('li', {class: 'hit'}, child, 'text', …): an element; strings become text.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  function filterFields() {
    return api ? api.search.filters : ['person', 'country', 'about', 'source', 'topic'];
  }

  // The request the URL asks for, as the API's parameters.
  function apiParams(state) {
    const allowed = new Set(api.search.parameters);
    const p = new URLSearchParams();
    for (const [k, v] of state) if (allowed.has(k) && k !== 'limit' && k !== 'facets') p.append(k, v);
    p.set('limit', String(PAGE_SIZE));
    p.set('facets', api.search.facets.join(','));
    return p;
  }

  // Go to a new state: one history entry per change.
  function go(state) {
    const query = state.toString();
    history.pushState(null, '', query ? '?' + query : location.pathname);
    draw();
  }

  function change(edit) {
    const state = new URLSearchParams(location.search);
    edit(state);
    go(state);
  }

  function removeValue(state, key, value) {
    const kept = state.getAll(key).filter((v) => v !== value);
    state.delete(key);
    for (const v of kept) state.append(key, v);
  }

  function addFilter(field, value) {
    change((s) => {
      if (!s.getAll(field).includes(value)) s.append(field, value);
      s.delete('offset');
    });
  }

  // ---------------------------------------------------------------- drawing

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function note(text, cls) {
    $('notes').append(el('p', { class: 'note ' + (cls || '') }, text));
  }

  function remember(field, id, name) {
    if (id && name) names[field + ':' + id] = name;
  }

  function drawChips(state) {
    const chips = $('chips');
    clear(chips);
    for (const field of [...filterFields(), 'since', 'until', 'like']) {
      for (const value of state.getAll(field)) {
        const shown = names[field + ':' + value] ||
          (field === 'about' && names['country:' + value]) || value;
        chips.append(el('button', {
          type: 'button', class: 'chip active', 'data-field': field,
          title: 'Remove this filter',
          onclick: () => change((s) => { removeValue(s, field, value); s.delete('offset'); }),
        }, (CHIP_LABELS[field] || field) + ': ' + shown, el('span', { 'aria-hidden': 'true' }, ' ×')));
      }
    }
  }

  // The snippet as text with <mark>s: highlights are byte ranges of its UTF-8.
  function snippetNode(text, ranges) {
    const p = el('p', { class: 'snippet' });
    const bytes = new TextEncoder().encode(text);
    const decode = (a, b) => new TextDecoder().decode(bytes.subarray(a, b));
    let at = 0;
    for (const [start, end] of ranges || []) {
      if (start < at || end > bytes.length) continue;
      p.append(decode(at, start), el('mark', null, decode(start, end)));
      at = end;
    }
    p.append(decode(at, bytes.length));
    return p;
  }

  function entityChip(field, id, name, extra) {
    remember(field, id, name);
    const clickable = filterFields().includes(field);
    return el(clickable ? 'button' : 'span', {
      type: 'button', class: 'chip ' + field + (extra || ''),
      title: clickable ? 'Only briefs with ' + name : '',
      onclick: clickable ? (e) => { e.stopPropagation(); addFilter(field, id); } : null,
    }, name);
  }

  async function openBrief(li, hit) {
    const shown = li.querySelector('.body');
    if (shown) {
      shown.remove();
      li.classList.remove('open');
      return;
    }
    li.classList.add('open');
    const body = el('div', { class: 'body' }, 'Loading…');
    li.append(body);
    try {
      const r = await fetch('/api/brief/' + encodeURIComponent(hit.id));
      const data = await r.json();
      body.textContent = r.ok ? (data.body || '(no text)') : data.error;
    } catch (e) {
      body.textContent = 'The brief could not be read: ' + e.message;
    }
  }

  function drawHit(hit) {
    const about = new Set(hit.about || []);
    const li = el('li', { class: 'hit', tabindex: '0', 'data-id': hit.id || '' });
    const title = el('a', {
      class: 'title', href: '#',
      onclick: (e) => { e.preventDefault(); openBrief(li, hit); },
    }, hit.title || '(untitled)');
    const meta = el('p', { class: 'meta' },
      [hit.date || 'no date', hit.source, hit.id].filter(Boolean).join(' · '));
    const ents = el('p', { class: 'entities' });
    for (const p of hit.people || []) ents.append(entityChip('person', p.id, p.name));
    const countries = (hit.countries || []).slice().sort((a, b) => a.name.localeCompare(b.name));
    for (const c of countries) ents.append(entityChip('country', c.code, c.name, about.has(c.code) ? ' about' : ''));
    for (const t of hit.topics || []) ents.append(entityChip('topic', t, t));
    li.append(el('h3', null, title), meta);
    if (ents.firstChild) li.append(ents);
    if (hit.snippet) li.append(snippetNode(hit.snippet, hit.highlights));
    if (api.routes && api.routes.similar && hit.id) {
      li.append(el('p', { class: 'actions' }, el('a', {
        class: 'similar', href: '?' + new URLSearchParams({ like: hit.id }),
        onclick: (e) => {
          e.preventDefault();
          e.stopPropagation();
          names['like:' + hit.id] = hit.title || hit.id;
          go(new URLSearchParams({ like: hit.id }));
        },
      }, 'Similar briefs')));
    }
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && e.target === li) { e.preventDefault(); openBrief(li, hit); }
    });
    return li;
  }

  function isDateFacet(name) {
    return DATE_FACETS.includes(name);
  }

  // The range a date bucket ("1987", "1987-03") stands for.
  function bucketRange(id) {
    return { since: id, until: id };
  }

  function drawHistogram(result) {
    const box = $('histogram');
    clear(box);
    box.hidden = true;
    const name = Object.keys(result.facets || {}).find(isDateFacet);
    if (!name) return;
    const values = result.facets[name].values || [];
    if (values.length === 0) return;
    const max = Math.max(1, ...values.map((v) => v.count));
    const bars = el('div', { class: 'bars', role: 'list' });
    for (const v of values) {
      const bar = el('button', {
        type: 'button', class: 'bar', role: 'listitem', 'data-value': v.id,
        title: (v.name || v.id) + ': ' + v.count,
        'aria-label': (v.name || v.id) + ': ' + v.count + ' briefs',
        onclick: () => change((s) => {
          const r = bucketRange(v.id);
          s.set('since', r.since);
          s.set('until', r.until);
          s.delete('offset');
        }),
      }, el('span', { class: 'fill' }), el('span', { class: 'label' }, v.name || v.id));
      bar.firstChild.style.height = Math.round((100 * v.count) / max) + '%';
      bars.append(bar);
    }
    box.append(el('h2', null, LABELS[name] || name), bars);
    box.hidden = false;
  }

  function drawFacets(result, state) {
    const aside = $('facets');
    clear(aside);
    for (const [name, facet] of Object.entries(result.facets || {})) {
      if (isDateFacet(name)) continue;
      const clickable = filterFields().includes(name);
      const chosen = new Set(state.getAll(name));
      const list = el('ul');
      for (const v of facet.values || []) {
        remember(name, v.id, v.name);
        const label = [el('span', { class: 'name' }, v.name || v.id), el('span', { class: 'count' }, String(v.count))];
        list.append(el('li', null, clickable
          ? el('button', {
            type: 'button', class: chosen.has(v.id) ? 'value chosen' : 'value', 'data-value': v.id,
            onclick: () => addFilter(name, v.id),
          }, ...label)
          : el('span', { class: 'value' }, ...label)));
      }
      const shown = (facet.values || []).length;
      aside.append(el('section', { class: 'facet', 'data-facet': name },
        el('h2', null, LABELS[name] || name),
        el('p', { class: 'distinct' }, (shown < facet.distinct
          ? 'top ' + shown + ' of ' + facet.distinct : facet.distinct + ' in all')
          + (facet.none ? '; ' + facet.none + ' with none' : '')),
        list));
    }
  }

  function drawPages(result, state) {
    const nav = $('pages');
    clear(nav);
    const total = result.total.estimated;
    const offset = result.offset;
    const pageButton = (label, to, rel) => el('button', {
      type: 'button', class: 'page', rel,
      onclick: () => change((s) => { if (to) s.set('offset', String(to)); else s.delete('offset'); }),
    }, label);
    if (offset > 0) nav.append(pageButton('← Previous', Math.max(0, offset - PAGE_SIZE), 'prev'));
    if (total > PAGE_SIZE) {
      nav.append(el('span', { class: 'where' }, 'Page ' + (Math.floor(offset / PAGE_SIZE) + 1) +
        ' of ' + Math.ceil(total / PAGE_SIZE)));
    }
    if (offset + result.hits.length < total) nav.append(pageButton('Next →', offset + PAGE_SIZE, 'next'));
    void state;
  }

  function drawResult(result, state) {
    const hits = $('hits');
    clear(hits);
    clear($('notes'));
    for (const h of result.hints || []) note(h, 'hint');
    if (result.suggestion) {
      $('notes').append(el('p', { class: 'note suggestion' }, 'Did you mean: ',
        el('a', {
          href: '?' + new URLSearchParams({ q: result.suggestion }), class: 'suggest',
          onclick: (e) => { e.preventDefault(); change((s) => { s.set('q', result.suggestion); s.delete('offset'); }); },
        }, result.suggestion), '?'));
    }
    const total = result.total.estimated;
    const first = result.offset + 1;
    const last = result.offset + result.hits.length;
    note(total === 0 ? 'No brief matches.'
      : (result.total.exact ? '' : 'About ') + total.toLocaleString('en') +
        (total === 1 ? ' brief matches' : ' briefs match') +
        (result.hits.length ? '; showing ' + first + '–' + last + '.' : '.'), 'total');
    for (const hit of result.hits) hits.append(drawHit(hit));
    drawFacets(result, state);
    drawHistogram(result);
    drawChips(state);
    drawPages(result, state);
  }

  function drawError(message) {
    clear($('hits'));
    clear($('notes'));
    clear($('pages'));
    note(message, 'error');
  }

  async function draw() {
    const state = new URLSearchParams(location.search);
    $('q').value = state.get('q') || '';
    $('sort').value = state.get('sort') || 'relevance';
    const like = state.get('like');
    document.title = (like ? 'Like ' + (names['like:' + like] || like)
      : state.get('q') ? state.get('q') : 'Search') + ' · briefs';
    drawChips(state);
    if (inFlight) inFlight.abort();
    inFlight = new AbortController();
    const params = apiParams(state);
    const url = like && api.routes.similar
      ? '/api/similar/' + encodeURIComponent(like) + '?' + params
      : '/api/search?' + params;
    document.body.classList.add('loading');
    try {
      const r = await fetch(url, { signal: inFlight.signal });
      const data = await r.json();
      if (r.ok) drawResult(data, state);
      else if (r.status === 503) drawError('The index cannot be read just now (' + data.error + '). Try again in a moment.');
      else drawError(data.error || ('Error ' + r.status));
    } catch (e) {
      if (e.name === 'AbortError') return;   // a newer search took its place
      drawError('The server did not answer: ' + e.message);
    }
    document.body.classList.remove('loading');
    // How many searches have been drawn: tests wait for it to move.
    document.body.dataset.draws = String(Number(document.body.dataset.draws || 0) + 1);
  }

  // ---------------------------------------------------------------- keyboard

  function resultItems() {
    return Array.from(document.querySelectorAll('#hits > li.hit'));
  }

  function onKey(e) {
    const t = e.target;
    const typing = t instanceof HTMLInputElement || t instanceof HTMLSelectElement ||
      t instanceof HTMLTextAreaElement;
    if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      $('q').focus();
      $('q').select();
      return;
    }
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !(t instanceof HTMLSelectElement)) {
      const items = resultItems();
      if (items.length === 0) return;
      const at = items.indexOf(t.closest ? t.closest('li.hit') : null);
      let next;
      if (at < 0) next = e.key === 'ArrowDown' ? 0 : -1;
      else next = at + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) {
        if (at === 0) { e.preventDefault(); $('q').focus(); }
        return;
      }
      if (next >= items.length) return;
      e.preventDefault();
      items[next].focus();
    }
  }

  // ---------------------------------------------------------------- start

  async function start() {
    $('search').addEventListener('submit', (e) => {
      e.preventDefault();
      change((s) => {
        const q = $('q').value.trim();
        if (q) s.set('q', q); else s.delete('q');
        s.delete('offset');
        s.delete('like');
      });
    });
    $('sort').addEventListener('change', () => change((s) => {
      const v = $('sort').value;
      if (v === 'relevance') s.delete('sort'); else s.set('sort', v);
      s.delete('offset');
    }));
    document.addEventListener('keydown', onKey);
    window.addEventListener('popstate', draw);
    try {
      const r = await fetch('/api');
      api = await r.json();
    } catch (e) {
      drawError('The server did not answer: ' + e.message);
      return;
    }
    draw();
  }

  start();
}());
