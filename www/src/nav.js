// The site's pages, listed once: every page's navigation is filled from here, with the
// page being shown marked as current.
import { h } from './dom.js';

const PAGES = [
  ['/', 'Home'],
  ['/webhooks', 'Webhooks'],
  ['/search', 'Search'],
  ['/invoices', 'Invoices'],
  ['/reports', 'Reports'],
  ['/deliveries', 'Deliveries'],
];

const here = location.pathname.replace(/(\/index)?\.html$/, '') || '/';
document.querySelector('nav[aria-label="Pages"]').replaceChildren(
  h('ul', {}, PAGES.map(([href, label]) => h('li', {}, h('a', { href, 'aria-current': href === here && 'page' }, label)))),
);
