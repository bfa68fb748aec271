// dom: small helpers to build elements, and the one place where server
// markup enters the page: only text and <mark> survive.

// el('a', {href: '/', class: 'x'}, 'text', child...) -> HTMLElement. Keys
// starting with "on" add listeners; `dataset` sets data-* attributes.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'text') node.textContent = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined && value !== null) node.setAttribute(key, value);
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  return node;
}

// The server's title_html and snippet are HTML-escaped text with <mark>
// around matches. Parsed in an inert <template>, then rebuilt from text and
// <mark> elements only, so nothing else could ever reach the document.
export function highlighted(html) {
  const template = document.createElement('template');
  template.innerHTML = html || '';
  const out = document.createDocumentFragment();
  const copy = (from, to) => {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) to.append(node.data);
      else if (node.nodeName === 'MARK') copy(node, to.appendChild(document.createElement('mark')));
      else copy(node, to);
    }
  };
  copy(template.content, out);
  return out;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}
