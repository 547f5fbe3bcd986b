// Keyboard-driven review: Enter saves the field and moves to the next one needing review;
// focus selects a field's text, so typing replaces it; F2 opens the field's page large;
// after the last field to review the next submission of the same notice opens.
const ShenbaoReview = (() => {
  let opts = {};
  const table = () => document.getElementById('fields');
  const review = () => document.getElementById('review');
  const token = () => document.querySelector('meta[name="csrf-token"]').content;
  const viewer = {page: 0, key: '', back: null};

  function nextRow(row) {
    const rows = Array.from(table().querySelectorAll('tr.field-row'));
    const start = rows.indexOf(row);
    const after = rows.slice(start + 1).concat(rows.slice(0, start));
    return after.find(r => r.dataset.needs === '1') || rows[start + 1] || null;
  }

  function show(row, text, kind) {
    const box = row.querySelector('.field-message');
    box.textContent = text;
    box.className = 'small field-message text-' + kind;
  }

  function update(row, data) {
    row.dataset.version = data.version;
    row.dataset.status = data.status;
    row.className = 'field-row status-' + data.status;
    const needs = new Set(data.needs);
    for (const r of table().querySelectorAll('tr.field-row')) r.dataset.needs = needs.has(r.dataset.key) ? '1' : '0';
    const badge = row.querySelector('.field-status');
    badge.textContent = opts.labels[data.status] || data.status;
    badge.className = 'badge field-status badge-' + (opts.badges[data.status] || 'secondary');
    const input = row.querySelector('.field-input');
    input.value = data.value;
    input.dataset.original = data.value;
    document.getElementById('to-review').textContent = data.to_review;
    document.getElementById('completeness-value').textContent = Math.round(data.completeness) + '%';
    document.getElementById('open-findings').textContent = data.open_findings;
  }

  function focusField(input) {
    input.focus();
    if (input.select) input.select();
  }

  async function save(row) {
    const input = row.querySelector('.field-input');
    const wasNeeded = row.dataset.needs === '1';
    row.dataset.saving = '1';
    try {
      const res = await fetch(review().dataset.saveUrl, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRFToken': token()},
        body: JSON.stringify({key: row.dataset.key, value: input.value, version: row.dataset.version}),
      });
      const data = await res.json().catch(() => ({ok: false, error: res.statusText}));
      if (!data.ok) { show(row, data.error, 'danger'); focusField(input); return; }
      update(row, data);
      show(row, data.outcome === 'unchanged' ? opts.unchanged : (data.outcome === 'confirmed' ? opts.confirmed : opts.saved),
           data.outcome === 'unchanged' ? 'muted' : 'success');
      const nextUrl = review().dataset.nextUrl;
      if (wasNeeded && data.needs.length === 0 && nextUrl) {  // the last field to review: go on
        show(row, opts.goingOn, 'success');
        window.location.assign(nextUrl);
        return;
      }
      const next = nextRow(row);
      if (next) focusField(next.querySelector('.field-input'));
    } finally {
      delete row.dataset.saving;
    }
  }

  // -- the page viewer -------------------------------------------------------------------
  function openPage(page, key) {
    const pages = parseInt(review().dataset.pages, 10) || 0;
    if (!pages) return;
    viewer.page = Math.min(Math.max(page || 1, 1), pages);
    viewer.key = key || '';
    if (!viewer.back) viewer.back = document.activeElement;
    const url = review().dataset.pageUrl.replace(/\/0\.png$/, '/' + viewer.page + '.png');
    const img = document.getElementById('page-viewer-image');
    img.src = url + (viewer.key ? '?key=' + encodeURIComponent(viewer.key) : '');
    img.alt = document.getElementById('page-viewer-caption').textContent =
      opts.pageCaption.replace('{n}', viewer.page).replace('{m}', pages);
    const box = document.getElementById('page-viewer');
    box.hidden = false;
    box.dataset.page = viewer.page;
  }

  function closePage() {
    document.getElementById('page-viewer').hidden = true;
    if (viewer.back && viewer.back.focus) viewer.back.focus();
    viewer.back = null;
  }

  const viewerOpen = () => !document.getElementById('page-viewer').hidden;

  function pageOfFocus() {
    const row = document.activeElement && document.activeElement.closest && document.activeElement.closest('tr.field-row');
    return row ? [parseInt(row.dataset.page, 10) || 1, row.dataset.key] : [1, ''];
  }

  function onKey(ev) {
    if (ev.key === 'F2') {
      ev.preventDefault();
      if (viewerOpen()) closePage(); else openPage(...pageOfFocus());
      return;
    }
    if (!viewerOpen()) return;
    if (ev.key === 'Escape') { ev.preventDefault(); ev.stopPropagation(); closePage(); }
    else if (ev.key === 'ArrowRight' || ev.key === 'PageDown') { ev.preventDefault(); openPage(viewer.page + 1, viewer.key); }
    else if (ev.key === 'ArrowLeft' || ev.key === 'PageUp') { ev.preventDefault(); openPage(viewer.page - 1, viewer.key); }
  }

  function init(options) {
    opts = options;
    document.addEventListener('keydown', onKey, true);  // before the table's own keys
    table().addEventListener('focusin', (ev) => {
      if (ev.target.classList.contains('field-input') && ev.target.select) ev.target.select();
    });
    table().addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && ev.target.classList.contains('field-input')) {
        ev.target.value = ev.target.dataset.original;  // undo the typing, nothing is sent
        ev.target.select();
        return;
      }
      if (ev.key !== 'Enter' || ev.shiftKey || !ev.target.classList.contains('field-input')) return;
      ev.preventDefault();
      const row = ev.target.closest('tr.field-row');
      if (!row.dataset.saving) save(row);
    });
    table().addEventListener('click', (ev) => {
      const img = ev.target.closest('img.page-open');
      if (!img) return;
      const row = img.closest('tr.field-row');
      openPage(parseInt(img.dataset.page, 10), row ? row.dataset.key : '');
    });
    const box = document.getElementById('page-viewer');
    box.addEventListener('click', (ev) => {
      const turn = ev.target.dataset.turn;
      if (turn) openPage(viewer.page + parseInt(turn, 10), viewer.key);
      else if (ev.target.dataset.close || ev.target === box) closePage();
    });
    const first = table().querySelector('tr.field-row[data-needs="1"] .field-input');
    if (first) focusField(first);
  }
  return {init};
})();
