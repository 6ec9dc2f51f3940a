// Small DOM helpers: the client has no framework, and these keep element creation readable.

export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The page has no #${id}.`);
  return element as T;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<Pick<HTMLElementTagNameMap[K], "className" | "textContent" | "title">> & { data?: Record<string, string> } = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  const { data, ...rest } = properties;
  Object.assign(created, rest);
  if (data) for (const [key, value] of Object.entries(data)) created.dataset[key] = value;
  created.append(...children);
  return created;
}

export function show(target: HTMLElement, visible: boolean): void {
  target.classList.toggle("hidden", !visible);
}
