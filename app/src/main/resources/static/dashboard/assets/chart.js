// Small line charts as inline SVG: no library, nothing fetched.

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attributes) {
	const element = document.createElementNS(NS, tag);
	for (const [key, value] of Object.entries(attributes)) {
		element.setAttribute(key, value);
	}
	return element;
}

/**
 * A line chart of points [{ t: Date, v: number }], oldest first, with a title, a y-axis
 * maximum label and a text summary for screen readers.
 */
export function lineChart(title, points, { unit = '', color = 'var(--accent)' } = {}) {
	const width = 560;
	const height = 160;
	const pad = { left: 44, right: 8, top: 12, bottom: 22 };
	const figure = document.createElement('figure');
	figure.className = 'chart';
	const caption = document.createElement('figcaption');
	caption.textContent = title;
	figure.append(caption);
	const values = points.map((p) => p.v);
	const max = Math.max(1, ...values);
	const last = values.length ? values[values.length - 1] : null;
	const chart = svg('svg', {
		viewBox: `0 0 ${width} ${height}`, role: 'img',
		'aria-label': points.length
			? `${title}: ${points.length} points, latest ${fmt(last)}${unit}, highest ${fmt(Math.max(...values))}${unit}`
			: `${title}: no history yet`,
		preserveAspectRatio: 'none',
	});
	const plotW = width - pad.left - pad.right;
	const plotH = height - pad.top - pad.bottom;
	for (const fraction of [0, 0.5, 1]) {
		const y = pad.top + plotH * (1 - fraction);
		chart.append(svg('line', { x1: pad.left, x2: width - pad.right, y1: y, y2: y, class: 'grid' }));
		const label = svg('text', { x: pad.left - 6, y: y + 4, 'text-anchor': 'end', class: 'axis' });
		label.textContent = fmt(max * fraction);
		chart.append(label);
	}
	if (points.length > 1) {
		const t0 = points[0].t.getTime();
		const span = Math.max(1, points[points.length - 1].t.getTime() - t0);
		const path = points.map((p, i) => {
			const x = pad.left + ((p.t.getTime() - t0) / span) * plotW;
			const y = pad.top + plotH * (1 - p.v / max);
			return `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`;
		}).join(' ');
		chart.append(svg('path', { d: path, fill: 'none', stroke: color, 'stroke-width': 2, class: 'line' }));
		for (const [x, anchor, t] of [[pad.left, 'start', points[0].t], [width - pad.right, 'end',
			points[points.length - 1].t]]) {
			const label = svg('text', { x, y: height - 6, 'text-anchor': anchor, class: 'axis' });
			label.textContent = t.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
			chart.append(label);
		}
	} else {
		const label = svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'axis' });
		label.textContent = points.length ? `${fmt(last)}${unit} (one snapshot so far)` : 'No history yet';
		chart.append(label);
	}
	figure.append(chart);
	return figure;
}

function fmt(value) {
	if (value === null || value === undefined) {
		return '—';
	}
	return Number(value).toLocaleString(undefined, { maximumFractionDigits: value < 10 ? 1 : 0 });
}

/**
 * Sums (or averages) several queues' histories per snapshot time into one series.
 * histories: arrays of snapshots, newest first, each { timestamp, [key] }.
 */
export function combine(histories, key, average = false) {
	const byTime = new Map();
	for (const history of histories) {
		for (const snapshot of history ?? []) {
			// snapshots of one monitoring run share their minute
			const t = Math.round(new Date(snapshot.timestamp).getTime() / 60000) * 60000;
			const entry = byTime.get(t) ?? { sum: 0, count: 0 };
			entry.sum += Number(snapshot[key] ?? 0);
			entry.count++;
			byTime.set(t, entry);
		}
	}
	return [...byTime.entries()].sort((a, b) => a[0] - b[0])
		.map(([t, entry]) => ({ t: new Date(t), v: average ? entry.sum / entry.count : entry.sum }));
}
