/** Typed access to the page's elements: a missing or mistyped element is a bug in index.html, said loudly. */

/** The element with `id`, checked to be a `type`. */
export function byId<T extends HTMLElement>(id: string, type: new () => T): T {
  const node = document.getElementById(id);
  if (!(node instanceof type)) throw new Error(`index.html: #${id} is missing or not a ${type.name}`);
  return node;
}

/** Replaces the options of `select` with `labels` (values are the indices) and selects `selected`. */
export function setOptions(select: HTMLSelectElement, labels: readonly string[], selected: number): void {
  select.replaceChildren(
    ...labels.map((label, i) => {
      const option = document.createElement('option');
      option.value = String(i);
      option.textContent = label;
      return option;
    }),
  );
  select.value = String(Math.min(selected, labels.length - 1));
}
