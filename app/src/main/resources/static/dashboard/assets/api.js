// The dashboard's only way to the server: the public GraphQL API with the browser's
// session (POST /graphql with the session's CSRF token; subscriptions over the WebSocket
// at /graphql, graphql-transport-ws). Also the small DOM helpers every page uses.

const meta = (name) => document.querySelector(`meta[name="${name}"]`);

export const base = meta('batchyard-base')?.content ?? '';
const csrf = meta('batchyard-csrf');
export const user = meta('batchyard-user')?.content ?? '';
export const isAdmin = meta('batchyard-user')?.dataset.role === 'ADMIN';

/** A GraphQL error: code from extensions.code, message for a person. */
export class ApiError extends Error {
	constructor(message, code, argument) {
		super(message);
		this.code = code;
		this.argument = argument;
	}
}

/** Runs a query or mutation; resolves to data, rejects with an ApiError. */
export async function gql(query, variables = {}) {
	const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
	if (csrf?.content) {
		headers[csrf.dataset.header || 'X-CSRF-TOKEN'] = csrf.content;
	}
	let response;
	try {
		response = await fetch(`${base}/graphql`, {
			method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify({ query, variables }),
		});
	} catch (e) {
		throw new ApiError('The server cannot be reached', 'NETWORK');
	}
	if (response.status === 401 || (response.status === 403 && !isJson(response))) {
		// the session ended (or its CSRF token no longer fits): log in again
		window.location.assign(`${base}/login`);
		throw new ApiError('Your session has ended', 'UNAUTHORIZED');
	}
	const body = await response.json().catch(() => ({}));
	if (response.status === 403) {
		window.location.assign(`${base}/login`);
		throw new ApiError(body.errors?.[0]?.message ?? 'Forbidden', 'FORBIDDEN');
	}
	if (body.errors?.length) {
		const first = body.errors[0];
		throw new ApiError(first.message, first.extensions?.code ?? 'ERROR', first.extensions?.argument);
	}
	return body.data;
}

function isJson(response) {
	return (response.headers.get('Content-Type') ?? '').includes('json');
}

let fieldsOfQuery;

/** Whether the schema has a query field (pages for operations other issues add). */
export async function hasQuery(name) {
	if (!fieldsOfQuery) {
		fieldsOfQuery = gql('{ __type(name: "Query") { fields { name } } }')
			.then((data) => new Set(data.__type.fields.map((f) => f.name)))
			.catch(() => new Set());
	}
	return (await fieldsOfQuery).has(name);
}

// ---- live updates: one WebSocket for every subscription, polling if it fails ----

const listeners = new Map(); // subscription name -> Set of callbacks
const SUBSCRIPTIONS = {
	jobEvents: 'subscription { jobEvents { jobId queueName type state at } }',
	alertCreated: 'subscription { alertCreated { id severity queueName message } }',
	alertAcknowledged: 'subscription { alertAcknowledged { id } }',
	queueHealthChanged: 'subscription { queueHealthChanged { queueName status } }',
};
let socket;
let mode = 'connecting';
let failures = 0;
const pollers = new Set();

/** 'live' (WebSocket), 'polling' (it failed) or 'connecting'. */
export function liveMode() {
	return mode;
}

function setMode(next) {
	mode = next;
	const badge = document.getElementById('live');
	if (badge) {
		badge.textContent = next === 'live' ? 'live' : next === 'polling' ? 'polling (no WebSocket)' : 'connecting';
		badge.className = `live ${next}`;
	}
}

/** Calls callback(event) for every event of a subscription until the returned function is called. */
export function on(subscription, callback) {
	if (!listeners.has(subscription)) {
		listeners.set(subscription, new Set());
	}
	listeners.get(subscription).add(callback);
	return () => listeners.get(subscription).delete(callback);
}

/** Calls poll every intervalMs, but only while the WebSocket is down. */
export function whenNotLive(poll, intervalMs = 5000) {
	const entry = { poll, intervalMs, last: Date.now() };
	pollers.add(entry);
	return () => pollers.delete(entry);
}

setInterval(() => {
	if (mode !== 'polling') {
		return;
	}
	const now = Date.now();
	for (const entry of pollers) {
		if (now - entry.last >= entry.intervalMs) {
			entry.last = now;
			Promise.resolve(entry.poll()).catch(() => {});
		}
	}
}, 1000);

export function connect() {
	const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${base}/graphql`;
	let acknowledged = false;
	try {
		socket = new WebSocket(url, 'graphql-transport-ws');
	} catch (e) {
		fail();
		return;
	}
	socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
	socket.onmessage = (message) => {
		const data = JSON.parse(message.data);
		if (data.type === 'connection_ack') {
			acknowledged = true;
			failures = 0;
			setMode('live');
			for (const [id, query] of Object.entries(SUBSCRIPTIONS)) {
				socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
			}
		} else if (data.type === 'next') {
			const event = data.payload?.data?.[data.id];
			if (event) {
				for (const callback of listeners.get(data.id) ?? []) {
					try {
						callback(event);
					} catch (e) {
						console.warn('live update failed', e);
					}
				}
			}
		} else if (data.type === 'ping') {
			socket.send(JSON.stringify({ type: 'pong' }));
		}
	};
	socket.onclose = () => {
		if (!acknowledged) {
			failures++;
		}
		fail();
	};
}

function fail() {
	setMode('polling');
	// try the WebSocket again, less often after each failure
	setTimeout(connect, Math.min(60000, 2000 * 2 ** Math.min(failures, 5)));
}

// ---- DOM helpers ----

/** Builds an element; text children are text nodes (never parsed as HTML). */
export function h(tag, attributes = {}, ...children) {
	const element = document.createElement(tag);
	for (const [key, value] of Object.entries(attributes ?? {})) {
		if (value === undefined || value === null || value === false) {
			continue;
		}
		if (key.startsWith('on') && typeof value === 'function') {
			element.addEventListener(key.slice(2).toLowerCase(), value);
		} else if (key === 'class') {
			element.className = value;
		} else if (key === 'value') {
			element.value = value;
		} else {
			element.setAttribute(key, value === true ? '' : value);
		}
	}
	for (const child of children.flat()) {
		if (child !== undefined && child !== null && child !== false) {
			element.append(child instanceof Node ? child : String(child));
		}
	}
	return element;
}

/** Shows a short message for a few seconds. */
export function toast(message, error = false) {
	const box = document.getElementById('toast');
	box.textContent = message;
	box.className = `toast shown${error ? ' error' : ''}`;
	clearTimeout(box.timer);
	box.timer = setTimeout(() => (box.className = 'toast'), 5000);
}

/** Runs a mutation from a button: disables it meanwhile, reports the outcome. */
export async function act(button, run, done) {
	button.disabled = true;
	try {
		const result = await run();
		if (done) {
			toast(done);
		}
		return result;
	} catch (e) {
		toast(`${e.code ? e.code + ': ' : ''}${e.message}`, true);
		return undefined;
	} finally {
		button.disabled = false;
	}
}

export function time(value) {
	if (!value) {
		return '—';
	}
	const date = new Date(value);
	return date.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function ago(value) {
	if (!value) {
		return '—';
	}
	const seconds = Math.round((Date.now() - new Date(value).getTime()) / 1000);
	const future = seconds < 0;
	const s = Math.abs(seconds);
	const text = s < 60 ? `${s} s` : s < 3600 ? `${Math.round(s / 60)} min` : s < 86400 ? `${Math.round(s / 3600)} h`
		: `${Math.round(s / 86400)} d`;
	return future ? `in ${text}` : `${text} ago`;
}

export function number(value, digits = 0) {
	if (value === null || value === undefined) {
		return '—';
	}
	return Number(value).toLocaleString(undefined, { maximumFractionDigits: digits });
}

export function ms(value) {
	if (value === null || value === undefined) {
		return '—';
	}
	return value >= 10000 ? `${number(value / 1000, 1)} s` : `${number(value)} ms`;
}

export function badge(status) {
	return h('span', { class: `badge ${String(status).toLowerCase()}` }, String(status));
}

export function json(value) {
	return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}

/** A table with a caption (for screen readers) and a header row. */
export function table(caption, headers, rows, empty = 'Nothing to show.') {
	return h('div', { class: 'table-wrap' },
		h('table', {},
			h('caption', { class: 'sr-only' }, caption),
			h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
			h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, empty)))));
}

/** Replaces an element's children, leaving out null, undefined and false. */
export function put(element, ...children) {
	element.replaceChildren(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
}

/**
 * Calls fn at most once per waitMs, waitMs after the first of a run of calls: under a
 * steady stream of events it still runs (a debounce would wait for a pause forever).
 */
export function throttle(fn, waitMs) {
	let timer = null;
	return () => {
		if (timer === null) {
			timer = setTimeout(() => {
				timer = null;
				fn();
			}, waitMs);
		}
	};
}

/** Fires fn at most once per waitMs, at the end of a burst of calls. */
export function debounce(fn, waitMs) {
	let timer;
	return (...args) => {
		clearTimeout(timer);
		timer = setTimeout(() => fn(...args), waitMs);
	};
}

/** A labelled form field. */
export function field(label, input) {
	const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
	input.id = id;
	return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

export function errorBox(e) {
	return h('p', { class: 'message error', role: 'alert' }, `${e.code ? e.code + ': ' : ''}${e.message}`);
}
