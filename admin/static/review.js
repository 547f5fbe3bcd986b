// Keyboard-driven review: Enter saves the field and moves to the next one needing review.
const ShenbaoReview = (() => {
  let opts = {};
  const table = () => document.getElementById('fields');
  const token = () => document.querySelector('meta[name="csrf-token"]').content;

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

  async function save(row) {
    const input = row.querySelector('.field-input');
    row.dataset.saving = '1';
    try {
      const res = await fetch(document.getElementById('review').dataset.saveUrl, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRFToken': token()},
        body: JSON.stringify({key: row.dataset.key, value: input.value, version: row.dataset.version}),
      });
      const data = await res.json().catch(() => ({ok: false, error: res.statusText}));
      if (!data.ok) { show(row, data.error, 'danger'); input.focus(); return; }
      update(row, data);
      show(row, data.outcome === 'unchanged' ? opts.unchanged : (data.outcome === 'confirmed' ? opts.confirmed : opts.saved),
           data.outcome === 'unchanged' ? 'muted' : 'success');
      const next = nextRow(row);
      if (next) { const field = next.querySelector('.field-input'); field.focus(); field.select && field.select(); }
    } finally {
      delete row.dataset.saving;
    }
  }

  function init(options) {
    opts = options;
    table().addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && ev.target.classList.contains('field-input')) {
        ev.target.value = ev.target.dataset.original;  // undo the typing, nothing is sent
        return;
      }
      if (ev.key !== 'Enter' || ev.shiftKey || !ev.target.classList.contains('field-input')) return;
      ev.preventDefault();
      const row = ev.target.closest('tr.field-row');
      if (!row.dataset.saving) save(row);
    });
    const first = table().querySelector('tr.field-row[data-needs="1"] .field-input');
    if (first) first.focus();
  }
  return {init};
})();
