/**
 * The public register search page (issue 10 item 6): plain HTML, a small same-origin script and stylesheet, no
 * framework, no inline script or style (so the Content-Security-Policy needs no exception). It calls the public
 * `professionalStatusRegister` query with GET (cacheable by a CDN) and pages with the connection's cursor.
 */
export const REGISTER_HTML = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Professional Status Register - Society for Education and Training</title>
<link rel="stylesheet" href="/register/register.css">
<script src="/register/register.js" defer></script>
</head>
<body>
<a class="skip" href="#results-heading">Skip to results</a>
<header><p class="org">Society for Education and Training</p></header>
<main>
<h1>Professional Status Register</h1>
<p>Search for a holder of Advanced Teacher Status (ATS) or Qualified Teacher Learning and Skills (QTLS) status. The register shows each listed holder's full name, membership number, membership status, grade and titles.</p>
<form id="search" role="search" novalidate>
  <div class="field">
    <label for="q">Name or membership number</label>
    <p id="q-hint" class="hint">At least two letters of a surname, forename or full name (for example "Smith" or "Zoe Smith"), or a membership number such as SET1000001.</p>
    <input id="q" name="q" type="search" autocomplete="off" spellcheck="false" aria-describedby="q-hint q-error" maxlength="100" required>
    <p id="q-error" class="error" hidden></p>
  </div>
  <div class="field">
    <label for="title">Status</label>
    <select id="title" name="title">
      <option value="">Any status</option>
      <option value="ATS">Advanced Teacher Status (ATS)</option>
      <option value="QTLS">QTLS</option>
    </select>
  </div>
  <button type="submit">Search</button>
</form>
<section aria-labelledby="results-heading">
  <h2 id="results-heading" tabindex="-1">Results</h2>
  <p id="status" role="status" aria-live="polite" aria-atomic="true"></p>
  <ol id="results" class="results"></ol>
  <nav aria-label="Result pages" class="pager">
    <button type="button" id="prev" hidden>Previous page</button>
    <button type="button" id="next" hidden>Next page</button>
  </nav>
</section>
</main>
</body>
</html>
`;

export const REGISTER_CSS = `body{font-family:system-ui,Arial,sans-serif;line-height:1.5;margin:0;color:#0b0c0c;background:#fff}
main{max-width:48rem;margin:0 auto;padding:1rem}
header{background:#0b0c0c;color:#fff;padding:.5rem 1rem}.org{margin:0;font-weight:bold}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#ffdd00;color:#0b0c0c;padding:.5rem}
label{display:block;font-weight:bold}.hint{color:#505a5f;margin:.25rem 0}.field{margin-bottom:1rem}
input,select{font-size:1rem;padding:.4rem;border:2px solid #0b0c0c;width:100%;max-width:30rem;box-sizing:border-box}
button{font-size:1rem;padding:.5rem 1rem;background:#00703c;color:#fff;border:0;cursor:pointer;margin-right:.5rem}
a:focus,input:focus,select:focus,button:focus,h2:focus{outline:3px solid #ffdd00;outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}
.error{color:#d4351c;font-weight:bold}.results{padding-left:1.5rem}.results li{margin:.75rem 0;padding-bottom:.5rem;border-bottom:1px solid #b1b4b6}
.name{font-weight:bold;font-size:1.1rem}dl{margin:.25rem 0;display:grid;grid-template-columns:max-content 1fr;gap:0 1rem}dt{color:#505a5f}dd{margin:0}
`;

export const REGISTER_JS = `(function () {
  'use strict';
  var QUERY = 'query Register($name: String, $membershipNumber: String, $title: StatusTitle, $first: Int, $after: String) {' +
    ' professionalStatusRegister(name: $name, membershipNumber: $membershipNumber, title: $title, first: $first, after: $after) {' +
    ' totalCount pageInfo { endCursor hasNextPage } nodes { fullName membershipNumber membershipStatus grade titles } } }';
  var PAGE = 20;
  var TITLES = { ATS: 'Advanced Teacher Status (ATS)', QTLS: 'Qualified Teacher Learning and Skills (QTLS)' };
  var state = { vars: null, cursors: [null], page: 0 };
  var el = {};

  function text(tag, value, cls) { var n = document.createElement(tag); n.textContent = value; if (cls) n.className = cls; return n; }
  function words(s) { return String(s).charAt(0) + String(s).slice(1).toLowerCase(); }

  function render(result) {
    el.results.textContent = '';
    result.nodes.forEach(function (entry) {
      var li = document.createElement('li');
      li.appendChild(text('p', entry.fullName, 'name'));
      var dl = document.createElement('dl');
      [['Membership number', entry.membershipNumber], ['Membership status', words(entry.membershipStatus)], ['Grade', words(entry.grade)],
       ['Status', entry.titles.map(function (t) { return TITLES[t] || t; }).join(', ')]].forEach(function (pair) {
        dl.appendChild(text('dt', pair[0])); dl.appendChild(text('dd', pair[1]));
      });
      li.appendChild(dl);
      el.results.appendChild(li);
    });
    var total = result.totalCount;
    var from = state.page * PAGE + 1;
    el.status.textContent = total === 0 ? 'No holders found.' :
      (total === 1 ? '1 holder found.' : total + ' holders found. Showing ' + from + ' to ' + (from + result.nodes.length - 1) + '.');
    state.cursors[state.page + 1] = result.pageInfo.endCursor;
    el.next.hidden = !result.pageInfo.hasNextPage;
    el.prev.hidden = state.page === 0;
  }

  function load() {
    var vars = Object.assign({ first: PAGE, after: state.cursors[state.page] }, state.vars);
    var url = '/graphql?operationName=Register&query=' + encodeURIComponent(QUERY) + '&variables=' + encodeURIComponent(JSON.stringify(vars));
    el.status.textContent = 'Searching…';
    return fetch(url, { headers: { 'apollo-require-preflight': 'true', accept: 'application/json' } })
      .then(function (res) { return res.json(); })
      .then(function (body) {
        if (body.errors && body.errors.length) { showError(body.errors[0].message); el.results.textContent = ''; el.status.textContent = ''; return; }
        render(body.data.professionalStatusRegister);
      })
      .catch(function () { el.status.textContent = 'The register could not be searched just now. Try again.'; });
  }

  function showError(message) { el.error.textContent = message; el.error.hidden = !message; el.q.setAttribute('aria-invalid', message ? 'true' : 'false'); if (message) el.q.focus(); }

  function onSubmit(event) {
    event.preventDefault();
    var q = el.q.value.trim();
    var stripped = q.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/[^A-Za-z0-9]/g, '');
    if (stripped.length < 2) { showError('Enter at least two letters of a name, or a membership number.'); return; }
    showError('');
    var isNumber = /^[A-Za-z]{0,4}[0-9]{4,}$/.test(q.replace(/\\s+/g, ''));
    state.vars = isNumber ? { membershipNumber: q } : { name: q };
    if (el.title.value) state.vars.title = el.title.value;
    state.cursors = [null]; state.page = 0;
    load();
  }

  document.addEventListener('DOMContentLoaded', function () {
    ['q', 'title', 'results', 'status', 'next', 'prev'].forEach(function (id) { el[id] = document.getElementById(id); });
    el.error = document.getElementById('q-error');
    document.getElementById('search').addEventListener('submit', onSubmit);
    el.next.addEventListener('click', function () { state.page += 1; load().then(function () { document.getElementById('results-heading').focus(); }); });
    el.prev.addEventListener('click', function () { state.page = Math.max(0, state.page - 1); load().then(function () { document.getElementById('results-heading').focus(); }); });
  });
})();
`;
