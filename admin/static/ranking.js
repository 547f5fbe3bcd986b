// The 推荐排序 page: drag a recommended row to a new place; the new order is saved at once.
(function () {
  const table = document.getElementById("ranking");
  const body = document.getElementById("chosen-rows");
  if (!table || !body) return;
  let dragged = null;
  body.addEventListener("dragstart", (e) => {
    dragged = e.target.closest("tr.ranked");
    if (dragged) e.dataTransfer.effectAllowed = "move";
  });
  body.addEventListener("dragover", (e) => {
    const over = e.target.closest("tr.ranked");
    if (!dragged || !over || over === dragged) return;
    e.preventDefault();
    const box = over.getBoundingClientRect();
    body.insertBefore(dragged, e.clientY < box.top + box.height / 2 ? over : over.nextSibling);
  });
  body.addEventListener("drop", (e) => e.preventDefault());
  body.addEventListener("dragend", () => {
    if (!dragged) return;
    dragged = null;
    const ids = Array.from(body.querySelectorAll("tr.ranked")).map((tr) => Number(tr.dataset.id));
    fetch(table.dataset.orderUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": table.dataset.csrf },
      body: JSON.stringify({ ids: ids }),
    })
      .then((r) => r.json())
      .then((data) => {
        if (!data.ok) alert(data.error);
        window.location.reload();
      });
  });
})();
