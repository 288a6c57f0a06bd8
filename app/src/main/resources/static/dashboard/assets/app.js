// The dashboard: one page, routes after '#'. Each route's module renders into <main> and
// returns a function that stops its live updates when the route changes.
import { connect, h, put, errorBox } from './api.js';
import { overview } from './overview.js';
import { queues, queuePage } from './queues.js';
import { jobs, jobPage } from './jobs.js';
import { schedules } from './schedules.js';
import { alerts } from './alerts.js';
import { limits } from './limits.js';
import { audit } from './audit.js';

const routes = [
	[/^\/?$/, overview, 'Overview'],
	[/^\/queues$/, queues, 'Queues'],
	[/^\/queues\/(.+)$/, queuePage, 'Queue'],
	[/^\/jobs$/, jobs, 'Jobs'],
	[/^\/jobs\/(.+)$/, jobPage, 'Job'],
	[/^\/schedules$/, schedules, 'Schedules'],
	[/^\/alerts$/, alerts, 'Alerts'],
	[/^\/limits$/, limits, 'Limits'],
	[/^\/audit$/, audit, 'Audit log'],
];

let stop = () => {};

async function show() {
	const started = performance.now();
	const [path, query = ''] = location.hash.replace(/^#/, '').split('?');
	const params = new URLSearchParams(query);
	const main = document.getElementById('main');
	stop();
	stop = () => {};
	for (const link of document.querySelectorAll('#nav a')) {
		const target = link.getAttribute('href').slice(1);
		const current = target === '/' ? path === '/' || path === '' : path.startsWith(target);
		if (current) {
			link.setAttribute('aria-current', 'page');
		} else {
			link.removeAttribute('aria-current');
		}
	}
	for (const [pattern, page, title] of routes) {
		const match = pattern.exec(path);
		if (match) {
			document.title = `${title} · Batchyard`;
			put(main, h('p', { class: 'loading' }, 'Loading…'));
			try {
				stop = (await page(main, decodeURIComponent(match[1] ?? ''), params)) ?? (() => {});
			} catch (e) {
				put(main, h('h1', {}, title), errorBox(e));
			}
			// when the route's page was drawn, for tests and the bench: ms since the
			// route changed, and since the page began to load
			document.body.dataset.rendered = location.hash || '#/';
			document.body.dataset.renderMs = (performance.now() - started).toFixed(1);
			document.body.dataset.renderedAt = performance.now().toFixed(1);
			return;
		}
	}
	put(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the overview')));
}

window.addEventListener('hashchange', () => {
	show();
	document.getElementById('main').focus({ preventScroll: true });
});
connect();
show();
