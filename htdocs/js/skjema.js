/* skjema.js: the survey form, live. The form works without this file: the server shows
 * follow-up questions, colours and errors when a tab is saved. With it, the same XPath
 * rules of the year's definition (carried in data-show, data-when) run in the browser on
 * the answers as they are given: follow-ups appear at once, the levekårsindeks and the
 * tab's colour follow the answers, and leaving with unsaved changes asks first. */
(function () {
  'use strict';

  var form = document.getElementById('skjema');
  if (!form || !window.DOMParser || !document.evaluate) {
    return;
  }
  var SKIP = { csrf: 1, id: 1, versjon: 1, fane: 1, handling: 1, gaa: 1 };

  /* The record as the server would store it: the stored record (data-context) with this
   * tab's answers taken from its inputs, minus the answers of questions that are hidden. */
  function record(hidden) {
    var doc = new DOMParser().parseFromString(form.getAttribute('data-context') ||
      '<kartlegging/>', 'application/xml');
    var root = doc.documentElement;
    var els = form.elements;
    var services = {};
    var mine = {};
    for (var k = 0; k < els.length; k++) {
      if (els[k].name && !SKIP[els[k].name]) {
        mine[els[k].name.split('.')[0]] = 1;
      }
    }
    for (var c = root.firstElementChild; c;) {
      var next = c.nextElementSibling;
      if (mine[c.nodeName]) {
        root.removeChild(c);
      }
      c = next;
    }
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      var name = el.name;
      if (!name || SKIP[name] || hidden[name.split('.')[0]]) {
        continue;
      }
      if (name.indexOf('.') > 0) {
        var parts = name.split('.');
        if (el.checked) {
          var svc = services[parts[0]];
          if (!svc) {
            svc = services[parts[0]] = doc.createElement(parts[0]);
            root.appendChild(svc);
          }
          svc.setAttribute(parts[1], el.value);
        }
        continue;
      }
      var value = null;
      if (el.type === 'radio' || el.type === 'checkbox') {
        value = el.checked ? el.value : null;
      } else if (el.value.trim() !== '') {
        value = el.value.trim();
      }
      if (value !== null) {
        var n = doc.createElement(name);
        n.textContent = value;
        root.appendChild(n);
      }
    }
    return doc;
  }

  function holds(doc, expr) {
    try {
      return doc.evaluate(expr, doc.documentElement, null, XPathResult.BOOLEAN_TYPE, null)
        .booleanValue;
    } catch (e) {
      return true;	/* an expression this browser cannot run: show, the server decides */
    }
  }

  function answered(doc, id) {
    return holds(doc, 'count(' + id + ') > 0');
  }

  /* Show what the rules show; hidden questions' answers do not count, which can hide
   * their own follow-ups: repeat until nothing changes. */
  function showFollowUps() {
    var nodes = form.querySelectorAll('[data-show]');
    var hidden = {};
    var doc;
    for (var round = 0; round < 8; round++) {
      var changed = false;
      doc = record(hidden);
      for (var i = 0; i < nodes.length; i++) {
        var shown = holds(doc, nodes[i].getAttribute('data-show'));
        var id = nodes[i].getAttribute('data-item');
        if (id && !!hidden[id] === shown) {
          changed = true;
          if (shown) {
            delete hidden[id];
          } else {
            hidden[id] = true;
          }
        }
        nodes[i].hidden = !shown;
      }
      if (!changed) {
        break;
      }
    }
    /* a group shows when one of its questions does */
    var groups = form.querySelectorAll('section.group');
    for (var g = 0; g < groups.length; g++) {
      if (groups[g].hasAttribute('data-show') && groups[g].hidden) {
        continue;
      }
      groups[g].hidden = !groups[g].querySelector('.item:not([hidden])');
    }
    return { doc: doc, hidden: hidden };
  }

  function levekarsindeks(doc) {
    var box = document.getElementById('bp-index');
    var out = document.getElementById('bp-index-value');
    var groups = document.getElementById('bp-index-groups');
    if (!box || !out || !groups) {
      return;
    }
    var areas = box.getAttribute('data-areas').split(' ');
    for (var i = 0; i < areas.length; i++) {
      if (!answered(doc, areas[i])) {
        out.textContent = 'vises når alle de åtte levekårsområdene er besvart';
        out.className = 'index-';
        return;
      }
    }
    var list = groups.content.querySelectorAll('[data-group]');
    for (var j = 0; j < list.length; j++) {
      if (holds(doc, list[j].getAttribute('data-when'))) {
        out.textContent = list[j].textContent;
        out.className = 'index-' + list[j].getAttribute('data-group');
        return;
      }
    }
  }

  var dirty = false;		/* answers changed since the page came */
  var submitting = false;

  /* This tab's colour and its contradictions, as the server will see them. */
  var announced = {};
  function check(state, quiet) {
    var doc = state.doc;
    var bad = 0;
    var items = form.querySelectorAll('.item[data-mandatory]');
    for (var i = 0; i < items.length; i++) {
      if (!items[i].hidden && !answered(doc, items[i].getAttribute('data-item'))) {
        bad++;
      }
    }
    var live = form.querySelectorAll('.live');
    for (var k = 0; k < live.length; k++) {
      live[k].hidden = true;
      live[k].textContent = '';
    }
    var rules = document.getElementById('bp-rules');
    var fresh = [];
    if (rules) {
      var list = rules.content.querySelectorAll('li');
      for (var j = 0; j < list.length; j++) {
        var field = list[j].getAttribute('data-field');
        var kind = list[j].getAttribute('data-kind');
        if (state.hidden[field] || !holds(doc, list[j].getAttribute('data-when'))) {
          delete announced[field + kind];
          continue;
        }
        var p = document.getElementById('l-' + field);
        if (p) {
          p.hidden = false;
          p.textContent = (kind === 'obs' ? 'Obs: ' : '') + list[j].textContent;
          p.className = (kind === 'obs' ? 'obs-note' : 'field-error') + ' live';
        }
        if (kind !== 'obs') {
          bad++;
        }
        if (!announced[field + kind]) {
          announced[field + kind] = true;
          fresh.push(list[j].textContent);
        }
      }
    }
    /* a tab not yet saved stays grey until something in it is answered: then it shows
     * what a save would make of it */
    var tab = form.querySelector('.tabs [aria-current]');
    if (tab && (tab.className.indexOf('tab-grey') < 0 || dirty)) {
      tab.className = tab.className.replace(/tab-(grey|green|red)/, bad ? 'tab-red' : 'tab-green');
      var st = tab.querySelector('.tab-state');
      if (st) {
        st.textContent = bad ? ', mangler svar eller har feil' : ', ferdig';
      }
    }
    var region = document.getElementById('bp-live');
    if (region && fresh.length && !quiet) {
      region.textContent = fresh.join(' ');
    }
  }

  function update() {
    var state = showFollowUps();
    levekarsindeks(state.doc);
    check(state);
  }

  /* unsaved changes: ask before leaving by any way but this form's buttons */
  form.addEventListener('change', function () {
    dirty = true;
    update();
  });
  form.addEventListener('input', function () {
    dirty = true;
  });
  form.addEventListener('submit', function () {
    submitting = true;
  });
  window.addEventListener('beforeunload', function (e) {
    if (dirty && !submitting) {
      e.preventDefault();
      e.returnValue = '';
    }
  });

  /* first contradictions are the server's: do not announce them again */
  var first = showFollowUps();
  levekarsindeks(first.doc);
  check(first, true);
  var summary = document.getElementById('fanefeil');
  if (summary && summary.getAttribute('role') === 'alert') {
    summary.focus();
  }
})();
